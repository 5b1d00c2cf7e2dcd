import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { ALL_TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { emptySiteReport } from './reports.js';
import { openLease, T0, TestChain, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe.each(ALL_TEST_BACKENDS)('ingest fast path on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  const statuses = (
    siteId: string,
  ): Promise<
    { seq: number; status: string; posted_from_hold: number; transfer_id: number | null }[]
  > =>
    t.db.query(
      'SELECT seq, status, posted_from_hold, transfer_id FROM burns WHERE site_id = $1 ORDER BY seq',
      [siteId],
    );

  it('posts an in-order batch at once: burns written decided, transfers, hold, head and report in one go', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const chain = new TestChain(l.siteId);
    const res = await ledger.ingestBurns(l.siteId, chain.many(l.leaseId, [100, 200, 300]));
    expect(res).toMatchObject({ staged: 0, duplicate: 0, tampered: 0, posted: 3, ackedSeq: 3 });
    expect(await ledger.chainHead(l.siteId)).toEqual({ seq: 3, hash: chain.last?.hash });
    const rows = await statuses(l.siteId);
    expect(rows.map((r) => [r.seq, r.status, r.posted_from_hold])).toEqual([
      [1, 'accepted', 100],
      [2, 'accepted', 200],
      [3, 'accepted', 300],
    ]);
    expect(new Set(rows.map((r) => r.transfer_id)).size).toBe(1);
    expect(rows[0]?.transfer_id).toBeGreaterThan(0);
    expect(await ledger.holdState(l.holdId)).toMatchObject({ posted: 600, remaining: 400 });
    expect(await ledger.siteEarnings(l.siteId)).toBe(600);
    // Reported under the rolling fast-path run, like a reconciliation run's site report.
    const run = await ledger.getRun(res.runId ?? '');
    expect(run?.sites).toEqual([
      { ...emptySiteReport(l.siteId), accepted: 3, acceptedMicroTokens: 600, ackedSeq: 3 },
    ]);
    // A second batch continues the chain; over the hold is decided at once too (what fits from the hold, the rest disputed).
    const res2 = await ledger.ingestBurns(l.siteId, chain.many(l.leaseId, [300, 250]));
    expect(res2).toMatchObject({ posted: 2, ackedSeq: 5 });
    expect(res2.report).toMatchObject({
      accepted: 2,
      overBudget: 0,
      acceptedMicroTokens: 400,
      disputed: 1,
      overHoldMicroTokens: 150,
    });
    expect(await ledger.balance(l.customerId)).toMatchObject({ held: 0, debt: 0 });
    expect(await ledger.disputeBalance(l.siteId)).toBe(150);
    // Nothing is left for reconciliation.
    const recon = await ledger.reconcile(T0 + 60_000);
    expect(recon.sites.filter((s) => s.siteId === l.siteId)).toEqual([]);
  });

  it('holds every burn to the same bounds as a reconciliation run (outside_lease, over_rate, over_hold, hold_closed)', async () => {
    const burnsOf = (siteId: string): Promise<unknown[]> =>
      t.db.query(
        'SELECT seq, status, posted_from_hold, posted_as_debt, disputed, dispute_reason FROM burns WHERE site_id = $1 ORDER BY seq',
        [siteId],
      );
    const outcome = async (fast: boolean): Promise<unknown> => {
      // One slot of a whole card at multiplier 1: 3.6 s = 1,000 µT.
      const open = await openLease(ledger, {
        topUp: 100_000,
        hold: 5_000,
        expiresAtMs: T0 + 100_000,
        slotFraction: 1,
        multiplier: 1,
      });
      const closed = await openLease(ledger, {
        topUp: 100_000,
        hold: 2_000,
        expiresAtMs: T0 + 100_000,
        slotFraction: 1,
        multiplier: 1,
        customerId: open.customerId,
        siteId: open.siteId,
      });
      await ledger.releaseHold(closed.holdId, 'expired');
      const chain = new TestChain(open.siteId);
      const records = [
        chain.next(open.leaseId, 1_000, { startedAtMs: T0, endedAtMs: T0 + 3_600 }), // accepted
        chain.next(open.leaseId, 2_000, { startedAtMs: T0 + 4_000, endedAtMs: T0 + 7_600 }), // 1,000 over_rate
        chain.next(open.leaseId, 500, { startedAtMs: T0 + 200_000, endedAtMs: T0 + 200_100 }), // outside_lease
        chain.next(open.leaseId, 10 ** 12, { startedAtMs: T0 + 8_000, endedAtMs: T0 + 98_000 }), // over_rate, then over_hold
        chain.next(closed.leaseId, 1_500, { startedAtMs: T0 + 1_000, endedAtMs: T0 + 9_000 }), // hold_closed: debt
        chain.next(closed.leaseId, 1_000, { startedAtMs: T0 + 10_000, endedAtMs: T0 + 19_000 }), // 500 debt, 500 over_hold
      ];
      if (fast)
        expect(await ledger.ingestBurns(open.siteId, records)).toMatchObject({
          posted: records.length,
          ackedSeq: records.length,
        });
      else {
        await ledger.stageBurns(open.siteId, records);
        expect(
          (await ledger.reconcile(T0 + 300_000)).sites.find((x) => x.siteId === open.siteId),
        ).toMatchObject({ ackedSeq: records.length });
      }
      expect(await ledger.chainHead(open.siteId)).toEqual({
        seq: records.length,
        hash: chain.last?.hash,
      });
      return {
        burns: await burnsOf(open.siteId),
        balance: await ledger.balance(open.customerId).then(({ customerId: _c, ...b }) => b),
        site: await ledger.siteEarnings(open.siteId),
        dispute: await ledger.disputeBalance(open.siteId),
      };
    };
    const fast = await outcome(true);
    expect(fast).toEqual(await outcome(false));
    expect(fast).toEqual({
      burns: [
        {
          seq: 1,
          status: 'accepted',
          posted_from_hold: 1_000,
          posted_as_debt: 0,
          disputed: 0,
          dispute_reason: null,
        },
        {
          seq: 2,
          status: 'disputed',
          posted_from_hold: 1_000,
          posted_as_debt: 0,
          disputed: 1_000,
          dispute_reason: 'over_rate',
        },
        {
          seq: 3,
          status: 'disputed',
          posted_from_hold: 0,
          posted_as_debt: 0,
          disputed: 500,
          dispute_reason: 'outside_lease',
        },
        {
          seq: 4,
          status: 'disputed',
          posted_from_hold: 3_000,
          posted_as_debt: 0,
          disputed: 10 ** 12 - 3_000,
          dispute_reason: 'over_rate',
        },
        {
          seq: 5,
          status: 'hold_closed',
          posted_from_hold: 0,
          posted_as_debt: 1_500,
          disputed: 0,
          dispute_reason: null,
        },
        {
          seq: 6,
          status: 'disputed',
          posted_from_hold: 0,
          posted_as_debt: 500,
          disputed: 500,
          dispute_reason: 'over_hold',
        },
      ],
      // 200,000 topped up − 5,000 held (all burned) − 2,000 closed hold returned − its 2,000 as debt.
      balance: { available: 200_000 - 5_000, held: 0, debt: 2_000 },
      site: 5_000 + 2_000,
      dispute: 1_000 + 500 + 10 ** 12 - 3_000 + 500,
    });
  });

  it('stages a batch after a gap; reconcile decides it once the gap is filled', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const chain = new TestChain(l.siteId);
    const [a, b, c, d] = chain.many(l.leaseId, [10, 20, 30, 40]);
    if (!a || !b || !c || !d) throw new Error('chain');
    expect(await ledger.ingestBurns(l.siteId, [a])).toMatchObject({ posted: 1, ackedSeq: 1 });
    expect(await ledger.ingestBurns(l.siteId, [c, d])).toMatchObject({
      staged: 2,
      posted: 0,
      ackedSeq: 0,
    });
    // Something of the site waits in staging: even the missing record goes through staging now.
    expect(await ledger.ingestBurns(l.siteId, [b])).toMatchObject({ staged: 1, posted: 0 });
    expect((await statuses(l.siteId)).map((r) => r.status)).toEqual([
      'accepted',
      'staged',
      'staged',
      'staged',
    ]);
    const run = await ledger.reconcile(T0 + 60_000);
    expect(run.sites).toEqual([
      expect.objectContaining({ siteId: l.siteId, accepted: 3, ackedSeq: 4, gap: 0 }),
    ]);
    expect(await ledger.siteEarnings(l.siteId)).toBe(100);
    // The chain is caught up: the next batch takes the fast path again.
    expect(await ledger.ingestBurns(l.siteId, chain.many(l.leaseId, [5]))).toMatchObject({
      posted: 1,
      ackedSeq: 5,
    });
  });

  it('stages a batch with an unknown lease or a broken chain link (the reconciler decides those)', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const chain = new TestChain(l.siteId);
    expect(await ledger.ingestBurns(l.siteId, [chain.next(uid('nolease'), 10)])).toMatchObject({
      staged: 1,
      posted: 0,
    });
    const run = await ledger.reconcile(T0 + 60_000);
    expect(run.sites).toEqual([
      expect.objectContaining({ siteId: l.siteId, unknownLease: 1, ackedSeq: 1 }),
    ]);
    const bad = { ...chain.next(l.leaseId, 10), micro_tokens: 11 };
    expect(await ledger.ingestBurns(l.siteId, [bad])).toMatchObject({ staged: 1, posted: 0 });
    const run2 = await ledger.reconcile(T0 + 60_000);
    expect(run2.sites).toEqual([
      expect.objectContaining({ siteId: l.siteId, tampered: 1, ackedSeq: 1, accepted: 0 }),
    ]);
    expect(await ledger.siteEarnings(l.siteId)).toBe(0);
  });

  it('a resent batch after the fast path is a duplicate; one with other content is tampered, never posted', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const records = new TestChain(l.siteId).many(l.leaseId, [10, 20]);
    expect(await ledger.ingestBurns(l.siteId, records)).toMatchObject({ posted: 2 });
    expect(await ledger.ingestBurns(l.siteId, records)).toMatchObject({
      staged: 0,
      duplicate: 2,
      tampered: 0,
      posted: 0,
    });
    const forged = records.map((r) => ({ ...r, micro_tokens: r.micro_tokens + 1 }));
    expect(await ledger.ingestBurns(l.siteId, forged)).toMatchObject({
      staged: 0,
      duplicate: 0,
      tampered: 2,
      posted: 0,
    });
    const run = await ledger.reconcile(T0 + 60_000);
    expect(run.sites).toEqual([
      expect.objectContaining({
        siteId: l.siteId,
        accepted: 0,
        duplicate: 2,
        tampered: 2,
        ackedSeq: 2,
      }),
    ]);
    expect(await ledger.siteEarnings(l.siteId)).toBe(30);
    const [rejects] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM burn_rejects WHERE site_id = $1 AND reason = 'conflict'",
      [l.siteId],
    );
    expect(rejects?.n).toBe(2);
  });

  it('groups batches of one event-loop turn into one transaction, several sites, in arrival order', async () => {
    const l1 = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const l2 = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const c1 = new TestChain(l1.siteId);
    const c2 = new TestChain(l2.siteId);
    const res = await Promise.all([
      ledger.ingestBurns(l1.siteId, c1.many(l1.leaseId, [1, 2])),
      ledger.ingestBurns(l2.siteId, c2.many(l2.leaseId, [3])),
      ledger.ingestBurns(l1.siteId, c1.many(l1.leaseId, [4])),
    ]);
    expect(res.map((r) => [r.posted, r.ackedSeq])).toEqual([
      [2, 2],
      [1, 1],
      [1, 3],
    ]);
    expect(await ledger.siteEarnings(l1.siteId)).toBe(7);
    expect(await ledger.siteEarnings(l2.siteId)).toBe(3);
  });

  it("a forged record in a group: the group's other batches post, the forged batch waits in staging and is found tampered", async () => {
    const l1 = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const l2 = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
    const c1 = new TestChain(l1.siteId);
    const c2 = new TestChain(l2.siteId);
    const good = c1.many(l1.leaseId, [1, 2]);
    const [f1, f2] = c2.many(l2.leaseId, [3, 4]);
    if (!f1 || !f2) throw new Error('chain');
    // Its hash no longer matches its content (the link to the next record is intact).
    const res = await Promise.all([
      ledger.ingestBurns(l1.siteId, good),
      ledger.ingestBurns(l2.siteId, [f1, { ...f2, micro_tokens: 400 }]),
    ]);
    expect(res.map((r) => [r.posted, r.staged])).toEqual([
      [2, 0],
      [0, 2],
    ]);
    expect(await ledger.siteEarnings(l1.siteId)).toBe(3);
    const run = await ledger.reconcile(T0 + 60_000);
    expect(run.sites).toEqual([
      expect.objectContaining({ siteId: l2.siteId, accepted: 1, tampered: 1, ackedSeq: 1 }),
    ]);
    expect(await ledger.siteEarnings(l2.siteId)).toBe(3);
  });

  it(
    kind === 'postgres'
      ? "writes a group's burns with one binary COPY"
      : "writes a group's burns with one INSERT",
    async () => {
      const seen: string[] = [];
      const spy: Db = {
        kind: t.db.kind,
        query: (sql, params) => t.db.query(sql, params),
        exec: (sql) => t.db.exec(sql),
        close: () => Promise.resolve(),
        txStatements: (steps, o) => t.db.txStatements(steps, o),
        tx: (fn, o) =>
          t.db.tx((q) => {
            const copyFrom = q.copyFrom?.bind(q);
            return fn({
              query: (sql, params) => (seen.push(sql), q.query(sql, params)),
              exec: (sql) => q.exec(sql),
              ...(copyFrom
                ? {
                    copyFrom: (sql: string, data: Uint8Array | Iterable<Uint8Array>) => (
                      seen.push(sql),
                      copyFrom(sql, data)
                    ),
                  }
                : {}),
            });
          }, o),
      };
      const spied = await createLedger(spy, { closeDb: false });
      const l = await openLease(spied, { topUp: 10_000, hold: 1_000 });
      const chain = new TestChain(l.siteId);
      seen.length = 0;
      const res = await Promise.all([
        spied.ingestBurns(l.siteId, chain.many(l.leaseId, [1, 2])),
        spied.ingestBurns(l.siteId, chain.many(l.leaseId, [3])),
      ]);
      expect(res.map((r) => r.posted)).toEqual([2, 1]);
      const writes = seen
        .filter((sql) => /^\s*(COPY burns|WITH ins AS \(\s*INSERT INTO burns)/.test(sql))
        .map((sql) => sql.trim().slice(0, 4));
      expect(writes).toEqual([kind === 'postgres' ? 'COPY' : 'WITH']);
    },
  );

  it('two replicas racing the same batch: posted once, the loser sees a duplicate (or a conflict when forged)', async () => {
    // On PostgreSQL the second replica has its own pool; PGlite is one process's database.
    const other: Db = kind === 'postgres' ? await t.sibling() : t.db;
    const replica = await createLedger(other, { closeDb: false });
    try {
      for (let round = 0; round < 5; round++) {
        const l = await openLease(ledger, { topUp: 10_000, hold: 1_000 });
        const records = new TestChain(l.siteId).many(l.leaseId, [10, 20, 30]);
        // Odd rounds: the other replica receives another valid chain for the same seqs (a site rewriting its history).
        const forged =
          round % 2 === 1 ? new TestChain(l.siteId).many(l.leaseId, [15, 25, 35]) : records;
        const [a, b] = await Promise.all([
          ledger.ingestBurns(l.siteId, records),
          replica.ingestBurns(l.siteId, forged),
        ]);
        const winner = a.posted > 0 ? a : b;
        const loser = a.posted > 0 ? b : a;
        expect(winner.posted).toBe(3);
        expect(loser.posted).toBe(0);
        expect(loser.staged).toBe(0);
        if (round % 2 === 1) expect(loser.tampered).toBe(3);
        else expect(loser.duplicate).toBe(3);
        const earned = await ledger.siteEarnings(l.siteId);
        expect([60, 75]).toContain(earned);
        const [n] = await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM transfers WHERE site_id = $1 AND kind = 'burn'",
          [l.siteId],
        );
        expect(n?.n).toBe(1);
      }
    } finally {
      await replica.close();
      if (other !== t.db) await other.close();
    }
  });
});
