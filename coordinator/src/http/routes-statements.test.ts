import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLease, T0, TestChain } from '../ledger/ledger.test-support.js';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('statement routes (real coordinator, PGlite ledger)', () => {
  let c: Coord;
  const get = async (path: string, role: 'viewer' | null = 'viewer') => {
    const res = await c.call('GET', path, role ? { role } : {});
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & {
        items?: { seq: number | null; kind: string }[];
        nextCursor?: string | null;
      },
    };
  };
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  it('serves statements newest first with a cursor, and clear errors', async () => {
    const l = await openLease(c.ledger, { topUp: 10_000, hold: 5_000 });
    await c.ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [1, 2, 3]));
    await c.ledger.reconcile(T0 + 10_000);

    const first = await get(`/api/v1/sites/${l.siteId}/statement?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items?.map((e) => e.seq)).toEqual([3, 2]);
    const second = await get(
      `/api/v1/sites/${l.siteId}/statement?limit=2&cursor=${first.body.nextCursor ?? ''}`,
    );
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.items?.map((e) => e.seq)).toEqual([1]);

    const cust = await get(`/api/v1/customers/${l.customerId}/statement`);
    expect(cust.body.items?.map((e) => e.kind)).toEqual(['burn', 'burn', 'burn', 'hold', 'top_up']);

    const bad = await get(`/api/v1/sites/${l.siteId}/statement?limit=5000&cursor=x`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(bad.body)).toContain('cursor');
    const badId = await get('/api/v1/customers/-nope/statement');
    expect(badId).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    expect((await get(`/api/v1/sites/${l.siteId}/statement`, null)).status).toBe(401);
  });
});
