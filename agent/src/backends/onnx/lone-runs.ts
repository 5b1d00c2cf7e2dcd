import { describeError, type Logger } from '@edgefleet/common';
import type { InferenceSession } from 'onnxruntime-node';
import type { Tensor } from '../backend.js';
import type { ExecutionProvider, ModelManifest } from './manifest.js';
import { loadSession } from './session-load.js';
import { runSession } from './tensors.js';
import type { RunResult } from './worker-slots.js';

/**
 * A run no longer than this (the model's recent runs, ms) may take the JavaScript thread when it is
 * the only one in flight: blocking the thread that long costs no more than the worker hand-off it
 * saves (its two thread wake-ups: 0.2 ms at p50, 3.4 ms at p90 on the loaded 2-core bench host;
 * docs/benchmarks.md, 2026-12-07).
 */
export const LONE_RUN_MAX_MS = 2;
/**
 * And only once no run has had company for this long (ms): under parallel load the JavaScript thread
 * is the agent's bottleneck (gRPC, outbox, metering), and a run there, however short, takes from it
 * (saturation fell from 309-341 to 258-278 req/s in A/B runs without this, load 7-9, 2026-12-07).
 */
export const LONE_QUIET_MS = 1000;
const EWMA_ALPHA = 0.2;

/**
 * Worker slots' shortcut for a lone short run (runIn 'auto' with several slots): when a run would be
 * the only one in flight, none has had company for LONE_QUIET_MS, and its model's runs have lately taken at most LONE_RUN_MAX_MS (measured in
 * the workers, then here), it runs on the JavaScript thread, as with runIn 'main-thread': no
 * hand-off, same session options, same bytes, so the same outputs bit for bit, and computeMs is still
 * session.run alone. A model earns a session here only once its runs prove short, so a large model
 * is never loaded a further time. Parallel runs always go to the slots' workers.
 */
export class LoneRuns {
  private readonly sessions = new Map<string, InferenceSession>();
  private readonly loading = new Set<string>();
  private readonly recentMs = new Map<string, number>();
  private closed = false;
  private crowdedAt = -Infinity;
  /** Runs served here so far. */
  served = 0;

  constructor(
    private readonly models: ReadonlyMap<string, { manifest: ModelManifest; bytes: Uint8Array }>,
    private readonly provider: ExecutionProvider,
    private readonly intraOpThreads: number | undefined,
    private readonly log?: Logger,
    private readonly maxMs = LONE_RUN_MAX_MS,
    private readonly quietMs = LONE_QUIET_MS,
  ) {}

  /** Feeds one run's session.run time (from a worker or from here). */
  observe(model: string, ms: number): void {
    const prev = this.recentMs.get(model);
    const next = prev === undefined ? ms : prev + EWMA_ALPHA * (ms - prev);
    this.recentMs.set(model, next);
    if (next <= this.maxMs && !this.sessions.has(model) && !this.loading.has(model))
      this.load(model);
  }

  /**
   * Whether a run of `model` starting now runs here: `alone` (nothing else running or queued) and no
   * run has had company for LONE_QUIET_MS, and the model's runs are short and its session is here.
   */
  claim(model: string, alone: boolean, nowMs = performance.now()): boolean {
    if (!alone) {
      this.crowdedAt = nowMs;
      return false;
    }
    return nowMs - this.crowdedAt >= this.quietMs && this.canRun(model);
  }

  /** Whether `model`'s runs are short and its session here is loaded. */
  canRun(model: string): boolean {
    return this.sessions.has(model) && (this.recentMs.get(model) ?? Infinity) <= this.maxMs;
  }

  async run(model: string, tensors: readonly Tensor[], fetches: string[]): Promise<RunResult> {
    const session = this.sessions.get(model);
    if (!session) throw new Error(`model ${model} has no session on the JavaScript thread`);
    const { ms, tensors: outputs } = await runSession(session, model, tensors, fetches);
    this.observe(model, ms);
    this.served++;
    return { ms, tensors: outputs };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions.values()].map((s) => s.release()));
    this.sessions.clear();
  }

  private load(model: string): void {
    const v = this.models.get(model);
    if (!v) return;
    this.loading.add(model);
    loadSession(v.manifest, v.bytes, this.provider, this.intraOpThreads).then(
      async ({ session }) => {
        this.loading.delete(model);
        if (this.closed) await session.release();
        else this.sessions.set(model, session);
      },
      (err: unknown) => {
        // Stays in `loading`: the workers serve it, as before; no second try.
        this.log?.warn(
          { model, err: describeError(err) },
          'ONNX Runtime: no session on the JavaScript thread for lone runs; workers serve them all',
        );
      },
    );
  }
}
