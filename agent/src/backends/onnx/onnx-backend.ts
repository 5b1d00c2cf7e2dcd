import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describeError, type Logger } from '@edgefleet/common';
import type { InferenceSession } from 'onnxruntime-node';
import type { BackendRequest, BackendResult, InferenceBackend, Tensor } from '../backend.js';
import { WorkQueue } from '../work-queue.js';
import { ModelLoadFailedError, ModelNotLoadedError, NoModelsLoadedError } from './errors.js';
import {
  hostProbe,
  pickExecutionProvider,
  type HostProbe,
  type ProviderChoice,
} from './execution-provider.js';
import { LoneRuns } from './lone-runs.js';
import {
  listManifests,
  readManifest,
  readVerifiedModel,
  type ExecutionProvider,
  type ModelManifest,
} from './manifest.js';
import { loadSession } from './session-load.js';
import { checkInputs, runSession } from './tensors.js';
import type { LoadReport, WorkerInit } from './worker-protocol.js';
import { WorkerSlots, type RunResult } from './worker-slots.js';

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
  /**
   * ONNX Runtime intra-op threads per session. Default: ONNX Runtime's own choice (all cores) on the
   * JavaScript thread; with worker slots, cores ÷ slots (at least 1), so N workers do not each
   * start a thread per core.
   */
  intraOpThreads?: number;
  /** Only these model names are loaded (default: every manifest found). */
  only?: readonly string[];
  /**
   * 'worker': each slot's session.run in its own worker thread, so `concurrency` runs compute in
   * parallel and the agent's gRPC and outbox work never waits for one. 'main-thread': on the agent's
   * JavaScript thread (onnxruntime-node's run is synchronous there: no parallelism, no hand-off).
   * 'auto' (default): 'worker' when concurrency > 1, else 'main-thread' (one slot gains nothing from a
   * worker, and the two thread hops of a hand-off cost 0.05 ms on an idle host but ~2 ms at p50 on a
   * loaded 2-core one: docs/benchmarks.md); with 'worker' chosen so, a run that would be the only
   * one in flight, of a model whose runs take at most LONE_RUN_MAX_MS, runs on the JavaScript
   * thread, unless runs have had company within the last LONE_QUIET_MS (lone-runs.ts).
   */
  runIn?: 'auto' | 'worker' | 'main-thread';
  /** A lone run of a model whose recent runs took at most this long (ms) stays on the JavaScript thread. Default LONE_RUN_MAX_MS. */
  loneRunMaxMs?: number;
  /** A run goes to the JavaScript thread only once no run has had company for this long (ms). Default LONE_QUIET_MS. */
  loneQuietMs?: number;
  log?: Logger;
  probe?: HostProbe;
}

export interface OnnxBackend extends InferenceBackend {
  readonly models: readonly string[];
  readonly executionProvider: ExecutionProvider;
  /** Models found but not loaded, with the reason (hash mismatch, not allowed on this provider, load failure). */
  readonly skipped: Readonly<Record<string, string>>;
  readonly queue: WorkQueue;
  /** Where session.run runs ('auto' resolved; see OnnxBackendOptions.runIn). */
  readonly runIn: 'worker' | 'main-thread';
  /** Intra-op threads of each session (undefined: ONNX Runtime's own choice). */
  readonly intraOpThreads: number | undefined;
  /** The slots' workers (runIn 'worker'): restart count, and kill() for tests and drills. */
  readonly workers: WorkerSlots | undefined;
  /** Lone short runs on the JavaScript thread beside the workers ('auto' with several slots). */
  readonly loneRuns: LoneRuns | undefined;
  manifest(model: string): ModelManifest | undefined;
  close(): Promise<void>;
}

interface Verified {
  manifest: ModelManifest;
  bytes: Uint8Array;
}

/** Where session.run is called: a worker thread per slot (worker-slots.ts), or the JavaScript thread. */
interface Runner {
  run(model: string, tensors: readonly Tensor[], fetches: string[]): Promise<RunResult>;
  close(): Promise<void>;
}

function loadFailure(name: string, err: unknown): LoadReport {
  const code = (err as { code?: string }).code ?? 'MODEL_LOAD_FAILED';
  return { name, ok: false, reason: `${code}: ${describeError(err)}` };
}

/** Sessions on the agent's JavaScript thread: each run blocks it (onnxruntime-node 1.31 runs synchronously). */
async function mainThreadRunner(
  verified: Verified[],
  provider: ExecutionProvider,
  intraOpThreads: number | undefined,
): Promise<{ runner: Runner; reports: LoadReport[] }> {
  const sessions = new Map<string, InferenceSession>();
  const reports: LoadReport[] = [];
  for (const v of verified) {
    try {
      const r = await loadSession(v.manifest, v.bytes, provider, intraOpThreads);
      sessions.set(v.manifest.name, r.session);
      reports.push({ name: v.manifest.name, ok: true, warmMs: r.warmMs });
    } catch (err) {
      reports.push(loadFailure(v.manifest.name, err));
    }
  }
  const runner: Runner = {
    async run(model, tensors, fetches) {
      const session = sessions.get(model);
      if (!session) throw new Error(`model ${model} has no session`);
      return runSession(session, model, tensors, fetches);
    },
    async close() {
      await Promise.all([...sessions.values()].map((x) => x.release()));
      sessions.clear();
    },
  };
  return { runner, reports };
}

/**
 * In-process ONNX Runtime. At start: pick the execution provider from the hardware, read every
 * manifest, check each model file's SHA-256, load and warm it (in every slot's worker); only the
 * models that loaded are served (and advertised). Per request: check the tensors against the
 * manifest (refusals are never queued, so never billed), queue on the slot, run it, and report
 * session.run's own duration, measured where it runs, as the compute.
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
  const skipped: Record<string, string> = {};
  const notLoaded = (r: { name: string; reason: string }) => {
    skipped[r.name] = r.reason;
    o.log?.error({ model: r.name, err: r.reason }, 'model not loaded');
  };
  const verified: Verified[] = [];
  for (const path of await listManifests(modelDir)) {
    let name = path;
    try {
      const entry = await readManifest(path);
      name = entry.manifest.name;
      if (o.only && !o.only.includes(name)) continue;
      if (verified.some((v) => v.manifest.name === name))
        throw new ModelLoadFailedError(name, `a second manifest with this name (${path})`);
      if (!entry.manifest.executionProviders.includes(provider)) {
        skipped[name] =
          `not allowed on ${provider} (manifest allows ${entry.manifest.executionProviders.join(', ')})`;
        continue;
      }
      verified.push({ manifest: entry.manifest, bytes: (await readVerifiedModel(entry)).bytes });
    } catch (err) {
      notLoaded(loadFailure(name, err) as { name: string; reason: string });
    }
  }
  const concurrency = o.concurrency ?? 1;
  const want = o.runIn ?? 'auto';
  const runIn: 'worker' | 'main-thread' =
    want === 'auto' ? (concurrency > 1 ? 'worker' : 'main-thread') : want;
  let workers: WorkerSlots | undefined;
  let loneRuns: LoneRuns | undefined;
  let runner: Runner;
  let reports: LoadReport[];
  let intraOpThreads = o.intraOpThreads;
  if (runIn === 'worker' && verified.length > 0) {
    intraOpThreads ??= Math.max(1, Math.floor(availableParallelism() / concurrency));
    const init: WorkerInit = {
      provider,
      models: verified,
      intraOpThreads,
    };
    o.log?.info(
      { slots: concurrency, intraOpThreads: init.intraOpThreads },
      'ONNX Runtime: a worker thread per slot',
    );
    const started = await WorkerSlots.start(init, concurrency, o.log);
    const slots = started.slots;
    workers = slots;
    reports = started.reports;
    if (want === 'auto') {
      const lone = new LoneRuns(
        new Map(verified.map((v) => [v.manifest.name, v])),
        provider,
        intraOpThreads,
        o.log,
        o.loneRunMaxMs,
        o.loneQuietMs,
      );
      loneRuns = lone;
      runner = {
        // Alone: this job is the queue's only running one and nothing waits behind it.
        async run(model, tensors, fetches) {
          if (lone.claim(model, queue.active === 1 && queue.queued === 0))
            return lone.run(model, tensors, fetches);
          const r = await slots.run(model, tensors, fetches);
          lone.observe(model, r.ms);
          return r;
        },
        close: () => Promise.all([slots.close(), lone.close()]).then(() => undefined),
      };
    } else runner = slots;
  } else {
    ({ runner, reports } = await mainThreadRunner(verified, provider, o.intraOpThreads));
  }
  const loaded = new Map<string, ModelManifest>();
  for (const r of reports) {
    const manifest = verified.find((x) => x.manifest.name === r.name)?.manifest;
    if (!r.ok || !manifest) {
      notLoaded({ name: r.name, reason: r.ok ? 'not verified' : r.reason });
      continue;
    }
    loaded.set(r.name, manifest);
    queue.observe(r.warmMs);
    o.log?.info(
      {
        model: r.name,
        version: manifest.version,
        provider,
        runIn,
        warmMs: Math.round(r.warmMs * 100) / 100,
      },
      'model loaded',
    );
  }
  if (loaded.size === 0) {
    await runner.close();
    throw new NoModelsLoadedError(modelDir, skipped);
  }
  const models = [...loaded.keys()];

  return {
    kind: 'onnx',
    models,
    executionProvider: provider,
    skipped,
    queue,
    runIn,
    intraOpThreads,
    workers,
    loneRuns,
    manifest: (model) => loaded.get(model),
    async infer(req: BackendRequest): Promise<BackendResult> {
      const manifest = loaded.get(req.model);
      if (!manifest) throw new ModelNotLoadedError(req.model, models);
      const tensors = req.tensors ?? [];
      checkInputs(manifest, tensors, req.outputNames);
      const fetches = req.outputNames?.length
        ? [...req.outputNames]
        : manifest.outputs.map((s) => s.name);
      const r = await queue.run(() => runner.run(req.model, tensors, fetches), {
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.deadlineMs !== undefined ? { deadlineMs: req.deadlineMs } : {}),
      });
      return {
        output: '',
        computeMs: r.ms,
        tensors: r.tensors,
        modelVersion: manifest.version,
        executionProvider: provider,
      };
    },
    async close() {
      await runner.close();
      loaded.clear();
    },
  };
}
