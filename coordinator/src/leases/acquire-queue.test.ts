import type { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { pb, type edgefleet } from '@edgefleet/proto';
import { createLogger } from '@edgefleet/common';
import { createCoordinatorMetrics } from '../metrics.js';
import { AcquireQueue, type AcquireQueueSettings } from './acquire-queue.js';
import { NoSiteForModelError } from './errors.js';

const SETTINGS: AcquireQueueSettings = {
  maxWaiting: 100,
  maxPerCustomer: 100,
  maxWaitMs: 5000,
  retryMs: 20,
  triesPerWake: 8,
  weights: {},
};

/**
 * A pool of slots standing in for the lease service: Acquire succeeds while a slot is free and is
 * refused the way routing refuses a full fleet (rejected.capacity); a model it does not have is
 * refused the way routing refuses an unknown model.
 */
function pool(slots: number) {
  let free = slots;
  const order: string[] = [];
  /** Holds given back through the queue's releaseHold (a grant nobody took). */
  const released: string[] = [];
  /** While set, a grant waits for it (to abandon a request while its hold is being placed). */
  let gate: Promise<void> | undefined;
  const acquire = async (req: edgefleet.v1.AcquireRequest) => {
    await Promise.resolve();
    if (gate) await gate;
    if (req.model !== 'm')
      throw new NoSiteForModelError(req.model, { considered: 1, rejected: { model: 1 } });
    if (free <= 0)
      throw new NoSiteForModelError(req.model, { considered: 1, rejected: { capacity: 1 } });
    free--;
    order.push(req.customer_id);
    return new pb.AcquireResponse({ primary: new pb.Lease({ hold_id: `h-${order.length}` }) });
  };
  const releaseHold = async (holdId: string) => {
    await Promise.resolve();
    released.push(holdId);
    free++;
  };
  return {
    acquire,
    order,
    released,
    releaseHold,
    release: () => free++,
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

const req = (customer: string, maxQueueMs: number, model = 'm') =>
  new pb.AcquireRequest({
    customer_id: customer,
    model,
    max_queue_ms: maxQueueMs,
    budget_micro_tokens: 1,
  });

function queueOf(p: ReturnType<typeof pool>, s: Partial<AcquireQueueSettings> = {}) {
  const metrics = createCoordinatorMetrics();
  const q = new AcquireQueue(
    p.acquire,
    p.releaseHold,
    { ...SETTINGS, ...s },
    metrics,
    createLogger('test', 'silent'),
  );
  return { q, metrics };
}

async function outcome(metrics: { registry: Registry }, name: string): Promise<number> {
  const m = await metrics.registry.getSingleMetric('edgefleet_acquire_queue_outcomes_total')?.get();
  return m?.values.find((v) => v.labels['outcome'] === name)?.value ?? 0;
}

describe('AcquireQueue', () => {
  it('grants at once when a slot is free, and refuses at once without max_queue_ms', async () => {
    const p = pool(1);
    const { q } = queueOf(p);
    await expect(q.acquire(req('a', 0))).resolves.toBeTruthy();
    await expect(q.acquire(req('b', 0))).rejects.toMatchObject({ code: 'NO_SITE' });
    expect(q.size).toBe(0);
  });

  it('holds a request until a slot frees, then grants it', async () => {
    const p = pool(1);
    const { q, metrics } = queueOf(p);
    await q.acquire(req('a', 0));
    const waiting = q.acquire(req('b', 2000));
    await new Promise((r) => setTimeout(r, 60));
    expect(q.size).toBe(1);
    p.release();
    q.kick();
    await expect(waiting).resolves.toBeTruthy();
    expect(p.order).toEqual(['a', 'b']);
    expect(await outcome(metrics, 'granted')).toBe(1);
  });

  it('times out with QUEUE_TIMEOUT and refuses beyond its bound with QUEUE_FULL', async () => {
    const p = pool(0);
    const { q, metrics } = queueOf(p, { maxPerCustomer: 1 });
    const first = q.acquire(req('a', 100));
    await expect(q.acquire(req('a', 100))).rejects.toMatchObject({ code: 'QUEUE_FULL' });
    await expect(first).rejects.toMatchObject({ code: 'QUEUE_TIMEOUT' });
    expect(q.size).toBe(0);
    expect(await outcome(metrics, 'timeout')).toBe(1);
    expect(await outcome(metrics, 'full')).toBe(1);
  });

  it('does not queue what no freed slot could serve (a model no site has)', async () => {
    const { q } = queueOf(pool(0));
    await expect(q.acquire(req('a', 1000, 'other'))).rejects.toMatchObject({ code: 'NO_SITE' });
    expect(q.size).toBe(0);
  });

  it('serves waiting customers by weight as slots free, and a newcomer does not overtake them', async () => {
    const p = pool(0);
    const { q } = queueOf(p, { weights: { gold: 3 } });
    const all = [
      ...Array.from({ length: 6 }, () => q.acquire(req('flood', 5000))),
      ...Array.from({ length: 3 }, () => q.acquire(req('gold', 5000))),
    ];
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 4; i++) p.release();
    q.kick();
    await new Promise((r) => setTimeout(r, 100));
    // Of the first four served, gold (weight 3) has three, flood one.
    expect(p.order.filter((c) => c === 'gold')).toHaveLength(3);
    expect(p.order).toHaveLength(4);
    q.close();
    const settled = await Promise.allSettled(all);
    expect(
      settled
        .filter((s) => s.status === 'rejected')
        .map((s) => (s.reason as { code: string }).code),
    ).toEqual(Array(5).fill('UNAVAILABLE'));
  });

  it('tells a request that has to wait where it stands, and its expected wait once the queue has moved', async () => {
    const p = pool(0);
    const { q } = queueOf(p);
    const told: { position: number; expectedWaitMs: number | undefined }[] = [];
    const first = q.acquire(req('a', 5000), { onQueued: (i) => told.push(i) });
    const second = q.acquire(req('b', 5000), { onQueued: (i) => told.push(i) });
    await vi.waitFor(() => expect(told).toHaveLength(2));
    expect(told).toEqual([
      { position: 0, expectedWaitMs: undefined }, // the queue has never been served: no promise
      { position: 1, expectedWaitMs: undefined },
    ]);
    p.release();
    q.kick();
    await first;
    const third = q.acquire(req('c', 5000), { onQueued: (i) => told.push(i) });
    await vi.waitFor(() => expect(told).toHaveLength(3));
    const last = told.at(-1);
    expect(last?.position).toBe(1); // behind b
    expect(last?.expectedWaitMs).toBeGreaterThan(0);
    // Granted at once: not told anything.
    p.release();
    p.release();
    q.kick();
    await Promise.all([second, third]);
    const before = told.length;
    p.release();
    await q.acquire(req('d', 5000), { onQueued: (i) => told.push(i) });
    expect(told).toHaveLength(before);
  });

  it('a caller that goes away while it waits leaves the queue at once, and the slot goes to the next', async () => {
    const p = pool(0);
    const { q, metrics } = queueOf(p);
    const gone = new AbortController();
    const abandoned = q.acquire(req('a', 5000), { signal: gone.signal });
    const next = q.acquire(req('b', 5000));
    await vi.waitFor(() => expect(q.size).toBe(2));
    gone.abort();
    await expect(abandoned).rejects.toMatchObject({ code: 'QUEUE_ABANDONED' });
    expect(q.size).toBe(1);
    expect(await outcome(metrics, 'abandoned')).toBe(1);
    p.release();
    q.kick();
    await expect(next).resolves.toBeTruthy();
    expect(p.order).toEqual(['b']);
    expect(p.released).toEqual([]);
    // Already gone when it has to wait: refused without queueing.
    const late = new AbortController();
    late.abort();
    await expect(q.acquire(req('x', 5000), { signal: late.signal })).rejects.toMatchObject({
      code: 'QUEUE_ABANDONED',
    });
    expect(q.size).toBe(0);
  });

  it('a caller that goes away while its grant is being placed has the hold released, not kept for nobody', async () => {
    const p = pool(0);
    const { q, metrics } = queueOf(p);
    const gone = new AbortController();
    const waiting = q.acquire(req('a', 5000), { signal: gone.signal });
    await vi.waitFor(() => expect(q.size).toBe(1));
    const open = p.hold();
    p.release();
    q.kick();
    await new Promise((r) => setTimeout(r, 30)); // the pump is inside the grant now
    gone.abort();
    open();
    await expect(waiting).rejects.toMatchObject({ code: 'QUEUE_ABANDONED' });
    await vi.waitFor(() => expect(p.released).toEqual(['h-1']));
    expect(await outcome(metrics, 'released_unclaimed')).toBe(1);
    expect(await outcome(metrics, 'granted')).toBe(0);
  });

  it('a queued-kind request whose caller goes away during its first, direct try has that grant released', async () => {
    const p = pool(1);
    const { q } = queueOf(p);
    const gone = new AbortController();
    const open = p.hold();
    const asked = q.acquire(req('a', 5000), { signal: gone.signal });
    gone.abort();
    open();
    await expect(asked).rejects.toMatchObject({ code: 'QUEUE_ABANDONED' });
    await vi.waitFor(() => expect(p.released).toEqual(['h-1']));
  });

  it('reports who waits (per customer: weight, head wait, place) and tells listeners how each left', async () => {
    const p = pool(0);
    let t = 1_000_000;
    const metrics = createCoordinatorMetrics();
    const q = new AcquireQueue(
      p.acquire,
      p.releaseHold,
      { ...SETTINGS, weights: { gold: 2 }, maxPerCustomer: 2 },
      metrics,
      createLogger('test', 'silent'),
      () => t,
    );
    const events: { outcome: string; customerId: string; waitedMs: number }[] = [];
    q.onOutcome((e) =>
      events.push({ outcome: e.outcome, customerId: e.customerId, waitedMs: e.waitedMs }),
    );
    const flood = [q.acquire(req('flood', 5000)), q.acquire(req('flood', 5000))];
    await new Promise((r) => setTimeout(r, 5)); // each tried at once first, then queued
    t += 300;
    const gold = q.acquire(req('gold', 5000));
    await expect(q.acquire(req('flood', 5000))).rejects.toMatchObject({ code: 'QUEUE_FULL' });
    t += 200;
    const snap = q.snapshot();
    expect(snap).toMatchObject({
      atMs: t,
      waiting: 3,
      maxWaiting: 100,
      maxPerCustomer: 2,
      maxWaitMs: 5000,
    });
    expect(snap.customers).toEqual([
      { customerId: 'flood', waiting: 2, weight: 1, headWaitMs: 500, headPosition: 0 },
      { customerId: 'gold', waiting: 1, weight: 2, headWaitMs: 200, headPosition: 1 },
    ]);
    p.release();
    q.kick();
    await expect(flood[0]).resolves.toBeTruthy();
    q.close();
    await Promise.allSettled([...flood, gold]);
    expect(q.snapshot()).toMatchObject({ waiting: 0, customers: [] });
    expect(events).toEqual([
      { outcome: 'full', customerId: 'flood', waitedMs: 0 },
      { outcome: 'granted', customerId: 'flood', waitedMs: 500 },
      { outcome: 'cancelled', customerId: 'gold', waitedMs: 200 },
      { outcome: 'cancelled', customerId: 'flood', waitedMs: 500 },
    ]);
    expect(await outcome(metrics, 'cancelled')).toBe(2);
  });
});
