import { EdgefleetError, describeError, type Logger } from '@edgefleet/common';
import type { Alert } from './alerts.js';

/** What the webhook receives: one JSON object per POST. */
export interface AlertEvent {
  event: 'alert.raised' | 'alert.resolved' | 'alert.acked';
  alert: Alert;
  /** The coordinator's clock when it queued the event. */
  atMs: number;
}

export interface AlertWebhookSettings {
  url: string;
  /** Attempts per event before it is dropped (counted, logged). */
  maxAttempts: number;
  /** Wait before the 2nd attempt; doubles each time up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** One attempt's limit. */
  timeoutMs: number;
  /** Events waiting beyond this are dropped (oldest first): a dead receiver must not grow memory. */
  maxQueue: number;
}

/** One failed delivery attempt: a non-2xx reply, or no reply (refused, reset, timed out). */
export class AlertWebhookDeliveryError extends EdgefleetError {
  constructor(url: string, status: number | null, cause?: unknown) {
    super(
      'ALERT_WEBHOOK_FAILED',
      status === null
        ? `alert webhook ${url}: ${describeError(cause)}`
        : `alert webhook ${url}: HTTP ${status}`,
      { url, status },
      cause === undefined ? undefined : { cause },
    );
  }
}

export interface AlertWebhookStats {
  /** Events the receiver took (2xx). */
  delivered: number;
  /** Attempts that failed (each retry of one event counts). */
  failedAttempts: number;
  /** Events given up on after maxAttempts, or pushed out of a full queue. */
  dropped: number;
  queued: number;
}

/**
 * Delivers alert events to `alerts.webhookUrl` by HTTP POST (JSON), one at a time and in order, each
 * retried with exponential backoff; failures are counted and logged, never thrown at the NOC.
 */
export class AlertWebhook {
  private readonly queue: AlertEvent[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly counts = { delivered: 0, failedAttempts: 0, dropped: 0 };
  private wake: (() => void) | null = null;

  constructor(
    private readonly s: AlertWebhookSettings,
    private readonly log: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms).unref()),
  ) {}

  stats(): AlertWebhookStats {
    return { ...this.counts, queued: this.queue.length };
  }

  send(e: AlertEvent): void {
    if (this.closed) return;
    this.queue.push(e);
    while (this.queue.length > this.s.maxQueue) {
      this.queue.shift();
      this.counts.dropped++;
    }
    this.running ??= this.pump().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once every queued event is delivered or dropped. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops delivering; what is queued is dropped (and counted). */
  close(): void {
    this.closed = true;
    this.counts.dropped += this.queue.length;
    this.queue.length = 0;
    this.wake?.();
  }

  private async pump(): Promise<void> {
    for (let e = this.queue.shift(); e && !this.closed; e = this.queue.shift()) {
      await this.deliver(e);
    }
  }

  private async deliver(e: AlertEvent): Promise<void> {
    let wait = this.s.backoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.post(e);
        this.counts.delivered++;
        return;
      } catch (err) {
        this.counts.failedAttempts++;
        if (attempt >= this.s.maxAttempts || this.closed) {
          this.counts.dropped++;
          this.log.error(
            { err: describeError(err), alert: e.alert.id, event: e.event, attempts: attempt },
            'alert webhook: giving up on an event',
          );
          return;
        }
        this.log.warn(
          { err: describeError(err), alert: e.alert.id, attempt, retryInMs: wait },
          'alert webhook: delivery failed, retrying',
        );
        await this.sleep(wait);
        wait = Math.min(this.s.maxBackoffMs, wait * 2);
      }
    }
  }

  private async post(e: AlertEvent): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'edgefleet-coordinator' },
        body: JSON.stringify(e),
        signal: AbortSignal.timeout(this.s.timeoutMs),
      });
    } catch (err) {
      throw new AlertWebhookDeliveryError(this.s.url, null, err);
    }
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300)
      throw new AlertWebhookDeliveryError(this.s.url, res.status);
  }
}
