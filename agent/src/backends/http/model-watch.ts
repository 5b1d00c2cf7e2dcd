import { describeError, type Logger } from '@edgefleet/common';

export interface Discovery<T> {
  /** Each model the upstream serves now (and the agent may offer), with what the backend needs of it. */
  served: Map<string, T>;
  /** Models named in the configuration that the upstream does not serve now, and why. */
  skipped: Record<string, string>;
}

/** A re-check asked for by a failed request waits at least this long after the last one. */
const MIN_RECHECK_GAP_MS = 1_000;

/**
 * What the local inference server serves, kept current: discovery at start, again every
 * `intervalMs`, and soon after a request found the upstream unavailable. `models` is one array,
 * changed in place, that the agent advertises (hello, telemetry, admission): a model the upstream
 * stops serving is withdrawn, and an upstream that goes away withdraws them all and makes the
 * backend not ready (`health`) until it answers again.
 */
export class ModelWatch<T> {
  /** What is advertised now; the same array for the backend's life. */
  readonly models: string[] = [];
  private info = new Map<string, T>();
  private problem: string | undefined = 'not checked yet';
  private lastSkipped: Record<string, string> = {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastCheckMs = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly o: {
      url: string;
      discover: () => Promise<Discovery<T>>;
      intervalMs: number;
      log?: Logger;
    },
  ) {}

  /** What the backend knows of a served model; undefined when it is not served (now). */
  get(model: string): T | undefined {
    return this.info.get(model);
  }

  /** true when the upstream answered its last check and serves at least one model; else why not. */
  health(): true | string {
    return this.problem ?? true;
  }

  /** Configured models the upstream did not serve at the last check, and why. */
  skipped(): Record<string, string> {
    return { ...this.lastSkipped };
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** One discovery round (a round already running is joined, not doubled). */
  check(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** A request found the upstream failing: check again now, unless a check ran within the last second. */
  soon(): void {
    if (Date.now() - this.lastCheckMs >= MIN_RECHECK_GAP_MS) void this.check();
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.o.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async round(): Promise<void> {
    this.lastCheckMs = Date.now();
    let next: Discovery<T>;
    let problem: string | undefined;
    try {
      next = await this.o.discover();
      if (next.served.size === 0)
        problem = `${this.o.url} serves none of the configured models${skippedText(next.skipped)}`;
    } catch (err) {
      next = { served: new Map(), skipped: {} };
      problem = describeError(err);
    }
    const before = this.models.join('\n');
    const names = [...next.served.keys()].sort();
    this.info = next.served;
    this.lastSkipped = next.skipped;
    this.models.splice(0, this.models.length, ...names);
    const wasProblem = this.problem;
    this.problem = problem;
    if (problem !== wasProblem || before !== names.join('\n')) {
      if (problem) this.o.log?.error({ upstream: this.o.url, problem }, 'upstream not ready');
      else
        this.o.log?.info(
          { upstream: this.o.url, models: names, skipped: next.skipped },
          'upstream models',
        );
      if (before !== names.join('\n'))
        for (const fn of this.listeners) {
          try {
            fn();
          } catch (err) {
            this.o.log?.error({ err: describeError(err) }, 'models-change listener failed');
          }
        }
    }
  }
}

function skippedText(skipped: Record<string, string>): string {
  const e = Object.entries(skipped);
  return e.length ? ` (${e.map(([m, r]) => `${m}: ${r}`).join('; ')})` : '';
}
