import { randomUUID } from 'node:crypto';
import { EdgefleetError, describeError, type Logger } from '@edgefleet/common';
import type { AlertEvent } from './alert-event.js';
import type { AlertOutbox, ClaimedAlertEvent } from './alert-outbox.js';
import { throttledWarn } from '../throttled-warn.js';

export type { AlertEvent };

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
  /**
   * With an outbox: how often an idle deliverer looks at it for events it was not told about (other
   * replicas', a previous run's) and for a head another replica holds (default 2 s).
   */
  pollMs?: number;
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
  /** Events waiting (with an outbox: as last counted, every trim). */
  queued: number;
}

/** A failed attempt's wait before the next: backoffMs after the first, doubling up to maxBackoffMs. */
export function backoffAfter(s: AlertWebhookSettings, failedAttempts: number): number {
  return Math.min(s.maxBackoffMs, s.backoffMs * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * Delivers alert events to `alerts.webhookUrl` by HTTP POST (JSON), one at a time and in order, each
 * retried with exponential backoff; failures are counted and logged, never thrown at the NOC.
 *
 * Two queues:
 * - in memory (no outbox): `send` queues the event; what is queued when the process stops is lost;
 * - the database's outbox (migration 116), which the alert store writes in the same transaction as
 *   the change: `send` only wakes the deliverer, `start` begins delivering what earlier runs and
 *   other replicas left, and `close` leaves what is not delivered for the next run (nothing dropped).
 */
export class AlertWebhook {
  private readonly queue: AlertEvent[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly counts = { delivered: 0, failedAttempts: 0, dropped: 0 };
  private wake: (() => void) | null = null;
  /** `send` came while the deliverer was not idle: its next idle() returns at once. */
  private poked = false;
  private outboxQueued = 0;
  /** Who claims the outbox's head: this instance (a replica's process). */
  private readonly claimer = randomUUID();
  /** Aborts a POST in flight when the webhook closes (the coordinator stopping). */
  private readonly stopping = new AbortController();
  /** The outbox unreadable (the database down): said once a minute, not every poll. */
  private readonly outboxWarn: (key: string, fields: Record<string, unknown>) => void;

  constructor(
    private readonly s: AlertWebhookSettings,
    private readonly log: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms).unref()),
    private readonly outbox?: AlertOutbox,
  ) {
    this.outboxWarn = throttledWarn(
      log,
      'alert webhook: the outbox could not be read or updated (retried every poll)',
    );
  }

  stats(): AlertWebhookStats {
    return { ...this.counts, queued: this.outbox ? this.outboxQueued : this.queue.length };
  }

  /** With an outbox: starts delivering what it holds (a previous run's, other replicas'). */
  start(): void {
    if (this.outbox && !this.closed) this.running ??= this.pumpOutbox();
  }

  /**
   * An alert changed. In memory the event is queued; with an outbox the store has written it
   * already, and this only wakes the deliverer.
   */
  send(e: AlertEvent): void {
    if (this.closed) return;
    if (this.outbox) {
      this.start();
      this.poked = true;
      this.wake?.();
      return;
    }
    this.queue.push(e);
    while (this.queue.length > this.s.maxQueue) {
      this.queue.shift();
      this.counts.dropped++;
    }
    this.running ??= this.pump().finally(() => {
      this.running = null;
    });
  }

  /** In memory: resolves once every queued event is delivered or dropped. */
  async drain(): Promise<void> {
    while (this.running && !this.outbox) await this.running;
  }

  /**
   * Stops delivering. In memory what is queued is dropped (and counted); with an outbox it stays
   * there for the next run or another replica. Resolves when the deliverer has stopped.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    this.wake?.();
    if (!this.outbox) {
      this.counts.dropped += this.queue.length;
      this.queue.length = 0;
      return;
    }
    await this.running;
  }

  /** Waits `ms`, or less if `send` or `close` wakes it. */
  private idle(ms: number): Promise<void> {
    if (this.poked || this.closed) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      t.unref();
      this.wake = done;
      function done(): void {
        clearTimeout(t);
        resolve();
      }
    }).finally(() => {
      this.wake = null;
    });
  }

  /** The outbox's deliverer: trims, claims the head, posts it, removes it or schedules its retry. */
  private async pumpOutbox(): Promise<void> {
    const outbox = this.outbox;
    if (!outbox) return;
    const pollMs = this.s.pollMs ?? 2_000;
    while (!this.closed) {
      try {
        const { dropped, left } = await outbox.trim(this.s.maxQueue);
        this.outboxQueued = left;
        for (const e of dropped) {
          this.counts.dropped++;
          this.log.error(
            { alert: e.alert.id, event: e.event, eventId: e.eventId, maxQueue: this.s.maxQueue },
            'alert webhook: outbox full, dropping its oldest event',
          );
        }
        const c = await outbox.claim(this.claimer, Date.now(), this.s.timeoutMs + 5_000);
        if (c.kind === 'empty') await this.idle(pollMs);
        else if (c.kind === 'wait') await this.idle(Math.min(pollMs, Math.max(1, c.ms)));
        else await this.attempt(outbox, c.head);
      } catch (err) {
        if (this.closed) return; // the database may close under us while stopping
        this.outboxWarn('outbox', { err: describeError(err), retryInMs: pollMs });
        await this.idle(pollMs);
      }
    }
  }

  private async attempt(outbox: AlertOutbox, head: ClaimedAlertEvent): Promise<void> {
    const e = head.event;
    try {
      await this.post(e);
    } catch (err) {
      // Stopping: the claim is released (the next run or another replica sends it again at once);
      // if the database is already gone, the claim runs out on its own.
      if (this.closed) {
        await outbox
          .release(head.seq, this.claimer)
          .catch((e2: unknown) =>
            this.log.debug({ err: describeError(e2) }, 'alert webhook: claim left to run out'),
          );
        return;
      }
      this.counts.failedAttempts++;
      const attempts = head.attempts + 1;
      if (attempts >= this.s.maxAttempts) {
        this.counts.dropped++;
        this.log.error(
          { err: describeError(err), alert: e.alert.id, event: e.event, attempts },
          'alert webhook: giving up on an event',
        );
        await outbox.remove(head.seq, this.claimer);
        return;
      }
      const wait = backoffAfter(this.s, attempts);
      this.log.warn(
        { err: describeError(err), alert: e.alert.id, attempt: attempts, retryInMs: wait },
        'alert webhook: delivery failed, retrying',
      );
      await outbox.retryAt(head.seq, this.claimer, Date.now() + wait);
      return;
    }
    this.counts.delivered++;
    await outbox.remove(head.seq, this.claimer);
  }

  private async pump(): Promise<void> {
    for (let e = this.queue.shift(); e && !this.closed; e = this.queue.shift()) {
      await this.deliver(e);
    }
  }

  private async deliver(e: AlertEvent): Promise<void> {
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
        const wait = backoffAfter(this.s, attempt);
        this.log.warn(
          { err: describeError(err), alert: e.alert.id, attempt, retryInMs: wait },
          'alert webhook: delivery failed, retrying',
        );
        await this.sleep(wait);
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
        signal: AbortSignal.any([AbortSignal.timeout(this.s.timeoutMs), this.stopping.signal]),
      });
    } catch (err) {
      throw new AlertWebhookDeliveryError(this.s.url, null, err);
    }
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300)
      throw new AlertWebhookDeliveryError(this.s.url, res.status);
  }
}
