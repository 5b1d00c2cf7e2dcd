import { describeError, type Logger } from '@edgefleet/common';

/**
 * Change numbers are taken when an UPDATE runs but become visible when it commits, so a change
 * can appear below one already seen. Each poll looks this far back again; applying a change twice
 * is harmless (the same tariff, an already revoked site).
 */
export const CHANGE_LOOKBACK = 64;
const PAGE = 1000;

/**
 * Follows a table's change numbers (each change takes the next number of a database sequence) so
 * that what one coordinator replica changes takes effect on every replica without a restart: a
 * tariff set or a site revoked (sites), a customer API key issued or revoked (customer_api_keys).
 * Polls run one at a time; a failed poll is logged and retried at the next tick, from the same number.
 */
export class ChangeFeed<T extends { seq: number }> {
  private applied: number;
  private running = false;
  /** Change numbers applied within the look-back window, so a re-read is not applied twice. */
  private readonly seen = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly o: {
      /** What the feed follows, for its log lines. */
      name: string;
      changesSince(seq: number, limit?: number): Promise<T[]>;
      apply(change: T): void;
      /** The newest change number already reflected in what this replica loaded at start. */
      from: number;
      log: Logger;
    },
  ) {
    this.applied = o.from;
  }

  /** The newest change number applied so far. */
  get position(): number {
    return this.applied;
  }

  /** One poll; returns how many changes it applied (0 when a poll is already running). */
  async poll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      let n = 0;
      for (;;) {
        const batch = await this.o.changesSince(Math.max(0, this.applied - CHANGE_LOOKBACK), PAGE);
        for (const c of batch) {
          if (this.seen.has(c.seq)) continue;
          this.seen.add(c.seq);
          this.o.apply(c);
          n++;
        }
        const top = Math.max(this.applied, batch.at(-1)?.seq ?? 0);
        const advanced = top > this.applied;
        this.applied = top;
        for (const seq of this.seen)
          if (seq <= this.applied - CHANGE_LOOKBACK) this.seen.delete(seq);
        if (!advanced || batch.length < PAGE) break;
      }
      return n;
    } finally {
      this.running = false;
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.poll().catch((err: unknown) =>
        this.o.log.warn(
          { feed: this.o.name, err: describeError(err), from: this.applied },
          'change poll failed; retrying at the next tick',
        ),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
