import type { ModelComputeSeen } from '../fleet/site-compute.js';

/**
 * The default compute SLO: a p95 per request of at most 50 ms (the loadgen's default SLO). The
 * coordinator takes it from `noc.computeSloMs` (config.ts); this file imports no more than a type so
 * the config schema can use it.
 */
export const DEFAULT_COMPUTE_SLO_MS = 50;

/** A group's compute latency in one fleet-history sample; all null when no request was reported. */
export interface LatencyFigures {
  /** Requests in the sites' reports taken into this sample. */
  requests: number;
  /** Request-weighted mean of the sites' per-interval p50 / p95 (ms); the largest max. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyMaxMs: number | null;
  /** Share of those requests served in an interval whose p95 exceeded the SLO (0..1). */
  sloMissRate: number | null;
}

/**
 * Sums what sites report of their compute per request (telemetry `compute`: the backend's own run
 * time per request, queueing and network excluded) into one group's figures. The caller passes each
 * report once (FleetHistory takes a model's report when its request count moved). The SLO is a p95
 * target per interval: an interval misses it when its p95 exceeds `sloMs`, and all its requests
 * count as missed.
 */
export class LatencyAcc {
  private requests = 0;
  private p50 = 0;
  private p95 = 0;
  private max = 0;
  private missed = 0;

  add(reports: readonly ModelComputeSeen[], sloMs: number): void {
    for (const m of reports) {
      if (m.requests <= 0) continue;
      this.requests += m.requests;
      this.p50 += m.p50Ms * m.requests;
      this.p95 += m.p95Ms * m.requests;
      this.max = Math.max(this.max, m.maxMs);
      if (m.p95Ms > sloMs) this.missed += m.requests;
    }
  }
  figures(): LatencyFigures {
    const n = this.requests;
    const r = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      requests: n,
      latencyP50Ms: n > 0 ? r(this.p50 / n, 3) : null,
      latencyP95Ms: n > 0 ? r(this.p95 / n, 3) : null,
      latencyMaxMs: n > 0 ? r(this.max, 3) : null,
      sloMissRate: n > 0 ? r(this.missed / n, 4) : null,
    };
  }
}
