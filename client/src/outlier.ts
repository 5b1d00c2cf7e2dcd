/**
 * Outlier ejection of site endpoints, after Envoy's outlier detection: an endpoint whose Infer
 * attempt timed out or failed with a failover code `consecutiveFailures` times in a row is
 * ejected for `baseEjectionMs × n` (n = how many times it was ejected, capped at `maxEjectionMs`);
 * while ejected the SDK sends it nothing if another lease is left. At most `maxEjectionPercent` %
 * of the endpoints this client knows are ejected at once (at least one), so a fleet-wide fault
 * does not empty every session. Each success while not ejected takes one off n, so a site that
 * recovered goes back to the base ejection time.
 *
 * Pure: time is always passed in (ms), so the module is deterministic and unit-testable.
 */
export interface OutlierDetectionOptions {
  /** Failover-class failures in a row that eject an endpoint (default 1: one timeout is enough). */
  consecutiveFailures?: number;
  /** Ejection time of a first ejection, ms; the n-th lasts n × this (default 30 000, Envoy's). */
  baseEjectionMs?: number;
  /** Cap of the ejection time, ms (default 300 000, Envoy's). */
  maxEjectionMs?: number;
  /** Most endpoints ejected at once, % of the endpoints known (default 50; at least one; 0 = none). */
  maxEjectionPercent?: number;
}

export const OUTLIER_DEFAULTS: Required<OutlierDetectionOptions> = {
  consecutiveFailures: 1,
  baseEjectionMs: 30_000,
  maxEjectionMs: 300_000,
  maxEjectionPercent: 50,
};

/** An endpoint currently ejected. */
export interface Ejection {
  endpoint: string;
  siteId: string;
  ejectedAtMs: number;
  /** Ejected until this time, ms since epoch. */
  untilMs: number;
  /** How many times in a row it was ejected (the multiplier of the ejection time). */
  count: number;
}

interface HostState {
  siteId: string;
  failures: number;
  count: number;
  ejectedAtMs: number;
  untilMs: number;
}

/** Totals since the client started, for metrics. */
export interface OutlierStats {
  /** Ejections made. */
  ejections: number;
  /** Ejections not made because `maxEjectionPercent` was reached. */
  suppressed: number;
}

export class OutlierDetector {
  private readonly opts: Required<OutlierDetectionOptions>;
  private readonly hosts = new Map<string, HostState>();
  private readonly totals: OutlierStats = { ejections: 0, suppressed: 0 };

  constructor(options: OutlierDetectionOptions = {}) {
    this.opts = { ...OUTLIER_DEFAULTS, ...options };
    const { consecutiveFailures, baseEjectionMs, maxEjectionMs, maxEjectionPercent } = this.opts;
    if (!(Number.isInteger(consecutiveFailures) && consecutiveFailures >= 1))
      throw new RangeError(
        `outlierDetection.consecutiveFailures must be an integer >= 1 (got ${consecutiveFailures})`,
      );
    if (!(Number.isFinite(baseEjectionMs) && baseEjectionMs > 0))
      throw new RangeError(
        `outlierDetection.baseEjectionMs must be a finite number > 0 (got ${baseEjectionMs})`,
      );
    if (!(Number.isFinite(maxEjectionMs) && maxEjectionMs >= baseEjectionMs))
      throw new RangeError(
        `outlierDetection.maxEjectionMs must be >= baseEjectionMs (got ${maxEjectionMs})`,
      );
    if (!(
      Number.isFinite(maxEjectionPercent) &&
      maxEjectionPercent >= 0 &&
      maxEjectionPercent <= 100
    ))
      throw new RangeError(
        `outlierDetection.maxEjectionPercent must be within [0, 100] (got ${maxEjectionPercent})`,
      );
  }

  /** Makes an endpoint known (it counts toward `maxEjectionPercent`). */
  observe(endpoint: string, siteId: string): void {
    if (!this.hosts.has(endpoint))
      this.hosts.set(endpoint, { siteId, failures: 0, count: 0, ejectedAtMs: 0, untilMs: 0 });
  }

  isEjected(endpoint: string, nowMs: number): boolean {
    const h = this.hosts.get(endpoint);
    return h !== undefined && h.untilMs > nowMs;
  }

  /** An attempt on the endpoint succeeded. */
  success(endpoint: string, nowMs: number): void {
    const h = this.hosts.get(endpoint);
    if (!h) return;
    h.failures = 0;
    if (h.untilMs <= nowMs && h.count > 0) h.count -= 1;
  }

  /**
   * An attempt on the endpoint timed out or failed with a failover code. Returns the ejection
   * when this failure ejected it.
   */
  failure(endpoint: string, siteId: string, nowMs: number): Ejection | undefined {
    this.observe(endpoint, siteId);
    const h = this.hosts.get(endpoint) as HostState;
    h.failures += 1;
    if (h.untilMs > nowMs || h.failures < this.opts.consecutiveFailures) return undefined;
    if (this.ejectedCount(nowMs) >= this.maxEjected()) {
      this.totals.suppressed += 1;
      return undefined;
    }
    h.failures = 0;
    h.count += 1;
    h.ejectedAtMs = nowMs;
    h.untilMs = nowMs + Math.min(this.opts.maxEjectionMs, this.opts.baseEjectionMs * h.count);
    this.totals.ejections += 1;
    return this.view(endpoint, h);
  }

  /** Endpoints ejected at `nowMs`, soonest back first. */
  ejected(nowMs: number): Ejection[] {
    const out: Ejection[] = [];
    for (const [endpoint, h] of this.hosts) if (h.untilMs > nowMs) out.push(this.view(endpoint, h));
    return out.sort((a, b) => a.untilMs - b.untilMs);
  }

  get stats(): Readonly<OutlierStats> {
    return { ...this.totals };
  }

  private maxEjected(): number {
    if (this.opts.maxEjectionPercent === 0) return 0;
    return Math.max(1, Math.floor((this.hosts.size * this.opts.maxEjectionPercent) / 100));
  }

  private ejectedCount(nowMs: number): number {
    let n = 0;
    for (const h of this.hosts.values()) if (h.untilMs > nowMs) n += 1;
    return n;
  }

  private view(endpoint: string, h: HostState): Ejection {
    return {
      endpoint,
      siteId: h.siteId,
      ejectedAtMs: h.ejectedAtMs,
      untilMs: h.untilMs,
      count: h.count,
    };
  }
}
