import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../db/db.test-support.js';
import type { SqlLedger } from './ledger.js';
import { openLease, T0, TestChain } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe.each(TEST_BACKENDS)('burn totals over a window on %s', (kind) => {
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (_db, l) => {
    ledger = l;
  });

  it('sums what reconciliation posted per customer and per site, for burns decided since the window began', async () => {
    const a = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const b = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const chainA = new TestChain(a.siteId);
    const chainB = new TestChain(b.siteId);
    await ledger.stageBurns(a.siteId, chainA.many(a.leaseId, [100, 200]));
    await ledger.reconcile(T0 + 10_000);
    await ledger.stageBurns(b.siteId, chainB.many(b.leaseId, [7]));
    await ledger.stageBurns(a.siteId, chainA.many(a.leaseId, [50]));
    await ledger.reconcile(T0 + 20_000);

    const all = await ledger.burnTotals(T0);
    expect(all.customers.filter((c) => c.customerId === a.customerId)).toEqual([
      { customerId: a.customerId, microTokens: 350, burns: 3 },
    ]);
    expect(all.sites.find((s) => s.siteId === b.siteId)).toEqual({
      siteId: b.siteId,
      microTokens: 7,
      burns: 1,
    });
    // Largest first.
    const mine = all.sites.filter((s) => s.siteId === a.siteId || s.siteId === b.siteId);
    expect(mine.map((s) => s.siteId)).toEqual([a.siteId, b.siteId]);

    // Only what was decided in the window: the first run's burns are before it.
    const late = await ledger.burnTotals(T0 + 15_000);
    expect(late.sites.find((s) => s.siteId === a.siteId)).toEqual({
      siteId: a.siteId,
      microTokens: 50,
      burns: 1,
    });
    expect(late.customers.find((c) => c.customerId === b.customerId)?.microTokens).toBe(7);
  });
});
