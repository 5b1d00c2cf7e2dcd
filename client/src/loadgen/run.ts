import { sleep } from '@edgefleet/common';
import { EdgefleetClient } from '../client.js';
import type { LeaseSession } from '../session.js';
import { configView, type LoadgenConfig } from './config.js';
import { LoadgenStartError } from './errors.js';
import { buildReport, LoadStats, type LoadgenReport } from './stats.js';
import { seededRandom, VehiclePath } from './topology.js';
import { acquireFor, runVehicle, type VehicleCtx } from './vehicle.js';

export interface LoadgenHooks {
  /** Stops the run early (Ctrl-C); the report is still built, marked `interrupted`. */
  signal?: AbortSignal;
  /** A progress line every `progressEveryMs` (default 5 s). */
  onProgress?: (line: string) => void;
  progressEveryMs?: number;
}

/** Vehicles start spread over this long (or a tenth of the run, if shorter), not all at once. */
const RAMP_MS = 1_000;

/**
 * Runs N virtual vehicles against a coordinator for a fixed time, each with its own SDK client
 * (its own peak-EWMA view of the sites, as in a real vehicle), and reports what they saw.
 * The first vehicle acquires before the others start: if that fails (unreachable, bad token,
 * no balance…) the run does not start and LoadgenStartError says why.
 */
export async function runLoadgen(
  cfg: LoadgenConfig,
  hooks: LoadgenHooks = {},
): Promise<LoadgenReport> {
  const stats = new LoadStats();
  const clients: EdgefleetClient[] = [];
  const newClient = () => {
    const c = new EdgefleetClient({
      coordinator: cfg.coordinator,
      customerId: cfg.customer,
      bearerToken: cfg.token,
      defaultTimeoutMs: cfg.timeoutMs,
      ...(cfg.ca ? { ca: cfg.ca } : {}),
    });
    clients.push(c);
    return c;
  };
  const rnd = seededRandom(cfg.seed);
  const stop = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    stop.abort();
  };
  hooks.signal?.addEventListener('abort', onInterrupt, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let progress: NodeJS.Timeout | undefined;
  try {
    const t0 = Date.now();
    const ctxs: VehicleCtx[] = Array.from({ length: cfg.vehicles }, (_, index) => ({
      index,
      cfg,
      stats,
      client: newClient(),
      path: new VehiclePath(cfg.topology, index, rnd, t0),
      signal: stop.signal,
    }));
    let first: LeaseSession;
    try {
      first = await acquireFor(ctxs[0] as VehicleCtx);
    } catch (err) {
      throw new LoadgenStartError(cfg.coordinator, err);
    }
    const startedAtMs = Date.now();
    let endedAtMs: number | undefined;
    stop.signal.addEventListener(
      'abort',
      () => {
        endedAtMs = Date.now();
      },
      { once: true },
    );
    timer = setTimeout(() => stop.abort(), cfg.durationS * 1000);
    if (hooks.signal?.aborted) onInterrupt();
    const every = hooks.progressEveryMs ?? 5_000;
    if (hooks.onProgress) {
      progress = setInterval(() => {
        const s = Math.round((Date.now() - startedAtMs) / 1000);
        hooks.onProgress?.(
          `loadgen: ${s}/${cfg.durationS} s · ${stats.infersOk} served, ${stats.infersFailed} failed · acquires ${stats.acquiresOk} ok, ${stats.acquiresFailed} failed`,
        );
      }, every);
      progress.unref();
    }
    const rampMs = Math.min(RAMP_MS, (cfg.durationS * 1000) / 10);
    await Promise.all(
      ctxs.map(async (ctx, i) => {
        if (i > 0) await sleep((rampMs * i) / cfg.vehicles, stop.signal);
        if (i > 0 && stop.signal.aborted) return;
        await runVehicle(ctx, i === 0 ? first : undefined);
      }),
    );
    const windowMs = (endedAtMs ?? Date.now()) - startedAtMs;
    return buildReport(stats, configView(cfg), startedAtMs, windowMs, interrupted);
  } finally {
    if (timer) clearTimeout(timer);
    if (progress) clearInterval(progress);
    hooks.signal?.removeEventListener('abort', onInterrupt);
    stop.abort();
    for (const c of clients) c.close();
  }
}
