import { fileURLToPath } from 'node:url';
import { describeError, type Logger } from '@edgefleet/common';
import { InferenceSession } from 'onnxruntime-node';
import type { BackendRequest, BackendResult, InferenceBackend } from '../backend.js';
import { WorkQueue } from '../work-queue.js';
import { ModelLoadFailedError, ModelNotLoadedError, NoModelsLoadedError } from './errors.js';
import {
  hostProbe,
  pickExecutionProvider,
  type HostProbe,
  type ProviderChoice,
} from './execution-provider.js';
import {
  listManifests,
  readManifest,
  readVerifiedModel,
  type ExecutionProvider,
  type ManifestEntry,
  type ModelManifest,
} from './manifest.js';
import { checkInputs, fromOrt, toOrt, zeroTensor } from './tensors.js';

/** The manifests shipped with the agent (agent/models), from src/ and from dist/ alike. */
export const SHIPPED_MODEL_DIR = fileURLToPath(new URL('../../../models/', import.meta.url));

export interface OnnxBackendOptions {
  /** One folder per model, each with a manifest.json (README.md here). Default: the agent's shipped models/. */
  modelDir?: string;
  executionProvider?: ProviderChoice;
  /** Runs at once on this backend's slot. */
  concurrency?: number;
  /** Requests that may wait behind the running ones before RESOURCE_EXHAUSTED. */
  maxQueued?: number;
  /** ONNX Runtime intra-op threads per session; default: ONNX Runtime's own choice (all cores). */
  intraOpThreads?: number;
  /** Only these model names are loaded (default: every manifest found). */
  only?: readonly string[];
  log?: Logger;
  probe?: HostProbe;
}

export interface OnnxBackend extends InferenceBackend {
  readonly models: readonly string[];
  readonly executionProvider: ExecutionProvider;
  /** Models found but not loaded, with the reason (hash mismatch, not allowed on this provider, load failure). */
  readonly skipped: Readonly<Record<string, string>>;
  readonly queue: WorkQueue;
  manifest(model: string): ModelManifest | undefined;
  close(): Promise<void>;
}

interface Loaded {
  manifest: ModelManifest;
  session: InferenceSession;
}

async function load(
  entry: ManifestEntry,
  provider: ExecutionProvider,
  intraOpThreads: number | undefined,
): Promise<{ loaded: Loaded; warmMs: number }> {
  const m = entry.manifest;
  const { bytes } = await readVerifiedModel(entry);
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      ...(intraOpThreads ? { intraOpNumThreads: intraOpThreads } : {}),
    });
  } catch (err) {
    throw new ModelLoadFailedError(m.name, describeError(err), err);
  }
  try {
    for (const [kind, specs, names] of [
      ['input', m.inputs, session.inputNames],
      ['output', m.outputs, session.outputNames],
    ] as const) {
      const missing = specs.filter((s) => !names.includes(s.name)).map((s) => s.name);
      if (missing.length)
        throw new ModelLoadFailedError(
          m.name,
          `manifest names ${kind}s ${missing.join(', ')} that the model does not have (it has ${names.join(', ')})`,
        );
    }
    // Warm-up: the first run allocates and tunes; doing it here keeps that cost off the first
    // customer's bill, and its duration seeds the queue's service-time estimate.
    const feeds = Object.fromEntries(m.inputs.map((s) => [s.name, toOrt(zeroTensor(s))]));
    const t0 = performance.now();
    try {
      await session.run(feeds);
    } catch (err) {
      throw new ModelLoadFailedError(m.name, `warm-up run failed: ${describeError(err)}`, err);
    }
    return { loaded: { manifest: m, session }, warmMs: performance.now() - t0 };
  } catch (err) {
    await session.release();
    throw err;
  }
}

/**
 * In-process ONNX Runtime. At start: pick the execution provider from the hardware, read every
 * manifest, check each model file's SHA-256, load and warm it; only the models that loaded are
 * served (and advertised). Per request: check the tensors against the manifest (refusals are never
 * queued, so never billed), queue on the slot, and report session.run's own duration as the compute.
 */
export async function createOnnxBackend(o: OnnxBackendOptions = {}): Promise<OnnxBackend> {
  const modelDir = o.modelDir ?? SHIPPED_MODEL_DIR;
  const { provider, reason } = pickExecutionProvider(
    o.executionProvider ?? 'auto',
    o.probe ?? hostProbe,
  );
  o.log?.info({ provider, reason }, 'ONNX Runtime execution provider');
  const queue = new WorkQueue({
    concurrency: o.concurrency ?? 1,
    maxQueued: o.maxQueued ?? 16,
    initialServiceMs: 0,
  });
  const loaded = new Map<string, Loaded>();
  const skipped: Record<string, string> = {};
  for (const path of await listManifests(modelDir)) {
    let name = path;
    try {
      const entry = await readManifest(path);
      name = entry.manifest.name;
      if (o.only && !o.only.includes(name)) continue;
      if (loaded.has(name))
        throw new ModelLoadFailedError(name, `a second manifest with this name (${path})`);
      if (!entry.manifest.executionProviders.includes(provider)) {
        skipped[name] =
          `not allowed on ${provider} (manifest allows ${entry.manifest.executionProviders.join(', ')})`;
        continue;
      }
      const r = await load(entry, provider, o.intraOpThreads);
      loaded.set(name, r.loaded);
      queue.observe(r.warmMs);
      o.log?.info(
        {
          model: name,
          version: entry.manifest.version,
          provider,
          warmMs: Math.round(r.warmMs * 100) / 100,
        },
        'model loaded',
      );
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'MODEL_LOAD_FAILED';
      skipped[name] = `${code}: ${describeError(err)}`;
      o.log?.error({ model: name, code, err: describeError(err) }, 'model not loaded');
    }
  }
  if (loaded.size === 0) throw new NoModelsLoadedError(modelDir, skipped);
  const models = [...loaded.keys()];

  return {
    kind: 'onnx',
    models,
    executionProvider: provider,
    skipped,
    queue,
    manifest: (model) => loaded.get(model)?.manifest,
    async infer(req: BackendRequest): Promise<BackendResult> {
      const l = loaded.get(req.model);
      if (!l) throw new ModelNotLoadedError(req.model, models);
      const tensors = req.tensors ?? [];
      checkInputs(l.manifest, tensors, req.outputNames);
      const feeds = Object.fromEntries(tensors.map((t) => [t.name, toOrt(t)]));
      const fetches = req.outputNames?.length
        ? [...req.outputNames]
        : l.manifest.outputs.map((s) => s.name);
      const { out, ms } = await queue.run(
        async () => {
          const t0 = performance.now();
          const out = await l.session.run(feeds, fetches);
          return { out, ms: performance.now() - t0 };
        },
        {
          ...(req.signal ? { signal: req.signal } : {}),
          ...(req.deadlineMs !== undefined ? { deadlineMs: req.deadlineMs } : {}),
        },
      );
      return {
        output: '',
        computeMs: ms,
        tensors: fetches.map((n) => {
          const t = out[n];
          if (!t) throw new Error(`model ${req.model}: session.run returned no output ${n}`);
          return fromOrt(n, t);
        }),
        modelVersion: l.manifest.version,
        executionProvider: provider,
      };
    },
    async close() {
      await Promise.all([...loaded.values()].map((l) => l.session.release()));
      loaded.clear();
    },
  };
}
