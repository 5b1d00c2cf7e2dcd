/**
 * Collects items and hands them over in batches: at most `maxBatch` at once, and none waits longer
 * than `flushMs` (a timer from the first item of a batch). The quota's lease notices go to an agent
 * this way: one stream write per batch instead of one per Acquire.
 */
export class NoticeBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly o: { flushMs: number; maxBatch: number; send: (batch: T[]) => void },
  ) {}

  get size(): number {
    return this.pending.length;
  }

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.o.maxBatch) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.o.flushMs);
      this.timer.unref?.();
    }
  }

  /** Sends what is pending now (nothing when empty). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.o.send(batch);
  }

  /** Drops what is pending (the stream is gone) and stops the timer. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
