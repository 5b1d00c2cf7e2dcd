import { describe, expect, it } from 'vitest';
import type { BurnRecordData } from '@edgefleet/proto';
import { TEST_BACKENDS } from '../db/db.test-support.js';
import type { SqlLedger } from './ledger.js';
import { openLease, T0, TestChain, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';
import type { ReceiptClaim } from './receipts-check.js';

const claim = (r: BurnRecordData): ReceiptClaim => ({
  siteId: r.site_id,
  seq: r.seq,
  leaseId: r.lease_id,
  microTokens: r.micro_tokens,
  hash: r.hash,
});
const ALL_TIME = { fromMs: 0, toMs: T0 * 2 };

describe.each(TEST_BACKENDS)("a customer's receipts against the ledger on %s", (kind) => {
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (_db, l) => {
    ledger = l;
  });

  it('confirms receipts the ledger holds the same, and lists burns without a receipt', async () => {
    const l = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const chain = new TestChain(l.siteId);
    const recs = [10, 20, 30].map((m, i) =>
      chain.next(l.leaseId, m, {
        startedAtMs: T0 + 1_000 * (i + 1),
        endedAtMs: T0 + 1_000 * (i + 1) + 500,
      }),
    );
    await ledger.stageBurns(l.siteId, recs);
    await ledger.reconcile(T0 + 10_000);
    const [a, b, c] = recs as [BurnRecordData, BurnRecordData, BurnRecordData];

    const all = await ledger.checkReceipts(l.customerId, recs.map(claim), ALL_TIME);
    expect(all).toMatchObject({
      receipts: 3,
      confirmed: 3,
      pending: 0,
      confirmedMicroTokens: 60,
      chargedMicroTokens: 60,
      unconfirmed: [],
      withoutReceipt: [],
      truncated: false,
    });

    // The customer holds no receipt of seq 2: the ledger's burn is listed, with what it charged.
    const some = await ledger.checkReceipts(l.customerId, [claim(a), claim(c)], ALL_TIME);
    expect(some.confirmed).toBe(2);
    expect(some.withoutReceipt).toEqual([
      {
        siteId: l.siteId,
        seq: 2,
        leaseId: l.leaseId,
        microTokens: 20,
        chargedMicroTokens: 20,
        status: 'accepted',
        hash: b.hash,
        endedAtMs: b.ended_at_ms,
      },
    ]);
    // Outside the period it is not asked for.
    const period = { fromMs: a.ended_at_ms, toMs: a.ended_at_ms };
    expect((await ledger.checkReceipts(l.customerId, [claim(a)], period)).withoutReceipt).toEqual(
      [],
    );
  });

  it('refuses receipts the ledger does not hold the same: altered, unknown, of another customer', async () => {
    const l = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const other = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const chain = new TestChain(l.siteId);
    const [a, b] = chain.many(l.leaseId, [10, 20]) as [BurnRecordData, BurnRecordData];
    const otherChain = new TestChain(other.siteId);
    const [x] = otherChain.many(other.leaseId, [5]) as [BurnRecordData];
    await ledger.stageBurns(l.siteId, [a, b]);
    await ledger.stageBurns(other.siteId, [x]);
    await ledger.reconcile(T0 + 10_000);

    const r = await ledger.checkReceipts(
      l.customerId,
      [
        { ...claim(a), microTokens: 11 },
        { ...claim(b), hash: 'f'.repeat(64), leaseId: uid('lease') },
        { ...claim(b), seq: 99 },
        claim(x),
      ],
      ALL_TIME,
    );
    expect(r.confirmed).toBe(0);
    expect(r.unconfirmed).toEqual([
      { siteId: l.siteId, seq: 1, problem: 'differs', fields: ['microTokens'] },
      { siteId: l.siteId, seq: 2, problem: 'differs', fields: ['leaseId', 'hash'] },
      { siteId: l.siteId, seq: 99, problem: 'not_in_ledger' },
      { siteId: other.siteId, seq: 1, problem: 'other_customer' },
    ]);
    // Neither of the customer's burns is covered by a receipt that holds.
    expect(r.withoutReceipt.map((w) => w.seq)).toEqual([1, 2]);
  });

  it('counts a receipt of a burn staged but not reconciled yet as confirmed and pending', async () => {
    const l = await openLease(ledger, { topUp: 1_000_000, hold: 500_000 });
    const [a] = new TestChain(l.siteId).many(l.leaseId, [10]) as [BurnRecordData];
    await ledger.stageBurns(l.siteId, [a]);
    const r = await ledger.checkReceipts(l.customerId, [claim(a)], ALL_TIME);
    expect(r).toMatchObject({ confirmed: 1, pending: 1, chargedMicroTokens: 0, unconfirmed: [] });
    await ledger.reconcile(T0 + 10_000); // leave the suite's ledger reconciled
  });
});
