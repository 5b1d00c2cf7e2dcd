import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { pb, type edgefleet } from '@edgefleet/proto';
import { createCoordinatorMetrics } from '../metrics.js';
import { AcquireQueue, type QueueOutcome } from '../leases/acquire-queue.js';
import { NoSiteForModelError } from '../leases/errors.js';
import { QueueHistory } from './queue-history.js';

const MIN = 60_000;
const T0 = 1_700_000_040_000; // a whole minute
const ev = (outcome: QueueOutcome, atMs: number, waitedMs = 0, customerId = 'c') => ({
  outcome,
  customerId,
  atMs,
  waitedMs,
});

describe('QueueHistory', () => {
  it('has no data until the queue is used: no points, null percentiles', () => {
    const h = new QueueHistory();
    const v = h.view(T0);
    expect(v).toMatchObject({ used: false, now: null, bucketMs: MIN, points: [] });
    expect(v.hour).toMatchObject({ granted: 0, waitP50Ms: null, waitP95Ms: null, waitMaxMs: null });
    expect(v.hour.outcomes).toEqual({
      granted: 0,
      timeout: 0,
      full: 0,
      no_site: 0,
      cancelled: 0,
      abandoned: 0,
      error: 0,
    });
  });

  it('counts outcomes per minute and the granted waits’ percentiles, one point a minute from the first use', () => {
    const h = new QueueHistory();
    // minute 0: 100 granted waiting 1..100 ms, 2 timeouts; minute 1: nothing; minute 2: 1 full
    for (let i = 1; i <= 100; i++) h.record(ev('granted', T0 + 500 + i, i));
    h.record(ev('timeout', T0 + 30_000, 5000));
    h.record(ev('timeout', T0 + 31_000, 5000));
    h.record(ev('full', T0 + 2 * MIN + 1));
    const v = h.view(T0 + 3 * MIN + 10);
    expect(v.used).toBe(true);
    expect(v.points.map((p) => p.t)).toEqual([T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
    expect(v.points[0]).toMatchObject({
      granted: 100,
      waitP50Ms: 50,
      waitP95Ms: 95,
      waitP99Ms: 99,
      waitMaxMs: 100,
      outcomes: { granted: 100, timeout: 2, full: 0 },
    });
    // a minute in which nothing left the queue: zero outcomes, no wait figures (no data)
    expect(v.points[1]).toMatchObject({
      granted: 0,
      waitP50Ms: null,
      outcomes: { granted: 0, timeout: 0 },
    });
    expect(v.points[2]?.outcomes.full).toBe(1);
    expect(v.hour).toMatchObject({
      granted: 100,
      waitP95Ms: 95,
      outcomes: { granted: 100, timeout: 2, full: 1 },
    });
  });

  it('keeps the last hour only, and a bounded sample of waits per minute', () => {
    const h = new QueueHistory(MIN, 60, 10, () => 0.99);
    for (let m = 0; m < 90; m++) h.record(ev('granted', T0 + m * MIN, m));
    for (let i = 0; i < 50; i++) h.record(ev('granted', T0 + 89 * MIN + 1, 1000 + i));
    const v = h.view(T0 + 89 * MIN + 5);
    expect(v.points).toHaveLength(60);
    expect(v.points[0]?.t).toBe(T0 + 30 * MIN);
    expect(v.points[59]).toMatchObject({ granted: 51, outcomes: { granted: 51 } });
    expect(v.hour.granted).toBe(59 + 51);
  });

  it('follows a real acquire queue: its waiting customers now, and how its requests left', async () => {
    let free = 0;
    const acquire = async (r: edgefleet.v1.AcquireRequest) => {
      await Promise.resolve();
      if (free <= 0)
        throw new NoSiteForModelError(r.model, { considered: 1, rejected: { capacity: 1 } });
      free--;
      return new pb.AcquireResponse({ primary: new pb.Lease({ hold_id: 'h' }) });
    };
    const q = new AcquireQueue(
      acquire,
      async () => {
        free++; // a grant handed back (none in this test)
      },
      {
        maxWaiting: 10,
        maxPerCustomer: 10,
        maxWaitMs: 5000,
        retryMs: 10,
        triesPerWake: 8,
        weights: { gold: 3 },
      },
      createCoordinatorMetrics(),
      createLogger('test', 'silent'),
    );
    const h = new QueueHistory();
    h.follow(q);
    const req = (customer_id: string, max_queue_ms: number) =>
      new pb.AcquireRequest({ customer_id, model: 'm', max_queue_ms, budget_micro_tokens: 1 });
    const gold = q.acquire(req('gold', 5000));
    const late = q.acquire(req('acme', 30));
    await expect(late).rejects.toMatchObject({ code: 'QUEUE_TIMEOUT' });
    const v = h.view(Date.now());
    expect(v.used).toBe(true);
    expect(v.now?.customers).toEqual([
      expect.objectContaining({ customerId: 'gold', waiting: 1, weight: 3, headPosition: 0 }),
    ]);
    expect(v.hour.outcomes.timeout).toBe(1);
    free = 1;
    q.kick();
    await expect(gold).resolves.toBeTruthy();
    const after = h.view(Date.now());
    expect(after.now).toMatchObject({ waiting: 0, customers: [] });
    expect(after.hour.outcomes).toMatchObject({ granted: 1, timeout: 1 });
    expect(after.hour.waitMaxMs).toBeGreaterThanOrEqual(30);
    q.close();
  });
});
