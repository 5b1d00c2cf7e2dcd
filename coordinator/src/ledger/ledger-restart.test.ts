import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, ALL_TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { createLedger } from './ledger.js';
import { openLease, T0, TestChain } from './ledger.test-support.js';

describe.each(ALL_TEST_BACKENDS)('ledger restart on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind, { persistent: true });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('keeps balances, holds, chain heads, staged burns and runs across close and reopen', async () => {
    const before = await createLedger(t.db, { closeDb: false });
    const l = await openLease(before, { topUp: 10_000_000, hold: 2_000_000 });
    const chain = new TestChain(l.siteId);
    const [r1, r2, r3] = chain.many(l.leaseId, [123_456, 1_000, 7]);
    await before.stageBurns(l.siteId, [r1!, r2!]);
    const run = await before.reconcile(T0 + 10_000);
    await before.stageBurns(l.siteId, [r3!]); // staged, not yet reconciled, when the process stops
    await before.close();

    const after = await createLedger(await t.reopen(), { closeDb: false });
    expect(await after.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 8_000_000,
      held: 2_000_000 - 124_456,
      debt: 0,
    });
    expect(await after.siteEarnings(l.siteId)).toBe(124_456);
    expect(await after.chainHead(l.siteId)).toEqual({ seq: 2, hash: r2!.hash });
    expect(await after.listRuns(10)).toEqual([run]);
    // the chain goes on where it stopped; the staged record survived
    expect(await after.stageBurns(l.siteId, [r1!, r2!, r3!])).toEqual({
      staged: 0,
      duplicate: 3,
      tampered: 0,
      refused: 0,
    });
    const next = await after.reconcile(T0 + 20_000);
    expect(next.sites[0]).toMatchObject({
      accepted: 1,
      acceptedMicroTokens: 7,
      duplicate: 3,
      ackedSeq: 3,
    });
    expect(await after.releaseHold(l.holdId, 'released')).toEqual({
      burned: 124_463,
      released: 2_000_000 - 124_463,
    });
    expect(await after.totalOfAllBalances()).toBe(0);
    await after.checkInvariants();
  });
});
