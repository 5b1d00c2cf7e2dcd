/**
 * Application keepalive of one EdgeControl stream: a Ping every `intervalMs` (the next one only
 * once the last is answered), and `onMiss` when no Pong of that seq came back within `timeoutMs`.
 * A frozen agent (SIGSTOP, a blocked event loop) keeps its TCP connection and MQTT session alive
 * for a while; only an answer from its own event loop proves it can serve. Worst-case detection:
 * intervalMs + timeoutMs after the agent's last answer.
 */
export interface KeepaliveSettings {
  /** Between a pong and the next ping, ms. */
  intervalMs: number;
  /** A ping unanswered this long is a miss, ms. */
  timeoutMs: number;
}

/** Timer functions, replaceable in tests. */
export interface KeepaliveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: KeepaliveTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class StreamKeepalive {
  private seq = 0;
  private outstanding = 0;
  private sentAtMs = 0;
  private timer: unknown;
  private stopped = false;
  /** Round trip of the last answered ping, ms (-1 before the first). */
  lastRttMs = -1;

  constructor(
    private readonly settings: KeepaliveSettings,
    private readonly sendPing: (seq: number) => void,
    private readonly onMiss: (waitedMs: number) => void,
    private readonly timers: KeepaliveTimers = realTimers,
    private readonly now: () => number = Date.now,
  ) {}

  /** Schedules the first ping. */
  start(): void {
    this.schedulePing();
  }

  /** A pong arrived; an old or unknown seq is ignored. */
  pong(seq: number): void {
    if (this.stopped || this.outstanding === 0 || seq !== this.outstanding) return;
    this.outstanding = 0;
    this.lastRttMs = this.now() - this.sentAtMs;
    this.clear();
    this.schedulePing();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private schedulePing(): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => this.ping(), this.settings.intervalMs);
  }

  private ping(): void {
    if (this.stopped) return;
    this.seq += 1;
    this.outstanding = this.seq;
    this.sentAtMs = this.now();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.stopped = true;
      this.onMiss(this.now() - this.sentAtMs);
    }, this.settings.timeoutMs);
    this.sendPing(this.seq);
  }

  private clear(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
