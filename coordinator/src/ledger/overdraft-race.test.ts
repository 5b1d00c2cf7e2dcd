import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { T0, TestChain, uid } from './ledger.test-support.js';

const SITES = 12;
const HOLD = 1_000;

/**
 * Many sites settle over-budget burns for one customer at once, on two replicas, while the customer
 * tops up (settling debt) and places new holds. Balances never go negative; what no hold could pay
 * lands as debt (or is settled from a top-up), never dropped: site earnings = everything burned.
 */
describe.each(TEST_BACKENDS)('overdraft race on %s', (kind) => {
  let t: TestDb;
  let replicaDb: Db;
  let a: SqlLedger;
  let b: SqlLedger;
  beforeAll(async () => {
    t = await openTestDb(kind, { poolSize: 8 });
    replicaDb = await t.sibling();
    a = await createLedger(t.db, { closeDb: false });
    b = await createLedger(replicaDb, { closeDb: false });
  });
  afterAll(async () => {
    await replicaDb.close();
    await t.dispose();
  });

  it("keeps every balance non-negative and turns every overflow into a dispute, never the customer's debt", async () => {
    const customerId = uid('cust');
    await a.topUp(customerId, SITES * HOLD, uid('pay'));
    const sites = await Promise.all(
      Array.from({ length: SITES }, async (_, i) => {
        const siteId = uid(`site${i}`);
        const holdId = uid('hold');
        const leaseId = uid('lease');
        await (i % 2 ? a : b).placeHold({
          holdId,
          customerId,
          microTokens: HOLD,
          expiresAtMs: T0 + 600_000,
        });
        await a.registerLease({
          leaseId,
          holdId,
          siteId,
          customerId,
          model: 'm',
          budgetMicroTokens: HOLD,
          issuedAtMs: T0,
          expiresAtMs: T0 + 600_000,
        });
        // 3 × 500 µT against a 1000 µT hold: 500 µT over.
        return { siteId, burns: new TestChain(siteId).many(leaseId, [500, 500, 500]) };
      }),
    );
    expect(await a.balance(customerId)).toEqual({
      customerId,
      available: 0,
      held: SITES * HOLD,
      debt: 0,
    });

    const topUps = [300, 700, 1_100, 2_000];
    await Promise.all([
      ...sites.map((s, i) => (i % 2 ? a : b).stageBurns(s.siteId, s.burns)),
      a.reconcile(T0 + 10_000),
      b.reconcile(T0 + 10_000),
      a.reconcile(T0 + 10_000),
      b.reconcile(T0 + 10_000),
      ...topUps.map((amount, i) => (i % 2 ? a : b).topUp(customerId, amount, uid('pay'))),
    ]);
    // Whatever the interleaving, a last run decides what is left.
    await Promise.all([a.reconcile(T0 + 20_000), b.reconcile(T0 + 20_000)]);

    const burned = SITES * HOLD;
    const minted = SITES * HOLD + topUps.reduce((x, y) => x + y, 0);
    // What fits the hold is the site's; the 500 µT over it are held on its dispute account.
    for (const s of sites)
      expect([await a.siteEarnings(s.siteId), await a.disputeBalance(s.siteId)]).toEqual([
        HOLD,
        500,
      ]);
    const bal = await a.balance(customerId);
    expect(bal.available).toBeGreaterThanOrEqual(0);
    expect(bal.held).toBe(0);
    // What the customer has plus what it owes nets out to what it paid in minus what it burned.
    expect(bal.debt).toBe(0);
    expect(bal.available - bal.debt).toBe(minted - burned);
    const [neg] = await a.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM accounts WHERE kind IN ('customer', 'hold', 'site') AND balance < 0",
    );
    expect(neg?.n).toBe(0);
    expect(await a.totalOfAllBalances()).toBe(0);
    await a.checkInvariants();
  });
});
