/**
 * The last `capacity` successful request latencies, for the hedging delay: a hedged request is
 * sent when the first attempt has taken longer than the p95 of recent requests ("The Tail at
 * Scale", Dean & Barroso, 2013), so about 5 % of requests are hedged.
 */
export class LatencyWindow {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(readonly capacity = 128) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer (got ${capacity})`);
  }

  get size(): number {
    return this.samples.length;
  }

  add(latencyMs: number): void {
    if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
    if (this.samples.length < this.capacity) this.samples.push(latencyMs);
    else this.samples[this.next] = latencyMs;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Nearest-rank quantile (q in [0, 1]); undefined while empty. */
  quantile(q: number): number | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = Math.ceil(Math.min(1, Math.max(0, q)) * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
