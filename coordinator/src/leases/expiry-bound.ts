/**
 * A lower bound on the earliest expiry among live holds, so the expiry sweep (every
 * liveness.sweepIntervalMs) walks the holds only when one can be due, not on every quiet tick.
 * note() every expiry that appears (a new or adopted hold, one that stayed after its sweep);
 * expiries that only move later (renewals) need no note: the bound stays below them, which at
 * worst costs one early walk.
 */
export class ExpiryBound {
  private next = Infinity;

  note(expiresAtMs: number): void {
    if (expiresAtMs < this.next) this.next = expiresAtMs;
  }

  /**
   * The ids of the holds due at `nowMs` ([] without walking while the bound is in the future);
   * a walk resets the bound to the earliest expiry still ahead.
   */
  due<H extends { holdId: string; expiresAtMs: number }>(
    nowMs: number,
    holds: Iterable<H>,
  ): string[] {
    if (nowMs < this.next) return [];
    const out: string[] = [];
    let next = Infinity;
    for (const h of holds) {
      if (h.expiresAtMs <= nowMs) out.push(h.holdId);
      else if (h.expiresAtMs < next) next = h.expiresAtMs;
    }
    this.next = next;
    return out;
  }
}
