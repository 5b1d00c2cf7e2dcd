import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../ledger/fleet.js';
import { CLEAN, ledgerInvariants, startCluster, type Cluster } from '../scale-out/cluster.js';

const HOUR = 3_600_000;
const CUSTOMERS = ['nob-a', 'nob-b', 'nob-c'];

interface SiteView {
  siteId: string;
  state: string;
  slotsTotal: number;
}
interface Reservation {
  id: string;
  customerId: string;
  slots: number;
  status: string;
  price: number;
}

/**
 * No overbooking across replicas: two coordinator processes on one fresh PostgreSQL database,
 * with real agents declaring their slots to both. Bookings for the same capacity and window sent
 * at once, half to each replica, are admitted exactly up to the capacity (the calendar check and
 * the insert run under one advisory lock in the shared database); the rest are refused
 * RESERVATION_OVERBOOKED, paying nothing; both replicas list the same booked reservations.
 */
describe('no overbooking across two coordinator replicas (PostgreSQL)', () => {
  let c: Cluster;
  let siteIds: string[] = [];
  let capacity = 0;

  beforeAll(async () => {
    c = await startCluster({ sites: 2, slots: 2, telemetryIntervalMs: 200 });
    for (const id of CUSTOMERS) {
      const r = await c.replicas[0]?.api('POST', `/api/v1/customers/${id}/topup`, {
        microTokens: 100_000_000,
      });
      expect(r?.status).toBe(200);
    }
    // Both replicas know every site and the slots it declares.
    for (const r of c.replicas) {
      const s = await eventually(
        () => r.api<{ items: SiteView[] }>('GET', '/api/v1/sites'),
        (x) => x.body.items.length === 2 && x.body.items.every((i) => i.slotsTotal > 0),
        60_000,
      );
      siteIds = s.body.items.map((i) => i.siteId).sort();
      capacity = s.body.items.reduce((n, i) => n + i.slotsTotal, 0);
    }
    expect(capacity).toBe(4);
  }, 300_000);
  afterAll(async () => {
    await c?.close();
  });

  it('concurrent one-slot bookings on both replicas: exactly the capacity admitted', async () => {
    const startMs = Date.now() + 24 * HOUR;
    const n = 3 * capacity;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        c.replicas[i % 2]?.api<Reservation & { error?: { code: string } }>(
          'POST',
          '/api/v1/reservations',
          {
            customerId: CUSTOMERS[i % CUSTOMERS.length],
            siteIds,
            slots: 1,
            startMs,
            endMs: startMs + HOUR,
          },
        ),
      ),
    );
    const admitted = results.filter((r) => r?.status === 201);
    const refused = results.filter((r) => r?.status !== 201);
    expect(admitted).toHaveLength(capacity);
    for (const r of refused)
      expect(r).toMatchObject({ status: 409, body: { error: { code: 'RESERVATION_OVERBOOKED' } } });
    // Both replicas see the same bookings; only the admitted ones were charged.
    const ids = admitted.map((r) => r?.body.id).sort();
    for (const r of c.replicas) {
      const list = await r.api<{ items: Reservation[] }>(
        'GET',
        '/api/v1/reservations?status=booked&limit=100',
      );
      expect(list.body.items.map((x) => x.id).sort()).toEqual(ids);
    }
    for (const id of CUSTOMERS) {
      const mine = admitted.filter((r) => r?.body.customerId === id);
      const bal = await c.replicas[1]?.api<{ available: number }>(
        'GET',
        `/api/v1/customers/${id}/balance`,
      );
      expect(bal?.body.available).toBe(
        100_000_000 - mine.reduce((s, r) => s + (r?.body.price ?? 0), 0),
      );
    }
    expect(await ledgerInvariants(c)).toEqual(CLEAN);
  }, 120_000);

  it('a booking of mixed sizes on both replicas at once never sums beyond the capacity', async () => {
    const startMs = Date.now() + 48 * HOUR;
    // 3 + 2 + 2 + 1 slots, all for the same window: at most 4 of them fit (3+1 or 2+2).
    const sizes = [3, 2, 2, 1];
    const results = await Promise.all(
      sizes.map((slots, i) =>
        c.replicas[i % 2]?.api<Reservation>('POST', '/api/v1/reservations', {
          customerId: CUSTOMERS[i % CUSTOMERS.length],
          siteIds,
          slots,
          startMs,
          endMs: startMs + HOUR,
        }),
      ),
    );
    const booked = results.filter((r) => r?.status === 201).map((r) => r?.body.slots ?? 0);
    expect(booked.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(capacity);
    // Whatever order they were decided in, a booking was refused only when it did not fit.
    for (const [i, r] of results.entries())
      if (r?.status !== 201) {
        expect(r?.status).toBe(409);
        const before = results
          .filter((x) => x?.status === 201)
          .reduce((s, x) => s + (x?.body.slots ?? 0), 0);
        expect(before + (sizes[i] ?? 0)).toBeGreaterThan(capacity);
      }
  }, 120_000);
});
