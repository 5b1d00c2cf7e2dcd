import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import {
  DisputeBalanceError,
  DuplicateReferenceError,
  HoldClosedError,
  LedgerInsufficientBalanceError,
  InvalidLedgerArgumentError,
  LedgerUnknownHoldError,
} from './errors.js';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';
import { BURN_HASH_SQL } from './burn-record.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { emptySiteReport } from './reports.js';
import { countingDb, openLease, T0, TestChain, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe.each(TEST_BACKENDS)('ledger on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  it('posts exact integer arithmetic: top up, hold, two burns, release', async () => {
    const l = await openLease(ledger, { topUp: 10_000_000, hold: 2_000_000 });
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 8_000_000,
      held: 2_000_000,
      debt: 0,
    });
    const chain = new TestChain(l.siteId);
    expect(await ledger.stageBurns(l.siteId, chain.many(l.leaseId, [123_456, 1_000]))).toEqual({
      staged: 2,
      duplicate: 0,
      tampered: 0,
      refused: 0,
    });
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites).toEqual([
      { ...emptySiteReport(l.siteId), accepted: 2, acceptedMicroTokens: 124_456, ackedSeq: 2 },
    ]);
    expect(await ledger.balance(l.customerId)).toMatchObject({
      available: 8_000_000,
      held: 2_000_000 - 124_456,
    });
    expect(await ledger.releaseHold(l.holdId, 'released')).toEqual({
      burned: 124_456,
      released: 2_000_000 - 124_456,
    });
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 10_000_000 - 124_456,
      held: 0,
      debt: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(124_456);
    const [hold] = await t.db.query<{ balance: number }>(
      'SELECT balance FROM accounts WHERE id = $1',
      [`hold:${l.holdId}`],
    );
    expect(hold?.balance).toBe(0);
  });

  it('keeps provenance on every posted burn: one aggregate transfer per (hold, site), each burn row names it', async () => {
    const l = await openLease(ledger, { topUp: 1_000, hold: 1_000 });
    const records = new TestChain(l.siteId).many(l.leaseId, [10, 20, 30]);
    await ledger.stageBurns(l.siteId, records);
    const run = await ledger.reconcile(T0 + 10_000);
    const rows = await t.db.query<{ id: number }>(
      'SELECT id, kind, site_id, burn_seq, burn_seq_to, burn_count, amount, lease_id, hold_id, run_id FROM transfers WHERE site_id = $1',
      [l.siteId],
    );
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        kind: 'burn',
        site_id: l.siteId,
        burn_seq: 1,
        burn_seq_to: 3,
        burn_count: 3,
        amount: 60,
        lease_id: l.leaseId,
        hold_id: l.holdId,
        run_id: run.runId,
      },
    ]);
    const burns = await t.db.query(
      'SELECT seq, lease_id, accelerator_model, accelerator_serial, micro_tokens, hash, status, posted_from_hold, transfer_id, debt_transfer_id FROM burns WHERE site_id = $1 ORDER BY seq',
      [l.siteId],
    );
    expect(burns).toEqual(
      records.map((r) => ({
        seq: r.seq,
        lease_id: l.leaseId,
        accelerator_model: 'H100-80GB',
        accelerator_serial: `SN-${l.siteId}-0`,
        micro_tokens: r.micro_tokens,
        hash: r.hash,
        status: 'accepted',
        posted_from_hold: r.micro_tokens,
        transfer_id: rows[0]?.id,
        debt_transfer_id: null,
      })),
    );
  });

  it("aggregates disputes per site and keeps each burn's split between hold and dispute", async () => {
    const l = await openLease(ledger, { topUp: 100, hold: 100 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [60, 60, 30]));
    await ledger.reconcile(T0 + 10_000);
    const transfers = await t.db.query<{ id: number; kind: string }>(
      'SELECT id, kind, debit_account, credit_account, burn_seq, burn_seq_to, burn_count, amount FROM transfers WHERE site_id = $1 ORDER BY id',
      [l.siteId],
    );
    expect(transfers.map(({ id: _id, ...x }) => x)).toEqual([
      {
        kind: 'burn',
        debit_account: `hold:${l.holdId}`,
        credit_account: `site:${l.siteId}`,
        burn_seq: 1,
        burn_seq_to: 2,
        burn_count: 2,
        amount: 100,
      },
      {
        kind: 'burn_disputed',
        debit_account: 'mint',
        credit_account: `dispute:${l.siteId}`,
        burn_seq: 2,
        burn_seq_to: 3,
        burn_count: 2,
        amount: 50,
      },
    ]);
    const [hold, dispute] = transfers.map((x) => x.id);
    const burns = await t.db.query(
      'SELECT seq, status, posted_from_hold, posted_as_debt, disputed, dispute_reason, transfer_id, debt_transfer_id, dispute_transfer_id FROM burns WHERE site_id = $1 ORDER BY seq',
      [l.siteId],
    );
    expect(burns).toEqual([
      {
        seq: 1,
        status: 'accepted',
        posted_from_hold: 60,
        posted_as_debt: 0,
        disputed: 0,
        dispute_reason: null,
        transfer_id: hold,
        debt_transfer_id: null,
        dispute_transfer_id: null,
      },
      {
        seq: 2,
        status: 'disputed',
        posted_from_hold: 40,
        posted_as_debt: 0,
        disputed: 20,
        dispute_reason: 'over_hold',
        transfer_id: hold,
        debt_transfer_id: null,
        dispute_transfer_id: dispute,
      },
      {
        seq: 3,
        status: 'disputed',
        posted_from_hold: 0,
        posted_as_debt: 0,
        disputed: 30,
        dispute_reason: 'over_hold',
        transfer_id: null,
        debt_transfer_id: null,
        dispute_transfer_id: dispute,
      },
    ]);
    const site = await ledger.siteStatement(l.siteId, { limit: 2 });
    expect(site.items.map((e) => [e.kind, e.seq, e.amount])).toEqual([
      ['burn', 2, 40],
      ['burn', 1, 60],
    ]);
    expect(site.nextCursor).toBeNull();
    expect(await ledger.disputeBalance(l.siteId)).toBe(50);
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 0,
      held: 0,
      debt: 0,
    });
  });

  it("verifies hash chains in SQL exactly as proto's burnHash does (multi-byte labels, big numbers)", async () => {
    const l = await openLease(ledger, { topUp: 10_000_000, hold: 10_000_000 });
    let prev: BurnRecordData | undefined;
    const records = ['Ascend-910B/昇腾', 'MI300X «β»', 'ü'.repeat(200)].map((model, i) => {
      prev = chainBurn(prev, {
        site_id: l.siteId,
        lease_id: l.leaseId,
        accelerator_model: model,
        accelerator_serial: `SN-€-${i}`,
        slot: 'mig-3g.40gb/½',
        started_at_ms: T0 + 1_000,
        ended_at_ms: T0 + 1_000 + i,
        micro_tokens: 1_000_000 + i * 987_654,
      });
      return prev;
    });
    await ledger.stageBurns(l.siteId, records);
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({ accepted: 3, tampered: 0, ackedSeq: 3 });
    expect(await ledger.chainHead(l.siteId)).toEqual({ seq: 3, hash: records[2]?.hash });
    const rows = await t.db.query<{ h: string; hash: string }>(
      `SELECT ${BURN_HASH_SQL} AS h, hash FROM burns WHERE site_id = $1`,
      [l.siteId],
    );
    expect(rows.every((r) => r.h === r.hash)).toBe(true);
  });

  it('refuses an overdraft with the figures, and leaves the balance alone', async () => {
    const customerId = uid('cust');
    expect(await ledger.topUp(customerId, 500, uid('pay'))).toBe(500);
    const err = await ledger
      .placeHold({ holdId: uid('hold'), customerId, microTokens: 501, expiresAtMs: T0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerInsufficientBalanceError);
    expect(err).toMatchObject({
      code: 'LEDGER_INSUFFICIENT_BALANCE',
      customerId,
      available: 500,
      requested: 501,
      data: { customerId, available: 500, requested: 501 },
    });
    await expect(
      ledger.placeHold({
        holdId: uid('hold'),
        customerId: uid('nobody'),
        microTokens: 1,
        expiresAtMs: T0,
      }),
    ).rejects.toBeInstanceOf(LedgerInsufficientBalanceError);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 500, held: 0 });
    await ledger.placeHold({ holdId: uid('hold'), customerId, microTokens: 500, expiresAtMs: T0 });
    expect(await ledger.balance(customerId)).toMatchObject({ available: 0, held: 500 });
  });

  it('credits a top-up reference once, and refuses its reuse with another amount', async () => {
    const customerId = uid('cust');
    expect(await ledger.topUp(customerId, 700, 'invoice-1')).toBe(700);
    expect(await ledger.topUp(customerId, 700, 'invoice-1')).toBe(700);
    await expect(ledger.topUp(customerId, 800, 'invoice-1')).rejects.toBeInstanceOf(
      DuplicateReferenceError,
    );
    expect(await ledger.topUp(customerId, 300, 'invoice-2')).toBe(1_000);
    expect(await ledger.topUp(customerId, 5, '')).toBe(1_005);
    expect(await ledger.topUp(customerId, 5, '')).toBe(1_010);
  });

  it('refuses amounts that are not positive integer µT', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      await expect(ledger.topUp(uid('cust'), bad, uid('pay'))).rejects.toBeInstanceOf(
        InvalidLedgerArgumentError,
      );
    }
    await expect(
      ledger.placeHold({
        holdId: uid('hold'),
        customerId: uid('c'),
        microTokens: 0,
        expiresAtMs: T0,
      }),
    ).rejects.toBeInstanceOf(InvalidLedgerArgumentError);
  });

  it('treats placing the same hold twice as one hold', async () => {
    const customerId = uid('cust');
    await ledger.topUp(customerId, 1_000, uid('pay'));
    const h = { holdId: uid('hold'), customerId, microTokens: 600, expiresAtMs: T0 };
    await ledger.placeHold(h);
    await ledger.placeHold(h);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 400, held: 600 });
    await expect(ledger.placeHold({ ...h, microTokens: 300 })).rejects.toBeInstanceOf(
      DuplicateReferenceError,
    );
  });

  it('releases idempotently and tells unknown holds apart', async () => {
    const l = await openLease(ledger, { topUp: 1_000, hold: 800 });
    expect(await ledger.releaseHold(l.holdId, 'released')).toEqual({ burned: 0, released: 800 });
    expect(await ledger.releaseHold(l.holdId, 'released')).toEqual({ burned: 0, released: 800 });
    expect(await ledger.releaseHold(l.holdId, 'expired')).toEqual({ burned: 0, released: 800 });
    expect(await ledger.balance(l.customerId)).toMatchObject({ available: 1_000, held: 0 });
    await expect(ledger.releaseHold(uid('hold'), 'released')).rejects.toBeInstanceOf(
      LedgerUnknownHoldError,
    );
    await expect(ledger.renewHold(l.holdId, T0 + 10)).rejects.toBeInstanceOf(HoldClosedError);
    await expect(ledger.renewHold(uid('hold'), T0)).rejects.toBeInstanceOf(LedgerUnknownHoldError);
  });

  it('refuses a lease under a closed or unknown hold', async () => {
    const l = await openLease(ledger, { topUp: 1_000, hold: 800 });
    await ledger.releaseHold(l.holdId, 'released');
    const lease = {
      leaseId: uid('lease'),
      holdId: l.holdId,
      siteId: l.siteId,
      customerId: l.customerId,
      model: 'm',
      budgetMicroTokens: 1,
      issuedAtMs: T0,
      expiresAtMs: T0 + 1,
    };
    await expect(ledger.registerLease(lease)).rejects.toBeInstanceOf(HoldClosedError);
    await expect(ledger.registerLease({ ...lease, holdId: uid('hold') })).rejects.toBeInstanceOf(
      LedgerUnknownHoldError,
    );
  });

  it('expires holds past expiry plus grace, and renew pushes that out', async () => {
    const a = await openLease(ledger, { topUp: 1_000, hold: 100, expiresAtMs: T0 - 50_000 });
    const b = await openLease(ledger, { topUp: 1_000, hold: 100, expiresAtMs: T0 - 50_000 });
    await ledger.renewHold(b.holdId, T0 + 600_000);
    expect(await ledger.expireHolds(T0 - 50_000 + 9_999, 10_000)).toBe(0);
    expect(await ledger.expireHolds(T0, 10_000)).toBeGreaterThanOrEqual(1);
    expect(await ledger.balance(a.customerId)).toMatchObject({ available: 1_000, held: 0 });
    expect(await ledger.balance(b.customerId)).toMatchObject({ available: 900, held: 100 });
    expect(await ledger.releaseHold(a.holdId, 'released')).toEqual({ burned: 0, released: 100 });
    const [status] = await t.db.query<{ status: string }>(
      'SELECT status FROM holds WHERE id = $1',
      [a.holdId],
    );
    expect(status?.status).toBe('expired');
  });

  it('counts a resent batch as duplicates and never posts it twice', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const batch = new TestChain(l.siteId).many(l.leaseId, [100, 200, 300]);
    await ledger.stageBurns(l.siteId, batch);
    expect(await ledger.stageBurns(l.siteId, batch)).toEqual({
      staged: 0,
      duplicate: 3,
      tampered: 0,
      refused: 0,
    });
    const first = await ledger.reconcile(T0 + 10_000);
    expect(first.sites[0]).toMatchObject({
      accepted: 3,
      acceptedMicroTokens: 600,
      duplicate: 3,
      ackedSeq: 3,
    });
    // after posting, the same batch again (the ack was lost): duplicates, and the ack is repeated
    expect(await ledger.stageBurns(l.siteId, [...batch, batch[0]!])).toEqual({
      staged: 0,
      duplicate: 4,
      tampered: 0,
      refused: 0,
    });
    const second = await ledger.reconcile(T0 + 20_000);
    expect(second.sites.find((s) => s.siteId === l.siteId)).toMatchObject({
      accepted: 0,
      duplicate: 4,
      ackedSeq: 3,
      resendFrom: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(600);
  });

  it('counts the same seq with different content as tampered and keeps the first', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const [r1] = chain.many(l.leaseId, [100]);
    await ledger.stageBurns(l.siteId, [r1!]);
    const forged = { ...r1!, micro_tokens: 9_000 };
    const rehashed = new TestChain(l.siteId).next(l.leaseId, 9_000); // a valid chain, other content
    expect(await ledger.stageBurns(l.siteId, [forged, rehashed])).toEqual({
      staged: 0,
      duplicate: 0,
      tampered: 2,
      refused: 0,
    });
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({ accepted: 1, acceptedMicroTokens: 100, tampered: 2 });
    expect(await ledger.siteEarnings(l.siteId)).toBe(100);
    const rejects = await t.db.query<{ reason: string }>(
      'SELECT reason FROM burn_rejects WHERE site_id = $1',
      [l.siteId],
    );
    expect(rejects.map((r) => r.reason)).toEqual(['conflict', 'conflict']);
  });

  it('stops a chain at a record with a bad hash, and lets a correct resend replace it', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const [r1, r2, r3] = chain.many(l.leaseId, [100, 200, 300]);
    const bad = { ...r2!, micro_tokens: 50 }; // rewritten in transit: its hash no longer matches
    await ledger.stageBurns(l.siteId, [r1!, bad, r3!]);
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({ accepted: 1, tampered: 1, ackedSeq: 1, resendFrom: 2 });
    const [stored] = await t.db.query<{ status: string; problem: string }>(
      'SELECT status, problem FROM burns WHERE site_id = $1 AND seq = 2',
      [l.siteId],
    );
    expect(stored).toEqual({ status: 'tampered', problem: 'hash_mismatch' });
    // the site resends from 2: the correct record supersedes the tampered one, and the chain moves on
    expect(await ledger.stageBurns(l.siteId, [r2!, r3!])).toEqual({
      staged: 1,
      duplicate: 1,
      tampered: 0,
      refused: 0,
    });
    const healed = await ledger.reconcile(T0 + 20_000);
    expect(healed.sites[0]).toMatchObject({
      accepted: 2,
      acceptedMicroTokens: 500,
      ackedSeq: 3,
      resendFrom: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(600);
    const rejects = await t.db.query<{ reason: string }>(
      'SELECT reason FROM burn_rejects WHERE site_id = $1',
      [l.siteId],
    );
    expect(rejects.map((r) => r.reason)).toEqual(['superseded']);
  });

  it('asks for a resend on a gap and posts the rest once it arrives', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const [r1, r2, r3, r4] = new TestChain(l.siteId).many(l.leaseId, [1, 2, 3, 4]);
    await ledger.stageBurns(l.siteId, [r1!, r4!]);
    const first = await ledger.reconcile(T0 + 10_000);
    expect(first.sites[0]).toMatchObject({ accepted: 1, gap: 2, ackedSeq: 1, resendFrom: 2 });
    await ledger.stageBurns(l.siteId, [r3!]);
    const still = await ledger.reconcile(T0 + 20_000);
    expect(still.sites[0]).toMatchObject({ accepted: 0, gap: 1, ackedSeq: 1, resendFrom: 2 });
    await ledger.stageBurns(l.siteId, [r2!]);
    const done = await ledger.reconcile(T0 + 30_000);
    expect(done.sites[0]).toMatchObject({
      accepted: 3,
      acceptedMicroTokens: 9,
      gap: 0,
      ackedSeq: 4,
      resendFrom: 0,
    });
    expect(await ledger.chainHead(l.siteId)).toEqual({ seq: 4, hash: r4!.hash });
  });

  it('posts honest work on a hold the coordinator closed early as debt, within the lease budget; the rest is disputed', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 5_000 });
    await ledger.releaseHold(l.holdId, 'expired');
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [700, 4_000, 1_000]));
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({
      accepted: 3,
      acceptedMicroTokens: 5_000,
      late: 0,
      overBudget: 0,
      holdClosed: 3,
      disputed: 1,
      disputedMicroTokens: 700,
      overHold: 1,
    });
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 10_000,
      held: 0,
      debt: 5_000,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(5_000);
    expect(await ledger.disputeBalance(l.siteId)).toBe(700);
    const rows = await t.db.query(
      'SELECT seq, status, posted_as_debt, disputed FROM burns WHERE site_id = $1 ORDER BY seq',
      [l.siteId],
    );
    expect(rows).toEqual([
      { seq: 1, status: 'hold_closed', posted_as_debt: 700, disputed: 0 },
      { seq: 2, status: 'hold_closed', posted_as_debt: 4_000, disputed: 0 },
      { seq: 3, status: 'disputed', posted_as_debt: 300, disputed: 700 },
    ]);
  });

  it('disputes a burn outside its lease window (outside_lease), within skew and grace from the hold', async () => {
    const l = await openLease(ledger, {
      topUp: 10_000,
      hold: 5_000,
      issuedAtMs: T0,
      expiresAtMs: T0 + 100_000,
    });
    const chain = new TestChain(l.siteId);
    const records = [
      chain.next(l.leaseId, 1, { startedAtMs: T0 - 60_000, endedAtMs: T0 }), // within skew
      chain.next(l.leaseId, 2, { startedAtMs: T0 + 100_000, endedAtMs: T0 + 160_000 }), // within grace
      chain.next(l.leaseId, 4, { startedAtMs: T0 - 60_001, endedAtMs: T0 }), // before the lease
      chain.next(l.leaseId, 8, { startedAtMs: T0 + 100_000, endedAtMs: T0 + 160_001 }), // after it
    ];
    await ledger.stageBurns(l.siteId, records);
    const run = await ledger.reconcile(T0 + 200_000);
    expect(run.sites[0]).toMatchObject({
      accepted: 4,
      acceptedMicroTokens: 3,
      late: 0,
      disputed: 2,
      disputedMicroTokens: 12,
      outsideLease: 2,
      outsideLeaseMicroTokens: 12,
      ackedSeq: 4,
    });
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 5_000,
      held: 5_000 - 3,
      debt: 0,
    });
    expect(await ledger.disputeBalance(l.siteId)).toBe(12);
  });

  it('posts what fits from the hold and disputes the overrun (over_hold): the customer is never charged beyond the hold', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [800, 500, 100]));
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({
      accepted: 3,
      acceptedMicroTokens: 1_000,
      overBudget: 0,
      late: 0,
      disputed: 2,
      disputedMicroTokens: 400,
      overHold: 2,
      overHoldMicroTokens: 400,
    });
    expect(await ledger.balance(l.customerId)).toEqual({
      customerId: l.customerId,
      available: 9_000,
      held: 0,
      debt: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(1_000);
    const rows = await t.db.query<{
      seq: number;
      status: string;
      posted_from_hold: number;
      posted_as_debt: number;
    }>(
      'SELECT seq, status, posted_from_hold, posted_as_debt, disputed FROM burns WHERE site_id = $1 ORDER BY seq',
      [l.siteId],
    );
    expect(rows).toEqual([
      { seq: 1, status: 'accepted', posted_from_hold: 800, posted_as_debt: 0, disputed: 0 },
      { seq: 2, status: 'disputed', posted_from_hold: 200, posted_as_debt: 0, disputed: 300 },
      { seq: 3, status: 'disputed', posted_from_hold: 0, posted_as_debt: 0, disputed: 100 },
    ]);
    expect(await ledger.releaseHold(l.holdId, 'released')).toEqual({ burned: 1_000, released: 0 });
    // A top-up afterwards is the customer's whole: nothing to settle.
    expect(await ledger.topUp(l.customerId, 500, uid('pay'))).toBe(9_500);
  });

  it("resolves a site's dispute by an operator's decision: pay (to the site) or reject (to the mint), never from the customer", async () => {
    const l = await openLease(ledger, { topUp: 1_000, hold: 1_000 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [1_000, 900]));
    await ledger.reconcile(T0 + 10_000);
    expect(await ledger.disputeBalance(l.siteId)).toBe(900);
    const customer = await ledger.balance(l.customerId);
    const pay = uid('op');
    expect(await ledger.resolveDispute(l.siteId, 'pay', { amount: 300, ref: pay })).toEqual({
      resolved: 300,
      left: 600,
    });
    // A retried decision is carried out once; the same ref with other terms is refused.
    expect(await ledger.resolveDispute(l.siteId, 'pay', { amount: 300, ref: pay })).toEqual({
      resolved: 300,
      left: 600,
    });
    await expect(
      ledger.resolveDispute(l.siteId, 'reject', { amount: 300, ref: pay }),
    ).rejects.toThrow(DuplicateReferenceError);
    await expect(
      ledger.resolveDispute(l.siteId, 'reject', { amount: 601, ref: uid('op') }),
    ).rejects.toThrow(DisputeBalanceError);
    expect(await ledger.resolveDispute(l.siteId, 'reject', { ref: uid('op') })).toEqual({
      resolved: 600,
      left: 0,
    });
    expect(await ledger.resolveDispute(l.siteId, 'reject', { ref: uid('op') })).toEqual({
      resolved: 0,
      left: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(1_300);
    expect(await ledger.disputeBalance(l.siteId)).toBe(0);
    expect(await ledger.balance(l.customerId)).toEqual(customer);
    const kinds = await t.db.query<{
      kind: string;
      debit_account: string;
      credit_account: string;
      amount: number;
    }>(
      "SELECT kind, debit_account, credit_account, amount FROM transfers WHERE kind IN ('dispute_paid', 'dispute_rejected') AND debit_account = $1 ORDER BY id",
      [`dispute:${l.siteId}`],
    );
    expect(kinds).toEqual([
      {
        kind: 'dispute_paid',
        debit_account: `dispute:${l.siteId}`,
        credit_account: `site:${l.siteId}`,
        amount: 300,
      },
      {
        kind: 'dispute_rejected',
        debit_account: `dispute:${l.siteId}`,
        credit_account: 'mint',
        amount: 600,
      },
    ]);
    await expect(
      ledger.resolveDispute(l.siteId, 'pay', { amount: 0, ref: uid('op') }),
    ).rejects.toThrow(InvalidLedgerArgumentError);
  });

  it('refuses a lease slot fraction or multiplier out of range', async () => {
    const base = {
      leaseId: uid('lease'),
      holdId: uid('hold'),
      siteId: uid('site'),
      customerId: uid('c'),
      model: 'm',
      budgetMicroTokens: 1,
      issuedAtMs: T0,
      expiresAtMs: T0 + 1,
    };
    await expect(ledger.registerLease({ ...base, slotFraction: 0, multiplier: 1 })).rejects.toThrow(
      InvalidLedgerArgumentError,
    );
    await expect(
      ledger.registerLease({ ...base, slotFraction: 1.5, multiplier: 1 }),
    ).rejects.toThrow(InvalidLedgerArgumentError);
    await expect(
      ledger.registerLease({ ...base, slotFraction: 0.5, multiplier: 0 }),
    ).rejects.toThrow(InvalidLedgerArgumentError);
  });

  it('records the slot fraction and multiplier a lease was registered with', async () => {
    const l = await openLease(ledger, {
      topUp: 10,
      hold: 10,
      slotFraction: 1 / 7,
      multiplier: 0.7,
    });
    const old = await openLease(ledger, { topUp: 10, hold: 10 });
    const rows = await t.db.query(
      'SELECT id, slot_fraction, multiplier FROM leases WHERE id = ANY($1::text[]) ORDER BY id = $2 DESC',
      [[l.leaseId, old.leaseId], l.leaseId],
    );
    expect(rows).toEqual([
      { id: l.leaseId, slot_fraction: 1 / 7, multiplier: 0.7 },
      { id: old.leaseId, slot_fraction: null, multiplier: null },
    ]);
  });

  it('keeps a burn for an unknown lease, posts nothing, and moves the chain past it', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const other = await openLease(ledger, { topUp: 10_000, hold: 10_000 }); // a lease of another site
    const chain = new TestChain(l.siteId);
    await ledger.stageBurns(l.siteId, [
      chain.next('never-issued', 50),
      chain.next(other.leaseId, 60),
      chain.next(l.leaseId, 70),
    ]);
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({
      accepted: 1,
      acceptedMicroTokens: 70,
      unknownLease: 2,
      ackedSeq: 3,
    });
    const rows = await t.db.query<{ status: string; micro_tokens: number }>(
      'SELECT status, micro_tokens FROM burns WHERE site_id = $1 ORDER BY seq',
      [l.siteId],
    );
    expect(rows).toEqual([
      { status: 'unknown_lease', micro_tokens: 50 },
      { status: 'unknown_lease', micro_tokens: 60 },
      { status: 'accepted', micro_tokens: 70 },
    ]);
    expect(await ledger.siteEarnings(l.siteId)).toBe(70);
  });

  it('counts records that fail validation as tampered and keeps them', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const good = chain.next(l.leaseId, 10);
    const foreign = new TestChain(uid('site')).next(l.leaseId, 10);
    const junk = [foreign, { ...good, seq: 2, micro_tokens: -5 }, { hello: 'world' }, null];
    expect(await ledger.stageBurns(l.siteId, [good, ...(junk as never[])])).toEqual({
      staged: 1,
      duplicate: 0,
      tampered: 4,
      refused: 0,
    });
    const rejects = await t.db.query<{ reason: string }>(
      'SELECT reason FROM burn_rejects WHERE site_id = $1',
      [l.siteId],
    );
    expect(rejects).toHaveLength(4);
    expect(rejects.every((r) => r.reason === 'invalid')).toBe(true);
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites[0]).toMatchObject({ accepted: 1, tampered: 4 });
    await expect(ledger.stageBurns(l.siteId, null as never)).rejects.toBeInstanceOf(
      InvalidLedgerArgumentError,
    );
  });

  it('decides an authentic record the schema refuses as refused: nothing posted, the head moves past it, acked', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const first = chain.next(l.leaseId, 10);
    // Ends before it starts: the schema refuses it, but its hash is right, so it has a place in the chain.
    const bad = chain.next(l.leaseId, 5_000, { startedAtMs: T0 + 2_000, endedAtMs: T0 + 1_500 });
    const third = chain.next(l.leaseId, 30);
    expect(await ledger.stageBurns(l.siteId, [first, bad, third])).toEqual({
      staged: 3,
      duplicate: 0,
      tampered: 0,
      refused: 1,
    });
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites.find((s) => s.siteId === l.siteId)).toMatchObject({
      accepted: 2,
      acceptedMicroTokens: 40,
      refused: 1,
      tampered: 0,
      ackedSeq: 3,
      resendFrom: 0,
    });
    expect(await ledger.siteEarnings(l.siteId)).toBe(40);
    expect(await ledger.totalOfAllBalances()).toBe(0);
    const rows = await t.db.query<{
      seq: number;
      status: string;
      micro_tokens: number;
      refused: string | null;
    }>('SELECT seq, status, micro_tokens, refused FROM burns WHERE site_id = $1 ORDER BY seq', [
      l.siteId,
    ]);
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'refused', 'accepted']);
    expect(rows[1]).toMatchObject({ micro_tokens: 0 });
    expect(rows[1]?.refused).toMatch(/^ends_before_start: /);
    const rejects = await t.db.query<{
      seq: number;
      reason: string;
      record: { micro_tokens: number };
    }>('SELECT seq, reason, record FROM burn_rejects WHERE site_id = $1', [l.siteId]);
    expect(rejects).toEqual([
      { seq: 2, reason: 'refused', record: expect.objectContaining({ micro_tokens: 5_000 }) },
    ]);
    // A resend of the refused record after the ack is a duplicate; the chain stays where it is.
    expect(await ledger.stageBurns(l.siteId, [bad])).toMatchObject({
      staged: 0,
      duplicate: 1,
      tampered: 0,
    });
  });

  it('refuses as tampered a schema-refused record whose hash is wrong: the chain waits for a resend', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const first = chain.next(l.leaseId, 10);
    const bad = { ...chain.next(l.leaseId, 20), ended_at_ms: 0 };
    expect(await ledger.stageBurns(l.siteId, [first, bad])).toMatchObject({
      staged: 1,
      tampered: 1,
      refused: 0,
    });
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites.find((s) => s.siteId === l.siteId)).toMatchObject({
      accepted: 1,
      tampered: 1,
      refused: 0,
      ackedSeq: 1,
    });
  });

  it('stages and reconciles a 500-record batch in a handful of statements', async () => {
    const counted = countingDb(t.db);
    const l2 = await createLedger(counted.db, { closeDb: false });
    const l = await openLease(l2, { topUp: 1_000_000, hold: 1_000_000 });
    const records = new TestChain(l.siteId).many(
      l.leaseId,
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    counted.reset();
    expect(await l2.stageBurns(l.siteId, records)).toEqual({
      staged: 500,
      duplicate: 0,
      tampered: 0,
      refused: 0,
    });
    expect(counted.statements()).toBeLessThanOrEqual(3);
    counted.reset();
    const run = await l2.reconcile(T0 + 10_000);
    expect(run.sites.find((s) => s.siteId === l.siteId)).toMatchObject({
      accepted: 500,
      acceptedMicroTokens: (500 * 501) / 2,
      ackedSeq: 500,
    });
    expect(counted.statements()).toBeLessThanOrEqual(20);
  });

  it('writes a burst of holds in a few transactions (group commit), each answered on its own', async () => {
    const counted = countingDb(t.db);
    const l2 = await createLedger(counted.db, { closeDb: false });
    const customerId = uid('cust');
    await l2.topUp(customerId, 4_000, uid('pay'));
    counted.reset();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        l2.placeHold({ holdId: uid('hold'), customerId, microTokens: 100, expiresAtMs: T0 }).then(
          () => 'placed',
          (err: unknown) => (err instanceof LedgerInsufficientBalanceError ? 'refused' : 'error'),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'placed')).toHaveLength(40);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(10);
    expect(counted.transactions()).toBeLessThanOrEqual(2);
    expect(await l2.balance(customerId)).toMatchObject({ available: 0, held: 4_000 });
  });

  it('reads its runs back, newest first', async () => {
    const l = await openLease(ledger, { topUp: 1_000, hold: 1_000 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [5]));
    const before = await ledger.reconcile(T0 + 40_000);
    await ledger.stageBurns(l.siteId, [new TestChain(l.siteId).next(l.leaseId, 5)]); // a resend: duplicate
    const run = await ledger.reconcile(T0 + 50_000);
    const empty = await ledger.reconcile(T0 + 60_000); // nothing to do: not kept
    expect(empty.sites).toEqual([]);
    const [latest, previous] = await ledger.listRuns(2);
    expect(latest).toEqual(run);
    expect(previous).toEqual(before);
    expect(run.finishedAtMs).toBeGreaterThanOrEqual(run.startedAtMs);
    expect(await ledger.listRuns(0)).toEqual([]);
  });
});
