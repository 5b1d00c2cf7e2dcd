import type { edgefleet } from '@edgefleet/proto';
import { describeError, type Logger } from '@edgefleet/common';
import {
  FairQueue,
  QueueAbandonedError,
  QueueClosedError,
  QueueFullError,
} from '../market/index.js';
import type { ACQUIRE_QUEUE_OUTCOMES, CoordinatorMetrics } from '../metrics.js';
import { NoSiteForModelError, waitsForCapacity } from './errors.js';
import { ServiceRate } from './service-rate.js';

export interface AcquireQueueSettings {
  maxWaiting: number;
  maxPerCustomer: number;
  maxWaitMs: number;
  retryMs: number;
  triesPerWake: number;
  weights: Readonly<Record<string, number>>;
}

type Acquire = (req: edgefleet.v1.AcquireRequest) => Promise<edgefleet.v1.AcquireResponse>;

/** Where a request that had to wait stands when it joins the queue. */
export interface QueuedInfo {
  /** 0: the next to be served. */
  position: number;
  /** At the rate the queue was served lately; undefined when it has not moved yet. */
  expectedWaitMs: number | undefined;
}

/** The caller's side of one queued Acquire. */
export interface QueueCaller {
  /** Aborted when the caller goes away (cancelled the call, its deadline passed). */
  signal?: AbortSignal;
  /** Told once, when the request has to wait (not called when it is granted at once). */
  onQueued?: (info: QueuedInfo) => void;
}

/** How a queued Acquire left the queue (the `outcome` label of edgefleet_acquire_queue_outcomes_total). */
export type QueueOutcome = (typeof ACQUIRE_QUEUE_OUTCOMES)[number];

/**
 * One request leaving the queue: `waitedMs` is how long it waited (0 for `full`: it never
 * entered), `atMs` when it left.
 */
export interface QueueOutcomeEvent {
  outcome: QueueOutcome;
  customerId: string;
  waitedMs: number;
  atMs: number;
}

/** The customers waiting now, for the NOC (GET /api/v1/fleet/queue). */
export interface QueueSnapshot {
  atMs: number;
  waiting: number;
  maxWaiting: number;
  maxPerCustomer: number;
  maxWaitMs: number;
  customers: {
    customerId: string;
    waiting: number;
    /** The customer's plan weight (leases.queue.weights, default 1). */
    weight: number;
    /** How long the customer's oldest waiting request (the head of its FIFO) has waited so far. */
    headWaitMs: number;
    /** Where that request stands in the fleet's service order (0 = served next). */
    headPosition: number;
  }[];
}

interface Waiter {
  req: edgefleet.v1.AcquireRequest;
  signal: AbortSignal | undefined;
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
 * Nothing is held while a request waits: the hold is placed by the Acquire that succeeds. A caller
 * that goes away while it waits (QueueCaller.signal) leaves the queue at once; one whose grant was
 * being placed at that moment has the hold released again, so no slot is kept for nobody.
 */
export class AcquireQueue {
  private readonly queue: FairQueue<Waiter>;
  private timer: NodeJS.Timeout | undefined;
  private pumping = false;
  private again = false;
  private closed = false;
  private readonly served = new ServiceRate();
  private readonly listeners: ((e: QueueOutcomeEvent) => void)[] = [];

  constructor(
    private readonly acquireNow: Acquire,
    /** Releases a hold granted to a caller that went away meanwhile. */
    private readonly releaseHold: (holdId: string) => Promise<unknown>,
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

  /** Calls `fn` for every request that leaves the queue (the NOC's queue history). */
  onOutcome(fn: (e: QueueOutcomeEvent) => void): void {
    this.listeners.push(fn);
  }

  /** The customers waiting now, the longest-waiting first. */
  snapshot(): QueueSnapshot {
    const t = this.now();
    const byCustomer = new Map<string, QueueSnapshot['customers'][number]>();
    this.queue.entries().forEach((e, position) => {
      const c = byCustomer.get(e.customerId);
      if (c) {
        c.waiting++;
        c.headWaitMs = Math.max(c.headWaitMs, t - e.enqueuedAtMs);
        return;
      }
      byCustomer.set(e.customerId, {
        customerId: e.customerId,
        waiting: 1,
        weight: this.s.weights[e.customerId] ?? 1,
        headWaitMs: t - e.enqueuedAtMs,
        headPosition: position,
      });
    });
    return {
      atMs: t,
      waiting: this.queue.size,
      maxWaiting: this.s.maxWaiting,
      maxPerCustomer: this.s.maxPerCustomer,
      maxWaitMs: this.s.maxWaitMs,
      customers: [...byCustomer.values()].sort(
        (a, b) => b.headWaitMs - a.headWaitMs || (a.customerId < b.customerId ? -1 : 1),
      ),
    };
  }

  async acquire(
    req: edgefleet.v1.AcquireRequest,
    caller: QueueCaller = {},
  ): Promise<edgefleet.v1.AcquireResponse> {
    const waitMs = Math.min(req.max_queue_ms ?? 0, this.s.maxWaitMs);
    if (waitMs <= 0 || this.closed) return this.acquireNow(req);
    const { signal } = caller;
    if (this.queue.size === 0) {
      let resp: edgefleet.v1.AcquireResponse | undefined;
      try {
        resp = await this.acquireNow(req);
      } catch (err) {
        if (!waitsForCapacity(err)) throw err;
      }
      if (resp) {
        if (!signal?.aborted) return resp;
        await this.releaseUnclaimed(resp);
        throw new QueueAbandonedError(req.customer_id, 0);
      }
    }
    if (signal?.aborted) throw new QueueAbandonedError(req.customer_id, 0);
    return new Promise((resolve, reject) => {
      const t = this.now();
      let ticket: number;
      const onAbort = () => {
        // Still waiting: out of the queue now. Being granted (the pump's await): the pump sees the
        // aborted signal when the grant comes back and releases it.
        if (!this.queue.cancel(ticket)) return;
        this.left('abandoned', req.customer_id, t);
        this.metrics.acquireQueueWaiting.set(this.queue.size);
        reject(new QueueAbandonedError(req.customer_id, this.now() - t));
      };
      const settle =
        <A extends unknown[]>(fn: (...a: A) => void) =>
        (...a: A) => {
          signal?.removeEventListener('abort', onAbort);
          fn(...a);
        };
      try {
        ticket = this.queue.enqueue(
          req.customer_id,
          this.s.weights[req.customer_id] ?? 1,
          { req, signal, resolve: settle(resolve), reject: settle(reject) },
          t,
          t + waitMs,
        ).ticket;
      } catch (err) {
        if (err instanceof QueueFullError) this.left('full', req.customer_id, t);
        reject(err);
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.metrics.acquireQueueWaiting.set(this.queue.size);
      if (caller.onQueued) {
        const rate = this.served.perSecond(t);
        caller.onQueued({
          position: this.queue.position(ticket) ?? 0,
          expectedWaitMs: rate === undefined ? undefined : this.queue.expectedWaitMs(ticket, rate),
        });
      }
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
      this.left('cancelled', e.customerId, e.enqueuedAtMs);
    }
    this.metrics.acquireQueueWaiting.set(0);
  }

  /**
   * A grant nobody will take: its caller went away, or the queue closed, while it was being
   * placed. The caller is told (when it was not already) and the hold is released at once.
   */
  private async dropGrant(
    w: Waiter,
    resp: edgefleet.v1.AcquireResponse,
    waitedMs: number,
  ): Promise<void> {
    if (w.signal?.aborted) w.reject(new QueueAbandonedError(w.req.customer_id, waitedMs));
    else w.reject(new QueueClosedError(w.req.customer_id));
    await this.releaseUnclaimed(resp);
  }

  /**
   * Hands a grant back. Counted apart (`released_unclaimed`): its request already left the queue
   * as abandoned or cancelled, or never entered it (the first, direct try).
   */
  private async releaseUnclaimed(resp: edgefleet.v1.AcquireResponse): Promise<void> {
    this.metrics.acquireQueueOutcomes.inc({ outcome: 'released_unclaimed' });
    const holdId = resp.primary?.hold_id;
    if (!holdId) return;
    try {
      await this.releaseHold(holdId);
    } catch (err) {
      // The hold then ends at its TTL, like any hold whose client vanished.
      this.log.warn(
        { holdId, err: describeError(err) },
        'could not release a queued grant nobody took',
      );
    }
  }

  /** Counts a request that left the queue (it entered at `enqueuedAtMs`) and tells the listeners. */
  private left(outcome: QueueOutcome, customerId: string, enqueuedAtMs: number): void {
    const atMs = this.now();
    const waitedMs = Math.max(0, atMs - enqueuedAtMs);
    this.metrics.acquireQueueOutcomes.inc({ outcome });
    if (outcome === 'granted') this.metrics.acquireQueueWaitSeconds.observe(waitedMs / 1000);
    for (const fn of this.listeners) {
      try {
        fn({ outcome, customerId, waitedMs, atMs });
      } catch (err) {
        this.log.error({ err, outcome }, 'acquire queue: an outcome listener failed');
      }
    }
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
          this.left('timeout', x.entry.customerId, x.entry.enqueuedAtMs);
        }
        let tries = 0;
        for (const entry of this.queue.entries()) {
          if (this.closed || tries++ >= this.s.triesPerWake) break;
          try {
            // Left while an earlier entry was being served (its caller went away): skip it.
            if (entry.item.signal?.aborted) continue;
            const resp = await this.acquireNow(entry.item.req);
            this.served.note(this.now());
            // Only the pump, an abandoning caller and close() remove entries; either of the last
            // two may have run during the await. Nobody takes this grant then: it goes back.
            if (!this.queue.take(entry.ticket) || entry.item.signal?.aborted) {
              await this.dropGrant(entry.item, resp, this.now() - entry.enqueuedAtMs);
              continue;
            }
            entry.item.resolve(resp);
            this.left('granted', entry.customerId, entry.enqueuedAtMs);
          } catch (err) {
            if (waitsForCapacity(err)) continue;
            this.queue.take(entry.ticket);
            entry.item.reject(err);
            const outcome = err instanceof NoSiteForModelError ? 'no_site' : 'error';
            this.left(outcome, entry.customerId, entry.enqueuedAtMs);
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
