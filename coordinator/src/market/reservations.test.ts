import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { escrowBalance } from '../ledger/escrow.js';
import { DuplicateReferenceError, LedgerInsufficientBalanceError } from '../ledger/errors.js';
import type { SqlLedger } from '../ledger/ledger.js';
import { T0, uid } from '../ledger/ledger.test-support.js';
import { ledgerPerSuite } from '../ledger/ledger-suite.test-support.js';
import {
  InvalidReservationError,
  ReservationClosedError,
  ReservationNotFoundError,
  ReservationOverbookedError,
} from './errors.js';
import {
  cancellationSplit,
  connectedBookings,
  reservationPrice,
  ReservationService,
  type BookRequest,
  type CapacitySite,
} from './reservations.js';
import type { Reservation } from './reservation-store.js';

const HOUR = 3_600_000;

function site(siteId: string, slotsTotal: number, over: Partial<CapacitySite> = {}): CapacitySite {
  return {
    siteId,
    region: 'eu-west',
    domesticOnly: false,
    profileIds: ['h100'],
    slotsTotal,
    quarantined: false,
    ...over,
  };
}

describe('reservation pricing and refund rule', () => {
  it('prices slot-hours in µT, rounded up', () => {
    expect(reservationPrice(2, 0, HOUR, 1_000_000)).toBe(2_000_000);
    expect(reservationPrice(1, 0, 1, 1_000_000)).toBe(1);
  });
  it('refunds less the fee before the start, nothing from the start on', () => {
    expect(cancellationSplit(1000, 10, 0, 500)).toEqual({ refund: 950, fee: 50, commit: 0 });
    expect(cancellationSplit(999, 10, 0, 500)).toEqual({ refund: 949, fee: 50, commit: 0 });
    expect(cancellationSplit(1000, 10, 10, 500)).toEqual({ refund: 0, fee: 0, commit: 1000 });
  });
  it('links bookings through shared sites only', () => {
    const r = (id: string, siteIds: string[]) => ({ id, siteIds }) as Reservation;
    const got = connectedBookings(
      ['a'],
      [r('1', ['b', 'c']), r('2', ['a', 'b']), r('3', ['d']), r('4', ['c'])],
    );
    expect(got.map((x) => x.id).sort()).toEqual(['1', '2', '4']);
  });
});

describe.each(TEST_BACKENDS)('reservation service on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  // Each test books in its own region and its own far-apart windows, so tests never meet.
  let base = T0 + HOUR;
  function fresh(sites: CapacitySite[], settings = {}) {
    let now = T0;
    const svc = new ReservationService({
      db: t.db,
      sites: () => sites,
      settings,
      now: () => now,
    });
    base += 100 * HOUR;
    return {
      svc,
      start: base,
      setNow: (ms: number) => {
        now = ms;
      },
    };
  }
  const region = () => uid('region');
  const req = (r: string, slots: number, startMs: number, endMs: number): BookRequest => ({
    class: { region: r, siteIds: [], acceleratorKinds: [], domesticOnly: false },
    slots,
    startMs,
    endMs,
  });
  async function customer(µT = 100_000_000): Promise<string> {
    const id = uid('cust');
    await ledger.topUp(id, µT, uid('pay'));
    return id;
  }

  it('admits up to the declared slots, refuses beyond with what is still free, and holds the price', async () => {
    const r = region();
    const { svc, start } = fresh([
      site(uid('s'), 3, { region: r }),
      site(uid('s'), 2, { region: r }),
    ]);
    const c = await customer();
    const a = await svc.book(c, req(r, 4, start, start + HOUR));
    expect(a.price).toBe(4_000_000);
    expect(await escrowBalance(t.db, a.id)).toBe(4_000_000);
    expect((await ledger.balance(c)).available).toBe(96_000_000);
    const err = await svc.book(c, req(r, 2, start + HOUR / 2, start + 2 * HOUR)).catch((e) => e);
    expect(err).toBeInstanceOf(ReservationOverbookedError);
    expect(err).toMatchObject({ available: 1 });
    // Once the first window is over, the whole fleet is free again.
    await svc.book(c, req(r, 5, start + HOUR, start + 2 * HOUR));
  });

  it('an oversubscription factor sells more than the declared slots', async () => {
    const r = region();
    const { svc, start } = fresh([site(uid('s'), 4, { region: r })], { oversubscription: 1.5 });
    const c = await customer();
    await svc.book(c, req(r, 6, start, start + HOUR));
    await expect(svc.book(c, req(r, 1, start, start + HOUR))).rejects.toBeInstanceOf(
      ReservationOverbookedError,
    );
  });

  it('a booking on sites that left the registry neither refuses others nor loses its slots', async () => {
    const r = region();
    const gone = site(uid('gone'), 2, { region: r });
    const stays = site(uid('stays'), 2, { region: r });
    const sites = [gone, stays];
    const { svc, start } = fresh(sites);
    const c = await customer();
    await svc.book(c, req(r, 4, start, start + HOUR));
    sites.splice(0, 1); // `gone` leaves the registry
    // Another class elsewhere is not refused because of it.
    const other = region();
    sites.push(site(uid('s'), 3, { region: other }));
    await svc.book(c, req(other, 3, start, start + HOUR));
    // The booking still holds `stays` (it was sold against both sites): nothing is left there.
    await expect(svc.book(c, req(r, 1, start, start + HOUR))).rejects.toBeInstanceOf(
      ReservationOverbookedError,
    );
  });

  it('two bookings at once for the last slots: exactly one is admitted', async () => {
    const r = region();
    const sites = [site(uid('s'), 3, { region: r })];
    const { svc, start } = fresh(sites);
    const other = new ReservationService({
      db: await t.sibling(),
      sites: () => sites,
      now: () => T0,
    });
    const c = await customer();
    const results = await Promise.allSettled([
      svc.book(c, req(r, 2, start, start + HOUR)),
      other.book(c, req(r, 2, start, start + HOUR)),
      svc.book(c, req(r, 2, start, start + HOUR)),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    for (const x of results)
      if (x.status === 'rejected') expect(x.reason).toBeInstanceOf(ReservationOverbookedError);
    expect((await svc.list({ customerId: c })).filter((x) => x.status === 'booked')).toHaveLength(
      1,
    );
  });

  it('a retry with the same ref books once; the ref with other terms is refused', async () => {
    const r = region();
    const { svc, start } = fresh([site(uid('s'), 3, { region: r })]);
    const c = await customer(10_000_000);
    const ask = { ...req(r, 1, start, start + HOUR), ref: 'order-7' };
    const first = await svc.book(c, ask);
    const again = await svc.book(c, ask);
    expect(again.id).toBe(first.id);
    expect((await ledger.balance(c)).available).toBe(9_000_000);
    await expect(svc.book(c, { ...ask, slots: 2 })).rejects.toBeInstanceOf(DuplicateReferenceError);
    // Another customer's ref is their own.
    const other = await customer(10_000_000);
    expect((await svc.book(other, ask)).id).not.toBe(first.id);
  });

  it('refuses a booking the balance cannot cover and writes nothing', async () => {
    const r = region();
    const { svc, start } = fresh([site(uid('s'), 3, { region: r })]);
    const c = await customer(1_000);
    await expect(svc.book(c, req(r, 1, start, start + HOUR))).rejects.toBeInstanceOf(
      LedgerInsufficientBalanceError,
    );
    expect(await svc.list({ customerId: c })).toEqual([]);
  });

  it('refuses a malformed window or a class with no site', async () => {
    const r = region();
    const { svc, start } = fresh([site(uid('s'), 3, { region: r })]);
    const c = await customer();
    await expect(svc.book(c, req(r, 1, start, start))).rejects.toBeInstanceOf(
      InvalidReservationError,
    );
    await expect(svc.book(c, req(r, 1, T0 - HOUR, T0))).rejects.toBeInstanceOf(
      InvalidReservationError,
    );
    await expect(svc.book(c, req(region(), 1, start, start + HOUR))).rejects.toMatchObject({
      field: 'class',
    });
  });

  it('cancel: refund less the fee before the start, nothing after; once only; owner only', async () => {
    const r = region();
    const { svc, start, setNow } = fresh([site(uid('s'), 4, { region: r })]);
    const c = await customer(10_000_000);
    const a = await svc.book(c, req(r, 1, start, start + HOUR));
    const b = await svc.book(c, req(r, 1, start, start + HOUR));
    await expect(svc.cancel(a.id, 'someone-else')).rejects.toBeInstanceOf(ReservationNotFoundError);
    const cancelled = await svc.cancel(a.id, c);
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: 950_000, fee: 50_000 });
    expect((await ledger.balance(c)).available).toBe(10_000_000 - 1_000_000 - 50_000);
    await expect(svc.cancel(a.id, c)).rejects.toBeInstanceOf(ReservationClosedError);
    // The cancelled slot is free again.
    await svc.book(c, req(r, 3, start, start + HOUR));
    setNow(start + 1);
    expect(await svc.cancel(b.id)).toMatchObject({ refunded: 0, fee: 0, committed: 1_000_000 });
    setNow(start + HOUR);
    await expect(svc.cancel((await svc.list({ customerId: c }))[0]!.id)).rejects.toBeInstanceOf(
      ReservationClosedError,
    );
  });

  it('settles ended windows once: the escrow is committed to revenue', async () => {
    const r = region();
    const { svc, start } = fresh([site(uid('s'), 4, { region: r })]);
    const c = await customer();
    const a = await svc.book(c, req(r, 2, start, start + HOUR));
    // Earlier tests' windows end before this one: they are settled on the way.
    await svc.settleDue(start + HOUR - 1);
    expect(await svc.get(a.id)).toMatchObject({ status: 'booked' });
    const [revenueBefore] = await t.db.query<{ balance: number }>(
      "SELECT COALESCE((SELECT balance FROM accounts WHERE id = 'revenue'), 0) AS balance",
    );
    expect(await svc.settleDue(start + HOUR)).toBe(1);
    expect(await svc.get(a.id)).toMatchObject({ status: 'settled', committed: 2_000_000 });
    const [revenueAfter] = await t.db.query<{ balance: number }>(
      "SELECT balance FROM accounts WHERE id = 'revenue'",
    );
    expect(revenueAfter!.balance - revenueBefore!.balance).toBeGreaterThanOrEqual(2_000_000);
    expect(await escrowBalance(t.db, a.id)).toBe(0);
    expect(await svc.settleDue(start + HOUR)).toBe(0);
  });
});
