import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { ALL_TEST_BACKENDS, openTestDb, type TestDb } from '../db/db.test-support.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { T0, accountBalance as balanceOf, uid } from './ledger.test-support.js';
import { createPackageStore, type PackageStore } from './packages.js';

const DAY = 86_400_000;

/**
 * Package expiry with ledger slices on: the remainder counts the customer's µT on slices; this
 * replica's slice goes back to customer:C first, and a remainder that needs µT on another
 * replica's slice defers the package until that replica returns them.
 */
describe.each(ALL_TEST_BACKENDS)('package expiry with ledger slices on %s', (kind) => {
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
  const storeOf = (ledger: SqlLedger): PackageStore =>
    createPackageStore(t.db, {
      now: () => T0,
      ...(ledger.slices ? { slices: ledger.slices } : {}),
    });

  /** A 100,000 µT package valid one day, bought at T0. */
  async function buy(store: PackageStore, customerId: string): Promise<string> {
    const packageId = uid('pkg');
    await store.define({
      id: packageId,
      name: 'p',
      microTokens: 100_000,
      currency: 'EUR',
      priceMinor: 100,
      validMs: DAY,
    });
    const purchaseId = uid('buy');
    await store.buy({ purchaseId, customerId, packageId });
    return purchaseId;
  }

  /** An Acquire on `ledger`: a 12,500 µT hold made durable with its lease (the slice funded to 50,000). */
  async function acquire(ledger: SqlLedger, customerId: string): Promise<void> {
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 12_500, expiresAtMs: T0 + DAY });
    await ledger.registerLease({
      leaseId: uid('lease'),
      holdId,
      siteId: 'slice-site',
      customerId,
      model: 'm',
      budgetMicroTokens: 12_500,
      issuedAtMs: T0,
      expiresAtMs: T0 + DAY,
    });
  }

  const expiredOf = async (store: PackageStore, customerId: string) =>
    (await store.purchases(customerId))[0]?.expiredMicroTokens;

  it("expires the unspent µT on this replica's slice too", async () => {
    const ledger = await open(uid('rep'));
    const store = storeOf(ledger);
    const customerId = uid('cust');
    await buy(store, customerId);
    await acquire(ledger, customerId);
    expect(await balanceOf(t.db, `customer:${customerId}`)).toBe(50_000);

    await store.expire(T0 + DAY);
    // 100,000 bought, 12,500 held: 87,500 unspent (50,000 on the account, 37,500 on the slice).
    expect(await expiredOf(store, customerId)).toBe(87_500);
    expect(await balanceOf(t.db, `slice:${ledger.slices?.replicaId}:${customerId}`)).toBe(0);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 0, held: 12_500 });
    await store.checkInvariants();
    await ledger.checkInvariants();
    expect(await ledger.totalOfAllBalances()).toBe(0);
    await ledger.close();
  });

  it("defers a package whose remainder sits on another replica's slice, and expires it whole once returned", async () => {
    const here = await open(uid('rep-a'));
    const there = await open(uid('rep-b'), other);
    const store = storeOf(here);
    const customerId = uid('cust');
    const purchaseId = await buy(store, customerId);
    await acquire(there, customerId);
    const theirSlice = `slice:${there.slices?.replicaId}:${customerId}`;

    const first = await store.expire(T0 + DAY);
    expect(first.deferred).toBeGreaterThanOrEqual(1);
    // Not under-expired, and the other replica's slice untouched: the purchase stays due.
    const [p] = await store.purchases(customerId);
    expect(p).toMatchObject({ purchaseId, expiredAtMs: null, expiredMicroTokens: null });
    expect(await balanceOf(t.db, theirSlice)).toBe(37_500);
    expect(await balanceOf(t.db, `customer:${customerId}`)).toBe(50_000);
    await store.checkInvariants();

    await there.close();
    await store.expire(T0 + DAY);
    expect(await expiredOf(store, customerId)).toBe(87_500);
    expect(await here.balance(customerId)).toMatchObject({ available: 0, held: 12_500 });
    await store.checkInvariants();
    await here.checkInvariants();
    expect(await here.totalOfAllBalances()).toBe(0);
    await here.close();
  });

  it("expires at once when the account alone covers the remainder, whatever other replicas' slices hold", async () => {
    const here = await open(uid('rep-a'));
    const there = await open(uid('rep-b'), other);
    const store = storeOf(here);
    const customerId = uid('cust');
    await buy(store, customerId);
    // A top-up after the package: the newest credit, kept whole (FIFO), so the package's
    // remainder is what is left beyond it.
    await here.topUp(customerId, 300_000, uid('pay'));
    await acquire(there, customerId);
    // Slice funded from 400,000: 12,500 held; customer:C and the slice hold 387,500 between them.
    await store.expire(T0 + DAY);
    expect(await expiredOf(store, customerId)).toBe(87_500);
    expect(await here.balance(customerId)).toMatchObject({ available: 300_000, held: 12_500 });
    await there.close();
    await store.checkInvariants();
    await here.checkInvariants();
    expect(await here.totalOfAllBalances()).toBe(0);
    await here.close();
  });
});
