import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { ALL_TEST_BACKENDS, openTestDb, type TestDb } from '../db/db.test-support.js';
import { escrowBalance } from '../ledger/escrow.js';
import { LedgerInsufficientBalanceError } from '../ledger/errors.js';
import { createLedger, type SqlLedger } from '../ledger/ledger.js';
import { T0, accountBalance as balanceOf, uid } from '../ledger/ledger.test-support.js';
import { ReservationService, type BookRequest, type CapacitySite } from './reservations.js';

const HOUR = 3_600_000;

/**
 * Reservation escrow with ledger slices on: the price is taken from customer:C, after this
 * replica's slice of C went back to it; µT on another replica's slice are never taken, and the
 * refusal says how many sit there.
 */
describe.each(ALL_TEST_BACKENDS)('reservation escrow with ledger slices on %s', (kind) => {
  let t: TestDb;
  let other: Db;
  beforeAll(async () => {
    t = await openTestDb(kind, { poolSize: 8 });
    other = await t.sibling();
  });
  afterAll(async () => {
    if (other !== t.db) await other.close();
    await t.dispose();
  });

  const open = (replicaId: string, db: Db = t.db): Promise<SqlLedger> =>
    createLedger(db, { closeDb: false, slices: { replicaId, tickMs: 0 } });

  const site: CapacitySite = {
    siteId: 'rsv-slice-site',
    region: 'eu-slices',
    domesticOnly: false,
    profileIds: ['h100'],
    slotsTotal: 100,
    quarantined: false,
  };
  let start = T0 + 2 * HOUR;
  /** One slot for one hour at 80,000 µT, each test in its own window. */
  const book = (): BookRequest => {
    start += 10 * HOUR;
    return {
      class: { region: 'eu-slices', siteIds: [], acceleratorKinds: [], domesticOnly: false },
      slots: 1,
      startMs: start,
      endMs: start + HOUR,
    };
  };
  const service = (ledger: SqlLedger | undefined) =>
    new ReservationService({
      db: t.db,
      sites: () => [site],
      settings: { microTokensPerSlotHour: 80_000 },
      now: () => T0,
      ...(ledger?.slices ? { slices: ledger.slices } : {}),
    });

  /** An Acquire on `ledger`: a 12,500 µT hold made durable with its lease (the slice funded to 50,000). */
  async function acquire(ledger: SqlLedger, customerId: string): Promise<string> {
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 12_500, expiresAtMs: T0 + HOUR });
    await ledger.registerLease({
      leaseId: uid('lease'),
      holdId,
      siteId: 'slice-site',
      customerId,
      model: 'm',
      budgetMicroTokens: 12_500,
      issuedAtMs: T0,
      expiresAtMs: T0 + HOUR,
    });
    return holdId;
  }

  it("books a reservation the customer's account alone cannot cover, from this replica's slice", async () => {
    const ledger = await open(uid('rep'));
    const customerId = uid('cust');
    await ledger.topUp(customerId, 100_000, uid('pay'));
    await acquire(ledger, customerId);
    const slice = `slice:${ledger.slices?.replicaId}:${customerId}`;
    expect(await balanceOf(t.db, `customer:${customerId}`)).toBe(50_000);
    expect(await balanceOf(t.db, slice)).toBe(37_500);

    const r = await service(ledger).book(customerId, book());
    expect(r.price).toBe(80_000);
    expect(await escrowBalance(t.db, r.id)).toBe(80_000);
    expect(await balanceOf(t.db, slice)).toBe(0);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 7_500, held: 12_500 });
    // The next hold funds the slice again from what is left.
    await ledger.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 7_500,
      expiresAtMs: T0 + HOUR,
    });
    expect(await ledger.balance(customerId)).toMatchObject({ available: 0, held: 20_000 });
    await ledger.checkInvariants();
    expect(await ledger.totalOfAllBalances()).toBe(0);
    await ledger.close();
  });

  it("keeps what this replica's provisional holds count on", async () => {
    const ledger = await open(uid('rep'));
    const customerId = uid('cust');
    await ledger.topUp(customerId, 100_000, uid('pay'));
    // Decided in memory, no lease yet: its 12,500 µT stay on the slice (held, not available).
    await ledger.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 12_500,
      expiresAtMs: T0 + HOUR,
    });
    const r = await service(ledger).book(customerId, book());
    expect(await escrowBalance(t.db, r.id)).toBe(80_000);
    expect(await balanceOf(t.db, `slice:${ledger.slices?.replicaId}:${customerId}`)).toBe(12_500);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 7_500, held: 12_500 });
    await ledger.checkInvariants();
    expect(await ledger.totalOfAllBalances()).toBe(0);
    await ledger.close();
  });

  it("refuses, naming the µT on another replica's slice, and never takes them", async () => {
    const here = await open(uid('rep-a'));
    const there = await open(uid('rep-b'), other);
    const customerId = uid('cust');
    await here.topUp(customerId, 100_000, uid('pay'));
    await acquire(there, customerId);
    const theirSlice = `slice:${there.slices?.replicaId}:${customerId}`;
    expect(await balanceOf(t.db, theirSlice)).toBe(37_500);

    const svc = service(here);
    const req = book();
    const refused = await svc.book(customerId, req).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(LedgerInsufficientBalanceError);
    const err = refused as LedgerInsufficientBalanceError;
    expect(err.code).toBe('LEDGER_INSUFFICIENT_BALANCE');
    expect(err.data).toEqual({
      customerId,
      available: 50_000,
      requested: 80_000,
      inOtherSlices: 37_500,
    });
    expect(err.message).toContain("37500 µT more are held in other coordinator replicas' slices");
    // Nothing written, the other replica's slice untouched.
    expect(await balanceOf(t.db, theirSlice)).toBe(37_500);
    expect(await balanceOf(t.db, `customer:${customerId}`)).toBe(50_000);

    // Once that replica returns its slice (here: closed), the same booking passes.
    await there.close();
    const r = await svc.book(customerId, req);
    expect(await escrowBalance(t.db, r.id)).toBe(80_000);
    await here.checkInvariants();
    expect(await here.totalOfAllBalances()).toBe(0);
    await here.close();
  });

  it('with slices off, refuses on the account alone as before', async () => {
    const ledger = await createLedger(t.db, { closeDb: false });
    const customerId = uid('cust');
    await ledger.topUp(customerId, 50_000, uid('pay'));
    const refused = await service(undefined)
      .book(customerId, book())
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(LedgerInsufficientBalanceError);
    expect((refused as LedgerInsufficientBalanceError).data).toEqual({
      customerId,
      available: 50_000,
      requested: 80_000,
    });
    await ledger.checkInvariants();
    await ledger.close();
  });
});
