/**
 * How fast the acquire queue is being served: grants per second over the last `windowMs` (from the
 * first grant seen when that is more recent), so a waiting caller can be told its expected wait.
 * Undefined until a grant has been seen: a queue that never moved has no rate to promise from.
 */
export class ServiceRate {
  private readonly times: number[] = [];
  private firstMs: number | undefined;

  constructor(private readonly windowMs = 60_000) {}

  /** One request served from the queue at `nowMs`. */
  note(nowMs: number): void {
    this.firstMs ??= nowMs;
    this.times.push(nowMs);
    this.trim(nowMs);
  }

  /** Grants per second, or undefined when none was seen in the window. */
  perSecond(nowMs: number): number | undefined {
    this.trim(nowMs);
    if (this.times.length === 0 || this.firstMs === undefined) return undefined;
    const span = Math.min(this.windowMs, Math.max(1000, nowMs - this.firstMs));
    return (this.times.length * 1000) / span;
  }

  private trim(nowMs: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= nowMs - this.windowMs)
      drop++;
    if (drop > 0) this.times.splice(0, drop);
  }
}
