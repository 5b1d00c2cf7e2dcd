import type { edgefleet } from '@edgefleet/proto';
import type { Logger } from '@edgefleet/common';
import { FairQueue, QueueClosedError, QueueFullError } from '../market/index.js';
import type { CoordinatorMetrics } from '../metrics.js';
import { NoSiteForModelError, waitsForCapacity } from './errors.js';

export interface AcquireQueueSettings {
  maxWaiting: number;
  maxPerCustomer: number;
  maxWaitMs: number;
  retryMs: number;
  triesPerWake: number;
  weights: Readonly<Record<string, number>>;
}

type Acquire = (req: edgefleet.v1.AcquireRequest) => Promise<edgefleet.v1.AcquireResponse>;

interface Waiter {
  req: edgefleet.v1.AcquireRequest;
  resolve: (r: edgefleet.v1.AcquireResponse) => void;
  reject: (e: unknown) => void;
}

/**
 * An Acquire that asks to wait (`max_queue_ms` > 0) and finds no free slot waits here instead of
 * failing at once: in the fair queue (market/fair-queue.ts: weighted across customers by plan, FIFO
 * within one), retried in fair order whenever a hold is released and every `retryMs` while any
 * waits. A newcomer never overtakes those already waiting. It leaves granted, or refused with a
 * name: QUEUE_TIMEOUT (its wait ran out), QUEUE_FULL (the bound), NO_SITE (no site could ever serve
 * it: the model is nowhere, or every site is excluded by a constraint other than capacity).
 *
 * Nothing is held while a request waits: the hold is placed by the Acquire that succeeds.
 */
export class AcquireQueue {
  private readonly queue: FairQueue<Waiter>;
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly acquireNow: Acquire,
    private readonly s: AcquireQueueSettings,
    private readonly metrics: Pick<
      CoordinatorMetrics,
      'acquireQueueWaiting' | 'acquireQueueOutcomes' | 'acquireQueueWaitSeconds'
    >,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.queue = new FairQueue({ maxWaiting: s.maxWaiting, maxPerCustomer: s.maxPerCustomer });
  }

  get size(): number {
    return this.queue.size;
  }

  async acquire(req: edgefleet.v1.AcquireRequest): Promise<edgefleet.v1.AcquireResponse> {
    const waitMs = Math.min(req.max_queue_ms ?? 0, this.s.maxWaitMs);
    if (waitMs <= 0 || this.closed) return this.acquireNow(req);
    if (this.queue.size === 0) {
      try {
        return await this.acquireNow(req);
      } catch (err) {
        if (!waitsForCapacity(err)) throw err;
      }
    }
    return new Promise((resolve, reject) => {
      const t = this.now();
      try {
        this.queue.enqueue(
          req.customer_id,
          this.s.weights[req.customer_id] ?? 1,
          { req, resolve, reject },
          t,
          t + waitMs,
        );
      } catch (err) {
        if (err instanceof QueueFullError)
          this.metrics.acquireQueueOutcomes.inc({ outcome: 'full' });
        reject(err);
        return;
      }
      this.metrics.acquireQueueWaiting.set(this.queue.size);
      this.kick();
    });
  }

  /** A slot may have freed (a release, an expiry): try the waiting requests now. */
  kick(): void {
    if (this.queue.size === 0 || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runPump(), 0);
  }

  /** Sends every waiting request away (UNAVAILABLE: try another replica) and stops retrying. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const e of this.queue.entries()) {
      this.queue.take(e.ticket);
      e.item.reject(new QueueClosedError(e.customerId));
      this.metrics.acquireQueueOutcomes.inc({ outcome: 'cancelled' });
    }
    this.metrics.acquireQueueWaiting.set(0);
  }

  private runPump(): void {
    this.timer = undefined;
    this.pump().catch((err: unknown) => this.log.error({ err }, 'acquire queue pump failed'));
  }

  private schedule(): void {
    if (this.timer || this.queue.size === 0 || this.closed) return;
    this.timer = setTimeout(() => this.runPump(), this.s.retryMs);
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (const x of this.queue.expire(this.now())) {
          x.entry.item.reject(x.error);
          this.metrics.acquireQueueOutcomes.inc({ outcome: 'timeout' });
        }
        let tries = 0;
        for (const entry of this.queue.entries()) {
          if (this.closed || tries++ >= this.s.triesPerWake) break;
          try {
            const resp = await this.acquireNow(entry.item.req);
            // Only the pump and close() remove entries; close() may have run during the await.
            if (!this.queue.take(entry.ticket)) {
              entry.item.reject(new QueueClosedError(entry.customerId));
              continue;
            }
            entry.item.resolve(resp);
            this.metrics.acquireQueueOutcomes.inc({ outcome: 'granted' });
            this.metrics.acquireQueueWaitSeconds.observe((this.now() - entry.enqueuedAtMs) / 1000);
          } catch (err) {
            if (waitsForCapacity(err)) continue;
            this.queue.take(entry.ticket);
            entry.item.reject(err);
            this.metrics.acquireQueueOutcomes.inc({
              outcome: err instanceof NoSiteForModelError ? 'no_site' : 'error',
            });
          }
        }
      } while (this.again && !this.closed);
    } finally {
      this.pumping = false;
      this.metrics.acquireQueueWaiting.set(this.queue.size);
      this.schedule();
    }
  }
}
