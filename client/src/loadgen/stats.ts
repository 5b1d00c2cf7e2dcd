import { EdgefleetError } from '@edgefleet/common';
import { LatencyHistogram } from './histogram.js';

type Counts = Record<string, number>;

function bump(c: Counts, key: string, by = 1): void {
  c[key] = (c[key] ?? 0) + by;
}

/** The machine code of a failure (the SDK's typed errors carry one), for the error breakdown. */
export function errorCode(err: unknown): string {
  return err instanceof EdgefleetError ? err.code : err instanceof Error ? err.name : 'ERROR';
}

/** What a load-generation run counted; every vehicle writes into one instance (single-threaded). */
export class LoadStats {
  readonly latency = new LatencyHistogram();
  acquiresOk = 0;
  acquiresFailed = 0;
  readonly acquireErrors: Counts = {};
  renewsOk = 0;
  renewsFailed = 0;
  releasesOk = 0;
  releasesFailed = 0;
  readonly releaseErrors: Counts = {};
  releasedBurnedMicroTokens = 0;
  releasedMicroTokens = 0;
  infersOk = 0;
  infersFailed = 0;
  readonly inferErrors: Counts = {};
  /** Why single attempts failed (the site's code or gRPC status), whether or not the request was then served elsewhere. */
  readonly attemptFailures: Counts = {};
  sloViolations = 0;
  failovers = 0;
  hedgedRequests = 0;
  /** Requests served by a hedge lease (not the primary at the time), with or without a failed attempt first. */
  servedByHedge = 0;
  reroutes = 0;
  revokes = 0;
  expired = 0;
  watchErrors = 0;
  burnedMicroTokens = 0;
  readonly servedBySite: Counts = {};

  acquireFailed(err: unknown): void {
    this.acquiresFailed += 1;
    bump(this.acquireErrors, errorCode(err));
  }

  releaseFailed(err: unknown): void {
    this.releasesFailed += 1;
    bump(this.releaseErrors, errorCode(err));
  }

  inferFailed(err: unknown): void {
    this.infersFailed += 1;
    bump(this.inferErrors, errorCode(err));
    const failures = err instanceof EdgefleetError ? err.data['failures'] : undefined;
    if (Array.isArray(failures)) this.attemptsFailed(failures as { reason?: unknown }[]);
  }

  attemptsFailed(failures: readonly { reason?: unknown }[]): void {
    for (const f of failures)
      bump(this.attemptFailures, typeof f.reason === 'string' && f.reason ? f.reason : 'UNKNOWN');
  }

  served(siteId: string): void {
    bump(this.servedBySite, siteId);
  }
}

export interface LoadgenReport {
  config: Record<string, unknown>;
  startedAtMs: number;
  elapsedMs: number;
  /** True when the run stopped early (Ctrl-C / SIGTERM). */
  interrupted: boolean;
  acquires: { ok: number; failed: number; errors: Counts };
  renews: { ok: number; failed: number };
  releases: {
    ok: number;
    failed: number;
    errors: Counts;
    burnedMicroTokens: number;
    releasedMicroTokens: number;
  };
  infers: {
    ok: number;
    failed: number;
    errors: Counts;
    /** Failed attempts by reason (LEASE_EXPIRED, UNAVAILABLE, DEADLINE_EXCEEDED…), including those a failover recovered. */
    attemptFailures: Counts;
    /** Served per second over the run, and what the vehicles were asked to send (vehicles × rate). */
    perSecond: number;
    targetPerSecond: number;
    /** End-to-end latency of served requests as the vehicle sees it (failover and hedging included), ms. */
    latencyMs: {
      p50: number | null;
      p95: number | null;
      p99: number | null;
      max: number | null;
      mean: number | null;
    };
  };
  slo: { ms: number; violations: number };
  failovers: number;
  hedgedRequests: number;
  servedByHedge: number;
  watch: { reroutes: number; revokes: number; expired: number; errors: number };
  /** µT metered by the sites on the responses the vehicles received. */
  burnedMicroTokens: number;
  servedBySite: Counts;
}

const ms = (v: number | undefined): number | null =>
  v === undefined ? null : Math.round(v * 100) / 100;

export function buildReport(
  s: LoadStats,
  config: Record<string, unknown>,
  startedAtMs: number,
  elapsedMs: number,
  interrupted: boolean,
): LoadgenReport {
  const h = s.latency;
  return {
    config,
    startedAtMs,
    elapsedMs: Math.round(elapsedMs),
    interrupted,
    acquires: { ok: s.acquiresOk, failed: s.acquiresFailed, errors: { ...s.acquireErrors } },
    renews: { ok: s.renewsOk, failed: s.renewsFailed },
    releases: {
      ok: s.releasesOk,
      failed: s.releasesFailed,
      errors: { ...s.releaseErrors },
      burnedMicroTokens: s.releasedBurnedMicroTokens,
      releasedMicroTokens: s.releasedMicroTokens,
    },
    infers: {
      ok: s.infersOk,
      failed: s.infersFailed,
      errors: { ...s.inferErrors },
      attemptFailures: { ...s.attemptFailures },
      perSecond: elapsedMs > 0 ? Math.round((s.infersOk / elapsedMs) * 1000 * 10) / 10 : 0,
      targetPerSecond: Number(config['vehicles'] ?? 0) * Number(config['rate'] ?? 0),
      latencyMs: {
        p50: ms(h.quantile(0.5)),
        p95: ms(h.quantile(0.95)),
        p99: ms(h.quantile(0.99)),
        max: ms(h.max),
        mean: ms(h.mean),
      },
    },
    slo: { ms: Number(config['sloMs'] ?? 0), violations: s.sloViolations },
    failovers: s.failovers,
    hedgedRequests: s.hedgedRequests,
    servedByHedge: s.servedByHedge,
    watch: { reroutes: s.reroutes, revokes: s.revokes, expired: s.expired, errors: s.watchErrors },
    burnedMicroTokens: s.burnedMicroTokens,
    servedBySite: Object.fromEntries(
      Object.entries(s.servedBySite).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}
