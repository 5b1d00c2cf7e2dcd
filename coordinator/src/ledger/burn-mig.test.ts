import { describe, expect, it } from 'vitest';
import { burnHash } from '@edgefleet/proto';
import { TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { BURN_HASH_SQL, pickRecord, sameRecord } from './burn-record.js';
import type { SqlLedger } from './ledger.js';
import { openLease, T0, TestChain } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

const MIG_A = 'MIG-4b1c6f5e-2a3d-5e6f-8a9b-0c1d2e3f4a5b';
const MIG_B = 'MIG-9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0';

describe('burn records and the burns columns', () => {
  it('compare and read back a missing and an empty MIG instance as the same thing', () => {
    const chain = new TestChain('site-x');
    const plain = chain.next('l1', 5);
    expect(sameRecord(plain, { ...plain, mig_instance_uuid: '' })).toBe(true);
    expect(sameRecord(plain, { ...plain, mig_instance_uuid: MIG_A })).toBe(false);
    expect(Object.keys(pickRecord({ ...plain, mig_instance_uuid: '' }))).not.toContain(
      'mig_instance_uuid',
    );
    expect(pickRecord({ ...plain, mig_instance_uuid: MIG_A }).mig_instance_uuid).toBe(MIG_A);
  });
});

describe.each(TEST_BACKENDS)('burns with a MIG instance on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  it("hashes in SQL exactly as proto's burnHash: v2 with an instance (ASCII, multi-byte), v1 without", async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const records = [
      chain.next(l.leaseId, 1, { migInstanceUuid: MIG_A }),
      chain.next(l.leaseId, 2),
      chain.next(l.leaseId, 3, { migInstanceUuid: 'MIG-昇腾-ü' }),
      chain.next(l.leaseId, 4, { migInstanceUuid: '' }),
    ];
    await ledger.stageBurns(l.siteId, records);
    const rows = await t.db.query<{ seq: number; h: string; hash: string; mig: string }>(
      `SELECT seq, ${BURN_HASH_SQL} AS h, hash, mig_instance_uuid AS mig FROM burns WHERE site_id = $1 ORDER BY seq`,
      [l.siteId],
    );
    expect(rows.map((r) => r.mig)).toEqual([MIG_A, '', 'MIG-昇腾-ü', '']);
    expect(rows.map((r) => r.h)).toEqual(records.map((r) => burnHash(r)));
    expect(rows.map((r) => r.hash)).toEqual(records.map((r) => r.hash));
    // The v1 rows still hash as before the column existed; the v2 ones differ from their v1 hash.
    expect(burnHash({ ...records[0]!, mig_instance_uuid: undefined })).not.toBe(rows[0]?.h);
    const run = await ledger.reconcile(T0 + 10_000);
    expect(run.sites.find((x) => x.siteId === l.siteId)).toMatchObject({
      accepted: 4,
      tampered: 0,
      ackedSeq: 4,
    });
  });

  it('refuses a resend that rewrites the instance, and takes an identical one as a duplicate', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 10_000 });
    const chain = new TestChain(l.siteId);
    const r = chain.next(l.leaseId, 7, { migInstanceUuid: MIG_A });
    await ledger.stageBurns(l.siteId, [r]);
    expect(await ledger.stageBurns(l.siteId, [r])).toMatchObject({ staged: 0, duplicate: 1 });
    // Same seq and hash, other instance: the record's own hash no longer matches, so it is refused.
    const forged = { ...r, mig_instance_uuid: MIG_B };
    expect(await ledger.stageBurns(l.siteId, [forged])).toMatchObject({ staged: 0, tampered: 1 });
  });

  it.each([false, true])(
    'disputes a burn naming another instance than its pinned lease (wrong_instance), never as customer debt (fast path: %s)',
    async (fast) => {
      const l = await openLease(ledger, {
        topUp: 10_000,
        hold: 5_000,
        migInstanceUuid: MIG_A,
      });
      const chain = new TestChain(l.siteId);
      const records = [
        chain.next(l.leaseId, 100, { migInstanceUuid: MIG_A }), // its own instance
        chain.next(l.leaseId, 200, { migInstanceUuid: MIG_B }), // another one
        chain.next(l.leaseId, 300), // none (an agent before the field): the other bounds only
      ];
      const report = fast
        ? (await ledger.ingestBurns(l.siteId, records)).report
        : (await ledger.stageBurns(l.siteId, records),
          await ledger.reconcile(T0 + 10_000)).sites.find((x) => x.siteId === l.siteId);
      expect(report).toMatchObject({
        accepted: 3,
        acceptedMicroTokens: 400,
        disputed: 1,
        disputedMicroTokens: 200,
        wrongInstance: 1,
        wrongInstanceMicroTokens: 200,
        outsideLease: 0,
        ackedSeq: 3,
      });
      const rows = await t.db.query(
        'SELECT seq, status, posted_from_hold, posted_as_debt, disputed, dispute_reason, mig_instance_uuid FROM burns WHERE site_id = $1 ORDER BY seq',
        [l.siteId],
      );
      expect(rows).toEqual([
        {
          seq: 1,
          status: 'accepted',
          posted_from_hold: 100,
          posted_as_debt: 0,
          disputed: 0,
          dispute_reason: null,
          mig_instance_uuid: MIG_A,
        },
        {
          seq: 2,
          status: 'disputed',
          posted_from_hold: 0,
          posted_as_debt: 0,
          disputed: 200,
          dispute_reason: 'wrong_instance',
          mig_instance_uuid: MIG_B,
        },
        {
          seq: 3,
          status: 'accepted',
          posted_from_hold: 300,
          posted_as_debt: 0,
          disputed: 0,
          dispute_reason: null,
          mig_instance_uuid: '',
        },
      ]);
      expect(await ledger.balance(l.customerId)).toMatchObject({ held: 4_600, debt: 0 });
      expect(await ledger.disputeBalance(l.siteId)).toBe(200);
      expect(await ledger.siteEarnings(l.siteId)).toBe(400);
    },
  );
});
