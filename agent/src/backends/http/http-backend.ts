import type { Logger } from '@edgefleet/common';
import type { BackendRequest, BackendResult, InferenceBackend } from '../backend.js';
import { QueuedWorkCancelledError, TensorsNotSupportedError } from '../errors.js';
import { ModelNotLoadedError } from '../onnx/errors.js';
import { UpstreamUnavailableError } from './errors.js';
import { kserveInfer, kserveModel, kserveReady, type KserveModel } from './kserve-v2.js';
import { ModelWatch, type Discovery } from './model-watch.js';
import { openaiChat, openaiModels } from './openai.js';
import { CallerGone, UpstreamCall } from './upstream.js';

export interface HttpBackendOptions {
  /** Base URL of the local inference server, e.g. http://127.0.0.1:8000 (vLLM) or http://127.0.0.1:8000 (Triton HTTP). */
  url: string;
  flavor: 'openai' | 'kserve-v2';
  /** One upstream call, first byte out to last byte in; past it the call is aborted (UPSTREAM_TIMEOUT). */
  timeoutMs: number;
  /**
   * The models to offer. openai: a filter on what `GET /v1/models` lists (absent: all of them).
   * kserve-v2: required (the protocol has no list call); each is checked with `GET /v2/models/{name}`.
   */
  models?: readonly string[] | undefined;
  /** How often discovery runs again after the start. */
  discoveryIntervalMs: number;
  /** `max_tokens` sent to an OpenAI-compatible server when the request says 0. */
  defaultMaxOutputTokens: number;
  /** All tensor inputs of one KServe request together (keep under the agent's 4 MiB gRPC cap). */
  maxInputBytes: number;
  log?: Logger;
}

export interface HttpBackend extends InferenceBackend {
  readonly models: readonly string[];
  /** One discovery round now (the start awaits one; tests use it to see a change at once). */
  recheck(): Promise<void>;
  /** Configured models the upstream did not serve at the last check, and why (doctor shows them). */
  skipped(): Record<string, string>;
}

/**
 * A real local inference server behind the agent (README.md here): OpenAI-compatible chat
 * completions, streamed, or KServe v2 REST with tensors. Discovery runs before the backend is
 * returned, so the agent's first hello advertises only what the upstream serves; it then runs every
 * `discoveryIntervalMs`. Billing (`computeMs`) is the upstream call, first byte of the request out
 * to last byte of the answer in; a caller that goes away aborts the call and is billed up to then.
 */
export async function createHttpBackend(o: HttpBackendOptions): Promise<HttpBackend> {
  const base = o.url.replace(/\/+$/, '');
  const kind = `http-${o.flavor}`;
  const probe = () => new UpstreamCall(base, Math.min(o.timeoutMs, 5_000));
  const discover = async (): Promise<Discovery<KserveModel | true>> => {
    const served = new Map<string, KserveModel | true>();
    const skipped: Record<string, string> = {};
    if (o.flavor === 'openai') {
      const listed = await openaiModels(probe());
      for (const m of o.models ?? listed)
        if (listed.includes(m)) served.set(m, true);
        else skipped[m] = 'not listed by GET /v1/models';
    } else {
      await kserveReady(probe());
      for (const m of o.models ?? []) {
        try {
          served.set(m, await kserveModel(probe(), m, o.maxInputBytes));
        } catch (err) {
          skipped[m] = (err as Error).message;
        }
      }
    }
    return { served, skipped };
  };
  const watch = new ModelWatch<KserveModel | true>({
    url: base,
    discover,
    intervalMs: o.discoveryIntervalMs,
    ...(o.log ? { log: o.log } : {}),
  });
  await watch.check();
  watch.start();

  async function run(
    req: BackendRequest,
    onDelta?: (text: string) => void,
  ): Promise<BackendResult> {
    if (req.signal?.aborted)
      throw new QueuedWorkCancelledError('caller cancelled before the upstream call');
    const info = watch.get(req.model);
    if (info === undefined) {
      const h = watch.health();
      if (h !== true) throw new UpstreamUnavailableError(base, h, { model: req.model });
      throw new ModelNotLoadedError(req.model, watch.models);
    }
    if (info === true && req.tensors?.length) throw new TensorsNotSupportedError(kind);
    const call = new UpstreamCall(base, o.timeoutMs, req.signal);
    let partial = '';
    const t0 = performance.now();
    try {
      if (info === true) {
        const output = await openaiChat(
          call,
          {
            model: req.model,
            input: req.input,
            maxTokens: req.maxOutputTokens || o.defaultMaxOutputTokens,
          },
          onDelta &&
            ((t) => {
              partial += t;
              onDelta(t);
            }),
        );
        return { output, computeMs: performance.now() - t0 };
      }
      const r = await kserveInfer(call, info, req);
      return {
        output: r.output,
        tensors: r.tensors,
        computeMs: performance.now() - t0,
        ...(r.modelVersion ? { modelVersion: r.modelVersion } : {}),
      };
    } catch (err) {
      // The caller went away mid-call: the upstream worked until the abort, and that is what is billed.
      if (err instanceof CallerGone) return { output: partial, computeMs: performance.now() - t0 };
      if (err instanceof UpstreamUnavailableError) watch.soon();
      throw err;
    }
  }

  return {
    kind,
    models: watch.models,
    health: () => watch.health(),
    onModelsChange: (fn) => watch.onChange(fn),
    recheck: () => watch.check(),
    skipped: () => watch.skipped(),
    infer: (req) => run(req),
    ...(o.flavor === 'openai' ? { inferStream: (req, onDelta) => run(req, onDelta) } : {}),
    close: () => watch.stop(),
  };
}
