import { sleep } from '@edgefleet/common';
import type { EdgefleetClient } from '../client.js';
import { InvalidRequestError } from '../errors.js';
import type { LeaseSession } from '../session.js';
import { LeaseEventKind } from '../types.js';
import type { LoadgenConfig } from './config.js';
import type { LoadStats } from './stats.js';
import type { VehiclePath } from './topology.js';

export interface VehicleCtx {
  index: number;
  cfg: LoadgenConfig;
  stats: LoadStats;
  client: EdgefleetClient;
  path: VehiclePath;
  /** Aborted when the run ends (duration reached or interrupted). */
  signal: AbortSignal;
}

const MAX_ACQUIRE_BACKOFF_MS = 2_000;

/**
 * Acquires a lease set at the vehicle's current position (with hedges, priority and motion),
 * renewing itself every third of the TTL; follows its Watch stream and counts what it sees.
 */
export async function acquireFor(ctx: VehicleCtx): Promise<LeaseSession> {
  const { cfg, stats } = ctx;
  const session = await ctx.client.acquire({
    model: cfg.model,
    location: ctx.path.locationAt(Date.now()),
    budgetMicroTokens: cfg.budgetMicroTokens,
    hedges: cfg.hedges,
    priority: cfg.priority,
    ttlS: cfg.ttlS,
    maxRttMs: cfg.maxRttMs,
    autoRenew: true,
    onRenew: () => {
      stats.renewsOk += 1;
    },
    onRenewError: () => {
      stats.renewsFailed += 1;
    },
  });
  stats.acquiresOk += 1;
  session.watch(
    (ev) => {
      if (ev.kind === LeaseEventKind.KIND_REROUTE) stats.reroutes += 1;
      else if (ev.kind === LeaseEventKind.KIND_EXPIRED) stats.expired += 1;
      else if (ev.kind === LeaseEventKind.KIND_REVOKE && ev.reason !== 'released')
        stats.revokes += 1;
    },
    {
      onError: () => {
        stats.watchErrors += 1;
      },
    },
  );
  return session;
}

async function release(ctx: VehicleCtx, session: LeaseSession): Promise<void> {
  try {
    const r = await session.release();
    ctx.stats.releasesOk += 1;
    ctx.stats.releasedBurnedMicroTokens += r.burnedMicroTokens;
    ctx.stats.releasedMicroTokens += r.releasedMicroTokens;
  } catch (err) {
    // Counted; the hold then ends at its TTL and the ledger voids the rest.
    ctx.stats.releaseFailed(err);
  }
}

/**
 * One virtual vehicle: keeps a lease session, sends `rate` requests per second through the SDK
 * (failover across its leases, optional hedged requests), re-acquires when the session breaks
 * (every lease failed, revoked, budget spent) or when `sessionS` has passed, and releases at the
 * end. Never throws: every failure is counted in the stats.
 */
export async function runVehicle(ctx: VehicleCtx, first?: LeaseSession): Promise<void> {
  const { cfg, stats, signal } = ctx;
  const intervalMs = 1000 / cfg.rate;
  let session = first;
  let sessionStartMs = Date.now();
  let nextAtMs = Date.now();
  let backoffMs = 0;
  let frame = 0;
  try {
    while (!signal.aborted) {
      if (!session) {
        try {
          session = await acquireFor(ctx);
          sessionStartMs = Date.now();
          backoffMs = 0;
        } catch (err) {
          stats.acquireFailed(err);
          backoffMs = Math.min(MAX_ACQUIRE_BACKOFF_MS, Math.max(100, backoffMs * 2));
          await sleep(backoffMs * (0.5 + Math.random() / 2), signal);
          continue;
        }
      }
      const waitMs = nextAtMs - Date.now();
      if (waitMs > 0) await sleep(waitMs, signal);
      if (signal.aborted) break;
      // Paced, and no catch-up burst after a slow request: at most one interval of lag is kept.
      nextAtMs = Math.max(nextAtMs + intervalMs, Date.now() - intervalMs);
      const primary = session.primary?.lease_id;
      const t0 = performance.now();
      try {
        const r = await session.infer(
          `vehicle ${ctx.index} frame ${frame++}: lane and obstacle detection`,
          {
            timeoutMs: cfg.inferTimeoutMs,
            hedgeAfterMs: cfg.hedgeAfterMs,
            maxOutputTokens: cfg.maxOutputTokens,
          },
        );
        const latencyMs = performance.now() - t0;
        stats.infersOk += 1;
        stats.latency.record(latencyMs);
        if (latencyMs > cfg.sloMs) stats.sloViolations += 1;
        stats.burnedMicroTokens += r.microTokens;
        stats.served(r.siteId);
        if (r.failures.length > 0) {
          stats.failovers += 1;
          stats.attemptsFailed(r.failures);
        }
        if (r.hedged) stats.hedgedRequests += 1;
        if (r.leaseId !== primary) stats.servedByHedge += 1;
      } catch (err) {
        stats.inferFailed(err);
        // The session is broken (every lease failed, none left, budget spent, token refused):
        // fail over to a fresh lease set. A bad request would fail anywhere: keep the session.
        if (!(err instanceof InvalidRequestError)) {
          await release(ctx, session);
          session = undefined;
        }
      }
      if (session && cfg.sessionS > 0 && Date.now() - sessionStartMs >= cfg.sessionS * 1000) {
        await release(ctx, session);
        session = undefined;
      }
    }
  } finally {
    if (session) await release(ctx, session);
  }
}
