import { QueueFullError, QueueTimeoutError } from './errors.js';

export interface FairQueueOptions {
  /** Waiting requests across all customers. */
  maxWaiting: number;
  /** Waiting requests of one customer (one flood cannot fill the fleet's queue). */
  maxPerCustomer: number;
}

export interface QueuedEntry<T> {
  readonly ticket: number;
  readonly customerId: string;
  readonly item: T;
  readonly enqueuedAtMs: number;
  readonly deadlineMs: number;
  /** Start tag (start-time fair queueing): the virtual time at which this request's turn begins. */
  readonly startTag: number;
}

export interface Expired<T> {
  entry: QueuedEntry<T>;
  error: QueueTimeoutError;
}

/**
 * Weighted fair queueing across customers, FIFO within one (start-time fair queueing, Goyal et al.
 * 1996): each request is tagged start = max(virtual time, its customer's last finish) and finish =
 * start + 1/weight; the request with the smallest start tag is served next, and the virtual time
 * advances to it. A customer with weight 2 is served twice as often as one with weight 1 while both
 * wait, and a customer that was idle gets no credit for it (no burst after silence). Bounded in size
 * (per fleet and per customer) and in time (each request's deadline), with named refusals.
 */
export class FairQueue<T> {
  private readonly waiting: QueuedEntry<T>[] = [];
  private readonly lastFinish = new Map<string, number>();
  private readonly perCustomer = new Map<string, number>();
  private virtualTime = 0;
  private nextTicket = 1;

  constructor(private readonly opts: FairQueueOptions) {}

  get size(): number {
    return this.waiting.length;
  }

  enqueue(
    customerId: string,
    weight: number,
    item: T,
    nowMs: number,
    deadlineMs: number,
  ): QueuedEntry<T> {
    const mine = this.perCustomer.get(customerId) ?? 0;
    if (this.waiting.length >= this.opts.maxWaiting) {
      throw new QueueFullError('fleet', this.opts.maxWaiting, customerId);
    }
    if (mine >= this.opts.maxPerCustomer) {
      throw new QueueFullError('customer', this.opts.maxPerCustomer, customerId);
    }
    const startTag = Math.max(this.virtualTime, this.lastFinish.get(customerId) ?? 0);
    this.lastFinish.set(customerId, startTag + 1 / Math.max(weight, 1e-9));
    const entry: QueuedEntry<T> = {
      ticket: this.nextTicket++,
      customerId,
      item,
      enqueuedAtMs: nowMs,
      deadlineMs,
      startTag,
    };
    // Keep the list sorted by (start tag, ticket): serving is a shift, a position an index.
    let i = this.waiting.length;
    while (i > 0 && before(entry, this.waiting[i - 1] as QueuedEntry<T>)) i--;
    this.waiting.splice(i, 0, entry);
    this.perCustomer.set(customerId, mine + 1);
    return entry;
  }

  /** The next request to serve, or undefined when none waits. */
  dequeue(): QueuedEntry<T> | undefined {
    const entry = this.waiting.shift();
    if (entry) {
      this.virtualTime = Math.max(this.virtualTime, entry.startTag);
      this.forget(entry);
    }
    return entry;
  }

  /** The waiting requests in the order they would be served (a snapshot). */
  entries(): readonly QueuedEntry<T>[] {
    return this.waiting.slice();
  }

  /**
   * Serves one waiting request out of turn (the ones before it could not be placed now: their
   * model or region is full while this one's is not). The virtual time moves to its start tag
   * only if that is later, so the ones it passed keep their place.
   */
  take(ticket: number): QueuedEntry<T> | undefined {
    const i = this.waiting.findIndex((e) => e.ticket === ticket);
    if (i < 0) return undefined;
    const entry = this.waiting.splice(i, 1)[0] as QueuedEntry<T>;
    this.virtualTime = Math.max(this.virtualTime, entry.startTag);
    this.forget(entry);
    return entry;
  }

  /** Removes every request whose deadline has passed, each with the refusal its caller gets. */
  expire(nowMs: number): Expired<T>[] {
    const out: Expired<T>[] = [];
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const entry = this.waiting[i] as QueuedEntry<T>;
      if (entry.deadlineMs > nowMs) continue;
      this.waiting.splice(i, 1);
      this.forget(entry);
      out.push({
        entry,
        error: new QueueTimeoutError(entry.customerId, nowMs - entry.enqueuedAtMs),
      });
    }
    return out.reverse();
  }

  /** Removes one request (its caller went away). */
  cancel(ticket: number): boolean {
    const i = this.waiting.findIndex((e) => e.ticket === ticket);
    if (i < 0) return false;
    this.forget(this.waiting.splice(i, 1)[0] as QueuedEntry<T>);
    return true;
  }

  /** 0 for the next to be served; undefined when the ticket no longer waits. */
  position(ticket: number): number | undefined {
    const i = this.waiting.findIndex((e) => e.ticket === ticket);
    return i < 0 ? undefined : i;
  }

  /** The wait a ticket can expect at the fleet's current service rate (slots freed per second). */
  expectedWaitMs(ticket: number, servedPerSecond: number): number | undefined {
    const pos = this.position(ticket);
    if (pos === undefined) return undefined;
    return servedPerSecond > 0 ? Math.round(((pos + 1) / servedPerSecond) * 1000) : Infinity;
  }

  private forget(entry: QueuedEntry<T>): void {
    const left = (this.perCustomer.get(entry.customerId) ?? 1) - 1;
    if (left > 0) this.perCustomer.set(entry.customerId, left);
    else this.perCustomer.delete(entry.customerId);
  }
}

function before<T>(a: QueuedEntry<T>, b: QueuedEntry<T>): boolean {
  return a.startTag < b.startTag || (a.startTag === b.startTag && a.ticket < b.ticket);
}
