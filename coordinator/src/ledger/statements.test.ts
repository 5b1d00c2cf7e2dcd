import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../db/db.test-support.js';
import { InvalidLedgerArgumentError } from './errors.js';
import type { SqlLedger } from './ledger.js';
import { openLease, T0, TestChain, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe.each(TEST_BACKENDS)('statements and debt settlement on %s', (kind) => {
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (_db, l) => {
    ledger = l;
  });

  it("lists a customer's and a site's transfers newest first, every burn with its provenance, paged by cursor", async () => {
    const l = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const chain = new TestChain(l.siteId);
    const amounts = [11, 22, 33, 44, 55];
    await ledger.stageBurns(l.siteId, chain.many(l.leaseId, amounts));
    const run = await ledger.reconcile(T0 + 10_000);

    const site = await ledger.siteStatement(l.siteId, { limit: 2 });
    expect(site.items.map((e) => e.seq)).toEqual([5, 4]);
    expect(site.items[0]).toMatchObject({
      kind: 'burn',
      debit: `hold:${l.holdId}`,
      credit: `site:${l.siteId}`,
      amount: 55,
      delta: 55,
      siteId: l.siteId,
      leaseId: l.leaseId,
      holdId: l.holdId,
      acceleratorModel: 'H100-80GB',
      acceleratorSerial: `SN-${l.siteId}-0`,
      runId: run.runId,
    });
    const rest: number[] = [];
    let cursor = site.nextCursor;
    while (cursor !== null) {
      const page = await ledger.siteStatement(l.siteId, { cursor, limit: 2 });
      rest.push(...page.items.map((e) => e.seq ?? -1));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual([3, 2, 1]);

    const cust = await ledger.customerStatement(l.customerId, { limit: 100 });
    expect(cust.nextCursor).toBeNull();
    expect(cust.items.map((e) => e.kind)).toEqual([
      'burn',
      'burn',
      'burn',
      'burn',
      'burn',
      'hold',
      'top_up',
    ]);
    expect(cust.items.map((e) => e.delta)).toEqual([-55, -44, -33, -22, -11, 0, 1_000_000]);
    const ids = cust.items.map((e) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    // An unrelated customer sees none of it.
    expect((await ledger.customerStatement(uid('nobody'))).items).toEqual([]);
  });

  it('refuses a cursor it never issued and a limit out of range', async () => {
    await expect(ledger.siteStatement('s', { cursor: 'abc' })).rejects.toBeInstanceOf(
      InvalidLedgerArgumentError,
    );
    await expect(ledger.customerStatement('c', { limit: 0 })).rejects.toBeInstanceOf(
      InvalidLedgerArgumentError,
    );
    await expect(ledger.customerStatement('c', { limit: 1001 })).rejects.toBeInstanceOf(
      InvalidLedgerArgumentError,
    );
  });

  it('a top-up settles debt first: customer → debt, then what is left is available', async () => {
    // A burn after the hold closed is all debt.
    const l = await openLease(ledger, { topUp: 1_000, hold: 1_000 });
    await ledger.releaseHold(l.holdId, 'released');
    const chain = new TestChain(l.siteId);
    await ledger.stageBurns(l.siteId, chain.many(l.leaseId, [300]));
    await ledger.reconcile(T0 + 10_000);
    // Available 1000 is untouched by the late burn; the debt is 300.
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 1_000,
      held: 0,
      debt: 300,
    });

    expect(await ledger.topUp(l.customerId, 50, uid('pay'))).toBe(750);
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 750,
      held: 0,
      debt: 0,
    });
    const [settle] = (await ledger.customerStatement(l.customerId, { limit: 1 })).items;
    expect(settle).toMatchObject({
      kind: 'debt_settle',
      debit: `customer:${l.customerId}`,
      credit: `debt:${l.customerId}`,
      amount: 300,
      delta: 0,
    });
    // No debt left: a top-up settles nothing.
    expect(await ledger.topUp(l.customerId, 10, uid('pay'))).toBe(760);
  });

  it('a debt larger than the balance is paid down partly and the rest stays owed', async () => {
    // A lease budget of 600 on a hold of 100: 100 from the hold; once the coordinator closed the hold, 500 as debt.
    const l = await openLease(ledger, { topUp: 100, hold: 100, budget: 600 });
    const chain = new TestChain(l.siteId);
    await ledger.stageBurns(l.siteId, chain.many(l.leaseId, [100]));
    await ledger.reconcile(T0 + 10_000);
    await ledger.releaseHold(l.holdId, 'expired');
    await ledger.stageBurns(l.siteId, chain.many(l.leaseId, [500]));
    await ledger.reconcile(T0 + 10_000);
    expect(await ledger.balance(l.customerId)).toMatchObject({ available: 0, debt: 500 });
    const ref = uid('pay');
    expect(await ledger.topUp(l.customerId, 200, ref)).toBe(0);
    expect(await ledger.balance(l.customerId)).toMatchObject({ available: 0, debt: 300 });
    // A retried payment is credited (and settles) once.
    expect(await ledger.topUp(l.customerId, 200, ref)).toBe(0);
    expect(await ledger.balance(l.customerId)).toMatchObject({ available: 0, debt: 300 });
  });

  it('getRun returns one run with its site reports; an unknown id is undefined', async () => {
    const l = await openLease(ledger, { topUp: 1_000, hold: 1_000 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [7, 8]));
    const run = await ledger.reconcile(T0 + 10_000);
    const got = await ledger.getRun(run.runId);
    expect(got?.sites).toEqual(run.sites);
    expect(got?.finishedAtMs).toBe(run.finishedAtMs);
    expect(await ledger.getRun('no-such-run')).toBeUndefined();
  });
});
