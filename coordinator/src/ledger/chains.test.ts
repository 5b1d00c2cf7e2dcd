import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { openLease, T0, TestChain } from './ledger.test-support.js';

describe.each(TEST_BACKENDS)('chain heads and reconciliation lag on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  let clock = T0;
  beforeAll(async () => {
    t = await openTestDb(kind);
    ledger = await createLedger(t.db, { closeDb: false, now: () => clock });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('reports every site with a chain and its reconciled head; the lag follows the oldest staged burn', async () => {
    expect(await ledger.chainHeads()).toEqual([]);
    expect(await ledger.reconLagSeconds()).toBe(0);

    const a = await openLease(ledger, { topUp: 10_000_000, hold: 1_000_000 });
    const b = await openLease(ledger, { topUp: 10_000_000, hold: 1_000_000 });
    const chainA = new TestChain(a.siteId);
    const chainB = new TestChain(b.siteId);
    clock = T0 + 5_000;
    await ledger.stageBurns(a.siteId, chainA.many(a.leaseId, [10, 20]));
    clock = T0 + 7_000;
    await ledger.stageBurns(b.siteId, chainB.many(b.leaseId, [30]));
    // Staged, not yet decided: heads at 0, the lag counts from the first staging.
    clock = T0 + 12_500;
    expect(await ledger.reconLagSeconds()).toBe(7.5);
    expect(await ledger.chainHeads()).toEqual(
      expect.arrayContaining([
        { siteId: a.siteId, headSeq: 0 },
        { siteId: b.siteId, headSeq: 0 },
      ]),
    );

    await ledger.reconcile(T0 + 20_000);
    expect(await ledger.reconLagSeconds()).toBe(0);
    const heads = await ledger.chainHeads();
    expect(heads).toHaveLength(2);
    expect(heads).toEqual(
      expect.arrayContaining([
        { siteId: a.siteId, headSeq: 2 },
        { siteId: b.siteId, headSeq: 1 },
      ]),
    );

    // Only what still waits counts: a newer staged burn of one site.
    clock = T0 + 30_000;
    await ledger.stageBurns(b.siteId, [chainB.next(b.leaseId, 40)]);
    clock = T0 + 31_000;
    expect(await ledger.reconLagSeconds()).toBe(1);
  });
});
