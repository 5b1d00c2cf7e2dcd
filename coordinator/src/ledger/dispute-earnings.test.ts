import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../db/db.test-support.js';
import type { SqlLedger } from './ledger.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';
import { openLease, T0, TestChain, uid } from './ledger.test-support.js';

describe.each(TEST_BACKENDS)('disputeEarnings on %s', (kind) => {
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (_t, l) => (ledger = l));

  it("holds a drained site's whole earnings on its dispute account; pay gives them back; the customer is untouched", async () => {
    const l = await openLease(ledger, { topUp: 5_000, hold: 2_000 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [700, 300]));
    await ledger.reconcile(T0 + 10_000);
    expect(await ledger.siteEarnings(l.siteId)).toBe(1_000);
    const customer = await ledger.balance(l.customerId);

    expect(await ledger.disputeEarnings(l.siteId, uid('rep'))).toBe(1_000);
    expect(await ledger.siteEarnings(l.siteId)).toBe(0);
    expect(await ledger.disputeBalance(l.siteId)).toBe(1_000);
    // Nothing left to move: a second sweep is a no-op.
    expect(await ledger.disputeEarnings(l.siteId, uid('rep'))).toBe(0);
    expect(await ledger.balance(l.customerId)).toEqual(customer);

    expect(await ledger.resolveDispute(l.siteId, 'pay', { ref: uid('op') })).toEqual({
      resolved: 1_000,
      left: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(1_000);
  });

  it('moves nothing for a site that never earned', async () => {
    expect(await ledger.disputeEarnings(uid('site'), uid('rep'))).toBe(0);
  });
});
