import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger, type SqlLedger } from '../ledger/ledger.js';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;
const HOUR = 3_600_000;

describe('/api/v1/reservations (real coordinator)', () => {
  let c: Coord;
  let key: string;
  let start: number;
  const customer = 'fleet-robotaxi';

  beforeAll(async () => {
    c = await startTestCoordinator();
    for (const [siteId, slots] of [
      ['res-site-1', 3],
      ['res-site-2', 2],
    ] as const) {
      const s = c.registry.upsertEnrolled({ siteId, region: 'res-region' });
      s.slotsTotal = slots;
    }
    key = (await c.customerKeys.issue(customer, 'test')).token;
    await c.ledger.topUp(customer, 50_000_000, 'pay-1');
    start = Date.now() + 24 * HOUR;
  }, 60_000);
  afterAll(async () => c?.close());

  const asKey = (method: string, path: string, body?: unknown) =>
    c.call(method, path, { headers: { authorization: `Bearer ${key}` }, body });

  it('books with a customer key, holds the price, refuses beyond capacity with what is free', async () => {
    const res = await asKey('POST', '/api/v1/reservations', {
      region: 'res-region',
      slots: 4,
      startMs: start,
      endMs: start + HOUR,
    });
    expect(res.status).toBe(201);
    const r = (await res.json()) as Record<string, unknown>;
    expect(r).toMatchObject({ customerId: customer, slots: 4, price: 4_000_000, status: 'booked' });
    expect((await c.ledger.balance(customer)).available).toBe(46_000_000);

    const over = await asKey('POST', '/api/v1/reservations', {
      region: 'res-region',
      slots: 2,
      startMs: start,
      endMs: start + HOUR,
    });
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({
      error: { code: 'RESERVATION_OVERBOOKED', details: { available: 1 } },
    });

    const list = await asKey('GET', '/api/v1/reservations');
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
    const one = await c.call('GET', `/api/v1/reservations/${String(r['id'])}`, { role: 'viewer' });
    expect(one.status).toBe(200);

    const cancelled = await asKey('DELETE', `/api/v1/reservations/${String(r['id'])}`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({
      status: 'cancelled',
      refunded: 3_800_000,
      fee: 200_000,
    });
    const again = await asKey('DELETE', `/api/v1/reservations/${String(r['id'])}`);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'RESERVATION_CLOSED' } });
  });

  it('a staff token names the customer; a customer key cannot act for another', async () => {
    const body = { region: 'res-region', slots: 1, startMs: start, endMs: start + HOUR };
    const missing = await c.call('POST', '/api/v1/reservations', { role: 'operator', body });
    expect(missing.status).toBe(400);
    const staff = await c.call('POST', '/api/v1/reservations', {
      role: 'operator',
      body: { ...body, customerId: customer },
    });
    expect(staff.status).toBe(201);
    const other = await asKey('POST', '/api/v1/reservations', { ...body, customerId: 'someone' });
    expect(other.status).toBe(400);
    const viewer = await c.call('POST', '/api/v1/reservations', {
      role: 'viewer',
      body: { ...body, customerId: customer },
    });
    expect(viewer.status).toBe(403);
    const notMine = await c.ledger.topUp('other-cust', 10_000_000, 'pay-2');
    expect(notMine).toBeGreaterThan(0);
    const otherKey = (await c.customerKeys.issue('other-cust', 'test')).token;
    const id = ((await staff.json()) as { id: string }).id;
    const peek = await c.call('GET', `/api/v1/reservations/${id}`, {
      headers: { authorization: `Bearer ${otherKey}` },
    });
    expect(peek.status).toBe(404);
    expect(await peek.json()).toMatchObject({ error: { code: 'RESERVATION_NOT_FOUND' } });
  });

  it("a viewer token lists every customer's reservations, or one customer's", async () => {
    // the NOC's listing: a staff token with no customerId gets them all
    await c.ledger.topUp('viewer-cust', 10_000_000, 'pay-viewer');
    const other = await c.call('POST', '/api/v1/reservations', {
      role: 'operator',
      body: {
        customerId: 'viewer-cust',
        region: 'res-region',
        slots: 1,
        startMs: start,
        endMs: start + HOUR,
      },
    });
    expect(other.status).toBe(201);
    const all = await c.call('GET', '/api/v1/reservations?status=booked', { role: 'viewer' });
    expect(all.status).toBe(200);
    const items = ((await all.json()) as { items: { customerId: string; status: string }[] }).items;
    expect(new Set(items.map((r) => r.customerId))).toEqual(new Set([customer, 'viewer-cust']));
    expect(items.every((r) => r.status === 'booked')).toBe(true);
    const one = await c.call('GET', '/api/v1/reservations?customerId=viewer-cust', {
      role: 'viewer',
    });
    const mine = ((await one.json()) as { items: { customerId: string }[] }).items;
    expect(mine.map((r) => r.customerId)).toEqual(['viewer-cust']);
  });

  it("with ledger slices: books from this replica's slice; µT on another replica's are named in the 409", async () => {
    const who = 'slice-cust';
    const when = {
      region: 'res-region',
      slots: 2,
      startMs: start + 10 * HOUR,
      endMs: start + 11 * HOUR,
    };
    const lease = async (ledger: SqlLedger) => {
      const holdId = `hold-${Math.random().toString(36).slice(2)}`;
      const t = Date.now();
      await ledger.placeHold({
        holdId,
        customerId: who,
        microTokens: 500_000,
        expiresAtMs: t + HOUR,
      });
      await ledger.registerLease({
        leaseId: `lease-${holdId}`,
        holdId,
        siteId: 'res-site-1',
        customerId: who,
        model: 'm',
        budgetMicroTokens: 500_000,
        issuedAtMs: t,
        expiresAtMs: t + HOUR,
      });
    };
    // The coordinator's ledger is a SqlLedger (ledgerFromConfig), slices on by default.
    const ledger = c.ledger as SqlLedger;
    expect(ledger.slices).toBeDefined();
    await c.ledger.topUp(who, 3_000_000, 'pay-slice');
    // An Acquire on this replica funds its slice: the account alone no longer covers 2,000,000.
    await lease(ledger);
    const account = async () =>
      Number(
        (
          await c.db.query<{ n: number }>('SELECT balance AS n FROM accounts WHERE id = $1', [
            `customer:${who}`,
          ])
        )[0]?.n ?? 0,
      );
    expect(await account()).toBeLessThan(2_000_000);
    const booked = await c.call('POST', '/api/v1/reservations', {
      role: 'operator',
      body: { ...when, customerId: who },
    });
    expect(booked.status).toBe(201);
    expect((await c.ledger.balance(who)).available).toBe(500_000);

    // Another replica holds a slice of the customer: not this replica's to spend.
    const other = await createLedger(c.db, {
      closeDb: false,
      slices: { replicaId: 'other-replica', tickMs: 0 },
    });
    await c.ledger.topUp(who, 2_000_000, 'pay-slice-2');
    await lease(other);
    const refused = await c.call('POST', '/api/v1/reservations', {
      role: 'operator',
      body: { ...when, startMs: when.startMs + HOUR, endMs: when.endMs + HOUR, customerId: who },
    });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as {
      error: { code: string; message: string; details: Record<string, number> };
    };
    expect(body.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(body.error.details['inOtherSlices']).toBeGreaterThan(0);
    expect(body.error.message).toContain("other coordinator replicas' slices");
    await other.close();
    await ledger.checkInvariants();
  });

  it('refuses a malformed window and an empty class', async () => {
    const bad = await asKey('POST', '/api/v1/reservations', {
      region: 'res-region',
      slots: 1,
      startMs: start + HOUR,
      endMs: start,
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_RESERVATION' } });
    const none = await asKey('POST', '/api/v1/reservations', {
      region: 'nowhere',
      slots: 1,
      startMs: start,
      endMs: start + HOUR,
    });
    expect(none.status).toBe(400);
  });
});
