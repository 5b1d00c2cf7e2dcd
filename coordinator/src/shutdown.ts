import { describeError, type Logger } from '@edgefleet/common';

/** Somewhere a part that started registers how it stops. */
export interface ShutdownRegistry {
  add(step: () => Promise<void> | void): void;
}

/**
 * The coordinator's ordered shutdown: each part registers its stop as it starts, and close() runs
 * them last-first (what started last stops first), so nothing stops while something started after
 * it still uses it. A step that fails is logged and the next one still runs; close() runs once.
 */
export class ShutdownSteps implements ShutdownRegistry {
  private readonly steps: (() => Promise<void> | void)[] = [];
  private started = false;

  constructor(private readonly log: Logger) {}

  /** True once close() has begun (readiness fails from then on). */
  get closing(): boolean {
    return this.started;
  }

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  async close(): Promise<void> {
    this.started = true;
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        this.log.warn({ err: describeError(err) }, 'shutdown step failed');
      }
    }
  }
}
