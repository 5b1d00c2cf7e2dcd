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
    // The hold was placed from this replica's slice of the balance, funded from it first (delta 0).
    expect(cust.body.items?.map((e) => e.kind)).toEqual([
      'burn',
      'burn',
      'burn',
      'hold',
      'slice_fund',
      'top_up',
    ]);
    // No package bought: burns are priced at the configured token price (1.50 EUR by default).
    expect(cust.body['totals']).toMatchObject({
      burnedMicroTokens: 6,
      burned: { minor: 0, currency: 'EUR', text: '0.00 EUR' },
      rate: { source: 'list', perToken: '1.50 EUR' },
    });

    const bad = await get(`/api/v1/sites/${l.siteId}/statement?limit=5000&cursor=x`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(bad.body)).toContain('cursor');
    const badId = await get('/api/v1/customers/-nope/statement');
    expect(badId).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    expect((await get(`/api/v1/sites/${l.siteId}/statement`, null)).status).toBe(401);
  });

  it("shows each burn's money and the page's totals at the customer's package price", async () => {
    const customerId = 'stmt-money-cust';
    // 100.00 EUR for 3 tokens: a price per token that is no whole number of cents.
    await c.packages.define({
      id: 'stmt-3',
      name: '3 H100-hours',
      microTokens: 3_000_000,
      currency: 'EUR',
      priceMinor: 10_000,
      validMs: 86_400_000,
    });
    await c.packages.buy({ purchaseId: 'stmt-buy-1', customerId, packageId: 'stmt-3' });
    const l = await openLease(c.ledger, { customerId, topUp: 1, hold: 2_500_000 });
    await c.ledger.stageBurns(
      l.siteId,
      new TestChain(l.siteId).many(l.leaseId, [1_000_000, 1_000_000, 150]),
    );
    await c.ledger.reconcile(T0 + 10_000);
    const s = await get(`/api/v1/customers/${customerId}/statement`);
    const items = s.body.items as unknown as {
      kind: string;
      amount: number;
      money?: { text: string };
    }[];
    expect(items.filter((e) => e.kind === 'burn').map((e) => [e.amount, e.money?.text])).toEqual([
      [150, '0.01 EUR'], // 0.5 cent, half up
      [1_000_000, '33.33 EUR'],
      [1_000_000, '33.33 EUR'],
    ]);
    expect(items.filter((e) => e.kind !== 'burn').every((e) => e.money === undefined)).toBe(true);
    expect(s.body['totals']).toEqual({
      burnedMicroTokens: 2_000_150,
      burned: { minor: 6_667, currency: 'EUR', text: '66.67 EUR' },
      rate: {
        currency: 'EUR',
        minor: 10_000,
        microTokens: 3_000_000,
        source: 'package',
        packageId: 'stmt-3',
        perToken: '33.33 EUR',
      },
    });
  });
});
