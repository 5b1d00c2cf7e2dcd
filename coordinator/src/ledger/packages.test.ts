import { afterEach, describe, expect, it } from 'vitest';
import { ALL_TEST_BACKENDS } from '../db/db.test-support.js';
import { DuplicateReferenceError } from './errors.js';
import type { SqlLedger } from './ledger.js';
import { T0, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';
import { createPackageStore, UnknownPackageError, type PackageStore } from './packages.js';

const DAY = 86_400_000;
const TOKEN = 1_000_000;

describe.each(ALL_TEST_BACKENDS)('token packages on %s', (kind) => {
  let ledger: SqlLedger;
  let store: PackageStore;
  let clock = T0;
  ledgerPerSuite(kind, (t, l) => {
    ledger = l;
    store = createPackageStore(t.db, { now: () => clock });
  });
  afterEach(async () => store.checkInvariants());

  async function pkg(microTokens: number, validDays = 90) {
    const id = uid('pkg');
    await store.define({
      id,
      name: `${microTokens / TOKEN} H100-hours`,
      microTokens,
      currency: 'EUR',
      priceMinor: 15_000,
      validMs: validDays * DAY,
    });
    return id;
  }

  it('defines a package once; the same id with other terms is refused', async () => {
    const id = uid('pkg');
    const terms = {
      id,
      name: '100 H100-hours',
      microTokens: 100 * TOKEN,
      currency: 'EUR',
      priceMinor: 15_000,
      validMs: 90 * DAY,
    };
    expect((await store.define(terms)).created).toBe(true);
    expect((await store.define(terms)).created).toBe(false);
    await expect(store.define({ ...terms, priceMinor: 14_000 })).rejects.toBeInstanceOf(
      DuplicateReferenceError,
    );
    expect(await store.get(id)).toMatchObject({ ...terms, createdAtMs: clock });
    expect((await store.list()).map((p) => p.id)).toContain(id);
  });

  it('credits the package µT once per purchase id, and records its money and expiry', async () => {
    const id = await pkg(100 * TOKEN);
    const customerId = uid('cust');
    const purchaseId = uid('buy');
    const first = await store.buy({ purchaseId, customerId, packageId: id });
    expect(first.created).toBe(true);
    expect(first.purchase).toMatchObject({
      customerId,
      packageId: id,
      microTokens: 100 * TOKEN,
      currency: 'EUR',
      priceMinor: 15_000,
      purchasedAtMs: clock,
      expiresAtMs: clock + 90 * DAY,
      expiredAtMs: null,
    });
    const retry = await store.buy({ purchaseId, customerId, packageId: id });
    expect(retry).toEqual({ purchase: first.purchase, created: false });
    expect((await ledger.balance(customerId)).available).toBe(100 * TOKEN);
    await expect(
      store.buy({ purchaseId, customerId: uid('cust'), packageId: id }),
    ).rejects.toBeInstanceOf(DuplicateReferenceError);
    await expect(
      store.buy({ purchaseId: uid('buy'), customerId, packageId: 'no-such' }),
    ).rejects.toBeInstanceOf(UnknownPackageError);
    expect(await store.purchases(customerId)).toEqual([first.purchase]);
    await store.checkInvariants();
  });

  it('credits once when the same purchase is sent twice at once', async () => {
    const id = await pkg(5 * TOKEN);
    const customerId = uid('cust');
    const purchaseId = uid('buy');
    const both = await Promise.all([
      store.buy({ purchaseId, customerId, packageId: id }),
      store.buy({ purchaseId, customerId, packageId: id }),
    ]);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect((await ledger.balance(customerId)).available).toBe(5 * TOKEN);
    await store.checkInvariants();
  });

  it('removes the unspent remainder at expiry, spending the oldest package first', async () => {
    const customerId = uid('cust');
    const old = await pkg(10 * TOKEN, 30);
    const young = await pkg(10 * TOKEN, 90);
    clock = T0;
    const a = await store.buy({ purchaseId: uid('buy'), customerId, packageId: old });
    clock = T0 + DAY;
    const b = await store.buy({ purchaseId: uid('buy'), customerId, packageId: young });
    await ledger.topUp(customerId, 2 * TOKEN, uid('pay'));
    // Spend 4 tokens: FIFO takes them from the oldest package (a), which keeps 6.
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 4 * TOKEN, expiresAtMs: T0 + DAY });
    expect((await ledger.balance(customerId)).available).toBe(18 * TOKEN);
    // (expire() sweeps every customer's packages; other tests share the database.)
    const expiredOf = async () =>
      (await store.purchases(customerId)).map((p) => p.expiredMicroTokens);
    await store.expire(T0 + 29 * DAY);
    expect(await expiredOf()).toEqual([null, null]);
    expect((await store.expire(T0 + 30 * DAY)).microTokens).toBeGreaterThanOrEqual(6 * TOKEN);
    expect(await expiredOf()).toEqual([null, 6 * TOKEN]);
    await store.expire(T0 + 30 * DAY);
    expect((await ledger.balance(customerId)).available).toBe(12 * TOKEN);
    // Spend 11 more: b (older than the top-up) goes first and is spent; the top-up keeps 1 token.
    const hold2 = uid('hold');
    await ledger.placeHold({
      holdId: hold2,
      customerId,
      microTokens: 11 * TOKEN,
      expiresAtMs: T0 + DAY,
    });
    await store.expire(T0 + 91 * DAY);
    expect((await ledger.balance(customerId)).available).toBe(1 * TOKEN);
    const list = await store.purchases(customerId);
    expect(list.map((p) => [p.purchaseId, p.expiredMicroTokens])).toEqual([
      [b.purchase.purchaseId, 0],
      [a.purchase.purchaseId, 6 * TOKEN],
    ]);
    await store.checkInvariants();
  });

  it('removes nothing of a package whose customer spent everything', async () => {
    const customerId = uid('cust');
    clock = T0;
    const id = await pkg(3 * TOKEN, 1);
    await store.buy({ purchaseId: uid('buy'), customerId, packageId: id });
    await ledger.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 3 * TOKEN,
      expiresAtMs: T0 + DAY,
    });
    await store.expire(T0 + DAY);
    expect((await store.purchases(customerId))[0]?.expiredMicroTokens).toBe(0);
    expect((await ledger.balance(customerId)).available).toBe(0);
    await store.checkInvariants();
  });

  it('spends an older top-up before the package, so the package keeps the rest', async () => {
    const customerId = uid('cust');
    clock = T0;
    await ledger.topUp(customerId, 5 * TOKEN, uid('pay'));
    const id = await pkg(10 * TOKEN, 1);
    await store.buy({ purchaseId: uid('buy'), customerId, packageId: id });
    await ledger.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 8 * TOKEN,
      expiresAtMs: T0 + DAY,
    });
    // 5 from the top-up, 3 from the package: 7 of the package expire.
    await store.expire(T0 + DAY);
    expect((await store.purchases(customerId))[0]?.expiredMicroTokens).toBe(7 * TOKEN);
    expect((await ledger.balance(customerId)).available).toBe(0);
  });
});
