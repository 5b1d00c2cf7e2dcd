/**
 * Peak-EWMA load estimate of one endpoint, after Finagle's `PeakEwma` balancer and Linkerd's
 * `PeakEwma` (linkerd2-proxy): the latency estimate is an exponentially weighted moving average
 * over *time* (not over samples) that jumps straight to any sample above it ("peak") and decays
 * toward newer, lower samples with time constant `decayMs`. An endpoint is as expensive as its
 * latency times the work queued on it: cost = latency × (in-flight + 1). On top of that, each
 * recent failure adds `failurePenaltyMs`, fading with `errorDecayMs` and halved by each success,
 * so a site that refused a connection a moment ago ranks behind a slower site that answers.
 *
 * Pure: time is always passed in (ms), so the module is deterministic and unit-testable.
 */
export interface PeakEwmaOptions {
  /** Time constant of the latency average, ms (Finagle's default decay time is 10 s). */
  decayMs?: number;
  /** Latency assumed before the first sample, ms (the coordinator's expected RTT is a good prior). */
  initialLatencyMs?: number;
  /** Score added per recent failure, ms. */
  failurePenaltyMs?: number;
  /** Time constant over which the failure penalty fades, ms. */
  errorDecayMs?: number;
}

export const PEAK_EWMA_DEFAULTS: Required<PeakEwmaOptions> = {
  decayMs: 10_000,
  initialLatencyMs: 50,
  failurePenaltyMs: 1_000,
  errorDecayMs: 30_000,
};

export class PeakEwma {
  private readonly opts: Required<PeakEwmaOptions>;
  private costMs: number;
  private stampMs: number;
  private sampled = false;
  private errors = 0;
  private errorStampMs: number;
  private inflight = 0;

  constructor(nowMs: number, options: PeakEwmaOptions = {}) {
    this.opts = { ...PEAK_EWMA_DEFAULTS, ...options };
    for (const [k, v] of Object.entries(this.opts)) {
      const positive = k.endsWith('ecayMs');
      if (!Number.isFinite(v) || v < 0 || (positive && v === 0)) {
        throw new RangeError(
          `PeakEwma option ${k} must be a finite number ${positive ? '> 0' : '>= 0'} (got ${v})`,
        );
      }
    }
    this.costMs = this.opts.initialLatencyMs;
    this.stampMs = nowMs;
    this.errorStampMs = nowMs;
  }

  /** Requests started and not yet finished. */
  get pending(): number {
    return this.inflight;
  }

  /** True once a real latency sample has been observed. */
  get hasSample(): boolean {
    return this.sampled;
  }

  /** Marks a request as started (adds to the in-flight penalty until it ends). */
  start(): void {
    this.inflight += 1;
  }

  /** A request succeeded after `latencyMs`. */
  success(latencyMs: number, nowMs: number): void {
    this.end();
    this.observe(latencyMs, nowMs);
    this.errors = this.decayedErrors(nowMs) / 2;
    this.errorStampMs = nowMs;
  }

  /**
   * A request failed because of the endpoint. `elapsedMs`, when given (a timeout), is also a
   * latency lower bound: the endpoint took at least that long.
   */
  failure(nowMs: number, elapsedMs?: number): void {
    this.end();
    if (elapsedMs !== undefined) this.observe(elapsedMs, nowMs);
    this.errors = this.decayedErrors(nowMs) + 1;
    this.errorStampMs = nowMs;
  }

  /** A request was abandoned (another attempt won): it took at least `elapsedMs`. */
  abandon(elapsedMs: number, nowMs: number): void {
    this.end();
    this.observe(elapsedMs, nowMs);
  }

  /** A request ended for a reason that says nothing about the endpoint. */
  discard(): void {
    this.end();
  }

  /** The peak-EWMA latency estimate at `nowMs` (decays while idle). */
  latencyMs(nowMs: number): number {
    if (!this.sampled) return this.costMs;
    return this.costMs * Math.exp(-Math.max(0, nowMs - this.stampMs) / this.opts.decayMs);
  }

  /** Recent failures, each fading with `errorDecayMs`. */
  errorScore(nowMs: number): number {
    return this.decayedErrors(nowMs);
  }

  /** Lower is better: latency × (in-flight + 1) + recent failures × failure penalty. */
  score(nowMs: number): number {
    return (
      this.latencyMs(nowMs) * (this.inflight + 1) +
      this.decayedErrors(nowMs) * this.opts.failurePenaltyMs
    );
  }

  private observe(latencyMs: number, nowMs: number): void {
    const rtt = Math.max(0, Number.isFinite(latencyMs) ? latencyMs : 0);
    if (!this.sampled) {
      this.costMs = rtt;
      this.sampled = true;
    } else if (rtt > this.costMs) {
      this.costMs = rtt; // peak: react to a slowdown at once
    } else {
      const w = Math.exp(-Math.max(0, nowMs - this.stampMs) / this.opts.decayMs);
      this.costMs = this.costMs * w + rtt * (1 - w);
    }
    this.stampMs = Math.max(this.stampMs, nowMs);
  }

  private decayedErrors(nowMs: number): number {
    if (this.errors === 0) return 0;
    return this.errors * Math.exp(-Math.max(0, nowMs - this.errorStampMs) / this.opts.errorDecayMs);
  }

  private end(): void {
    this.inflight = Math.max(0, this.inflight - 1);
  }
}
