const BASE_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);

/**
 * Latency histogram with bounded memory: log-spaced buckets 1 % apart (from 0.01 ms), so a
 * quantile is within 1 % of the true sample; count, min, max and mean are exact. Millions of
 * samples from thousands of vehicles cost a few thousand buckets at most.
 */
export class LatencyHistogram {
  private readonly buckets = new Map<number, number>();
  private n = 0;
  private sum = 0;
  private lo = Infinity;
  private hi = -Infinity;

  get count(): number {
    return this.n;
  }

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const i = ms <= BASE_MS ? 0 : Math.ceil(Math.log(ms / BASE_MS) / LOG_GROWTH);
    this.buckets.set(i, (this.buckets.get(i) ?? 0) + 1);
    this.n += 1;
    this.sum += ms;
    if (ms < this.lo) this.lo = ms;
    if (ms > this.hi) this.hi = ms;
  }

  /** Nearest-rank quantile (q in [0, 1]), clamped to the exact min and max; undefined while empty. */
  quantile(q: number): number | undefined {
    if (this.n === 0) return undefined;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.n));
    if (rank === 1) return this.lo;
    if (rank === this.n) return this.hi;
    let seen = 0;
    for (const i of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(i) ?? 0;
      if (seen >= rank) return Math.min(this.hi, Math.max(this.lo, BASE_MS * GROWTH ** i));
    }
    return this.hi;
  }

  get min(): number | undefined {
    return this.n ? this.lo : undefined;
  }

  get max(): number | undefined {
    return this.n ? this.hi : undefined;
  }

  get mean(): number | undefined {
    return this.n ? this.sum / this.n : undefined;
  }
}
