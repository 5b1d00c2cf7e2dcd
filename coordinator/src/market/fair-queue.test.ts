import { describe, expect, it } from 'vitest';
import { QueueFullError } from './errors.js';
import { FairQueue } from './fair-queue.js';

const big = { maxWaiting: 1000, maxPerCustomer: 1000 };

function drain<T>(q: FairQueue<T>, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(q.dequeue()?.customerId ?? '-');
  return out;
}

describe('FairQueue', () => {
  it('serves customers in proportion to their weights while both wait, FIFO within one', () => {
    const q = new FairQueue<number>(big);
    for (let i = 0; i < 30; i++) q.enqueue('flood', 1, i, 0, 1e9);
    for (let i = 0; i < 10; i++) q.enqueue('gold', 2, i, 0, 1e9);
    const first15 = drain(q, 15);
    expect(first15.filter((c) => c === 'gold')).toHaveLength(10);
    expect(first15.filter((c) => c === 'flood')).toHaveLength(5);
    const rest: number[] = [];
    for (let e = q.dequeue(); e; e = q.dequeue()) rest.push(e.item);
    expect(rest).toEqual([...Array(25).keys()].map((i) => i + 5));
  });

  it('gives a customer that arrives late its share at once, and no credit for its silence', () => {
    const q = new FairQueue<number>(big);
    for (let i = 0; i < 100; i++) q.enqueue('flood', 1, i, 0, 1e9);
    drain(q, 50);
    const late = q.enqueue('late', 1, 0, 0, 1e9);
    expect(q.position(late.ticket)).toBeLessThanOrEqual(1);
    for (let i = 1; i < 20; i++) q.enqueue('late', 1, i, 0, 1e9);
    // Alternates from here on instead of serving the late customer's 20 in a row.
    expect(drain(q, 10).filter((c) => c === 'late')).toHaveLength(5);
  });

  it('refuses beyond its fleet and per-customer bounds with a named error', () => {
    const q = new FairQueue<number>({ maxWaiting: 3, maxPerCustomer: 2 });
    q.enqueue('a', 1, 0, 0, 10);
    q.enqueue('a', 1, 1, 0, 10);
    expect(() => q.enqueue('a', 1, 2, 0, 10)).toThrow(QueueFullError);
    q.enqueue('b', 1, 0, 0, 10);
    const err = (() => {
      try {
        q.enqueue('c', 1, 0, 0, 10);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(QueueFullError);
    expect((err as QueueFullError).scope).toBe('fleet');
  });

  it('expires requests past their deadline with QUEUE_TIMEOUT and the wait, and frees their places', () => {
    const q = new FairQueue<string>({ maxWaiting: 10, maxPerCustomer: 1 });
    q.enqueue('a', 1, 'short', 100, 600);
    q.enqueue('b', 1, 'long', 100, 5000);
    const expired = q.expire(700);
    expect(expired.map((x) => [x.entry.item, x.error.code, x.error.waitedMs])).toEqual([
      ['short', 'QUEUE_TIMEOUT', 600],
    ]);
    expect(q.size).toBe(1);
    expect(() => q.enqueue('a', 1, 'again', 700, 900)).not.toThrow();
  });

  it('reports position and expected wait, and forgets a cancelled ticket', () => {
    const q = new FairQueue<number>(big);
    const a = q.enqueue('a', 1, 0, 0, 1e9);
    const b = q.enqueue('b', 1, 0, 0, 1e9);
    expect(q.position(b.ticket)).toBe(1);
    expect(q.expectedWaitMs(b.ticket, 4)).toBe(500);
    expect(q.cancel(a.ticket)).toBe(true);
    expect(q.position(b.ticket)).toBe(0);
    expect(q.position(a.ticket)).toBeUndefined();
  });
});

describe('FairQueue.take', () => {
  it('serves a request out of turn and keeps the order of the ones it passed', () => {
    const q = new FairQueue<string>(big);
    const a = q.enqueue('a', 1, 'a0', 0, 1e9);
    q.enqueue('b', 1, 'b0', 0, 1e9);
    const c = q.enqueue('c', 1, 'c0', 0, 1e9);
    expect(q.take(c.ticket)?.item).toBe('c0');
    expect(q.entries().map((e) => e.item)).toEqual(['a0', 'b0']);
    expect(q.take(c.ticket)).toBeUndefined();
    expect(q.position(a.ticket)).toBe(0);
  });
});
