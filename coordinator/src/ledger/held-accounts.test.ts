import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TEST_BACKENDS, openTestDb, type TestDb } from '../db/db.test-support.js';
import { createLedger, type SqlLedger } from './ledger.js';
import {
  T0,
  TestChain,
  countRows as count,
  testLease as lease,
  uid,
} from './ledger.test-support.js';

/**
 * Holds placed from slices (migration 114): an Acquire writes its hold row and its lease row, and
 * nothing else of its own; the µT move once per slice per group-committed batch, into the
 * replica's held account, and leave it per hold (burns, release, expiry) by the hold's own terms.
 */

describe.each(ALL_TEST_BACKENDS)('held accounts on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => {
    await t.dispose();
  });
  const open = (replicaId: string, now = () => T0 + 2_000): Promise<SqlLedger> =>
    createLedger(t.db, { closeDb: false, now, slices: { replicaId, tickMs: 0 } });

  it('writes a batch of sliced Acquires as one row per hold and lease, one transfer per slice', async () => {
    const replicaId = uid('r');
    const ledger = await open(replicaId);
    const customers = [uid('cust'), uid('cust')];
    for (const c of customers) await ledger.topUp(c, 100_000, uid('pay'));
    const holds = customers.flatMap((c, k) =>
      Array.from({ length: 6 + k }, (_, i) => ({
        holdId: uid('hold'),
        customerId: c,
        amount: 100 + i,
      })),
    );
    for (const h of holds)
      await ledger.placeHold({
        holdId: h.holdId,
        customerId: h.customerId,
        microTokens: h.amount,
        expiresAtMs: T0 + 600_000,
      });
    const transfersBefore = await count(t.db, 'SELECT COALESCE(max(id), 0) AS n FROM transfers');
    const accountsBefore = await count(t.db, 'SELECT count(*) AS n FROM accounts');
    // One turn of the event loop: one group-committed batch.
    await Promise.all(
      holds.map((h) => ledger.registerLease(lease(h.holdId, h.customerId, 'held-site', h.amount))),
    );
    const ids = holds.map((h) => h.holdId);
    expect(await count(t.db, 'SELECT count(*) AS n FROM holds WHERE id = ANY($1)', [ids])).toBe(
      holds.length,
    );
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM leases WHERE hold_id = ANY($1)', [ids]),
    ).toBe(holds.length);
    // No hold:{id} account and no transfer of its own per hold.
    expect(
      await count(t.db, "SELECT count(*) AS n FROM accounts WHERE id = ANY($1) OR kind = 'hold'", [
        ids.map((id) => `hold:${id}`),
      ]),
    ).toBe(0);
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM transfers WHERE hold_id = ANY($1)', [ids]),
    ).toBe(0);
    // One transfer per slice (slice → held), the sum of its holds; one held account per slice.
    const moves = await t.db.query<{
      debit_account: string;
      credit_account: string;
      amount: number;
    }>(
      'SELECT debit_account, credit_account, amount FROM transfers WHERE id > $1 ORDER BY debit_account',
      [transfersBefore],
    );
    expect(moves.map((m) => [m.debit_account, m.credit_account, m.amount]).sort()).toEqual(
      customers
        .map((c) => [
          `slice:${replicaId}:${c}`,
          `held:${replicaId}:${c}`,
          holds.filter((h) => h.customerId === c).reduce((s, h) => s + h.amount, 0),
        ])
        .sort(),
    );
    expect(await count(t.db, 'SELECT count(*) AS n FROM accounts')).toBe(accountsBefore + 2);
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM holds WHERE id = ANY($1) AND account = $2', [
        ids,
        `held:${replicaId}:${customers[0]}`,
      ]),
    ).toBe(6);
    await ledger.checkInvariants();
    await ledger.close();
  });

  it('burns, releases and expires holds on a held account, each by its own terms', async () => {
    let nowMs = T0 + 2_000;
    const replicaId = uid('r');
    const ledger = await open(replicaId, () => nowMs);
    const customerId = uid('cust');
    const siteId = uid('site');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    const holds = [uid('hold'), uid('hold'), uid('hold')];
    // They expire before the other tests' holds (which share the database).
    for (const holdId of holds)
      await ledger.placeHold({ holdId, customerId, microTokens: 1_000, expiresAtMs: T0 + 300_000 });
    const leases = holds.map((h) => lease(h, customerId, siteId, 1_000));
    await Promise.all(leases.map((l) => ledger.registerLease(l)));
    const held = `held:${replicaId}:${customerId}`;
    const balanceOf = (id: string) =>
      count(t.db, 'SELECT balance AS n FROM accounts WHERE id = $1', [id]);
    expect(await balanceOf(held)).toBe(3_000);

    // Burns on two holds; the second one claims more than its hold: only its hold pays, the rest is
    // disputed, and the other holds on the same held account are not touched.
    const chain = new TestChain(siteId);
    await ledger.stageBurns(siteId, [
      chain.next(leases[0]?.leaseId ?? '', 300),
      chain.next(leases[1]?.leaseId ?? '', 1_500),
    ]);
    await ledger.reconcile(nowMs);
    expect(await ledger.siteEarnings(siteId)).toBe(1_300);
    expect(await balanceOf(held)).toBe(1_700);
    expect(await ledger.holdState(holds[1] ?? '')).toMatchObject({ posted: 1_000 });

    // Release the first (what it did not burn goes back to the customer), expire the rest.
    expect(await ledger.releaseHold(holds[0] ?? '', 'released')).toEqual({
      burned: 300,
      released: 700,
    });
    expect(await balanceOf(held)).toBe(1_000);
    nowMs = T0 + 400_000;
    expect(await ledger.expireHolds(nowMs, 0)).toBe(2);
    expect(await balanceOf(held)).toBe(0);
    const release = await t.db.query<{ hold_id: string; amount: number; credit_account: string }>(
      "SELECT hold_id, amount, credit_account FROM transfers WHERE kind = 'release' AND debit_account = $1 ORDER BY hold_id",
      [held],
    );
    expect(release.map((r) => [r.hold_id, r.amount, r.credit_account])).toEqual(
      [
        [holds[0], 700],
        [holds[2], 1_000],
      ]
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
        .map(([h, a]) => [h, a, `customer:${customerId}`]),
    );
    expect(await ledger.balance(customerId)).toMatchObject({ available: 8_700, held: 0 });
    await ledger.checkInvariants();
    await ledger.close();
  });

  it('keeps holds placed before migration 114 (their own hold:{id} account) working beside new ones', async () => {
    const replicaId = uid('r');
    const ledger = await open(replicaId);
    const customerId = uid('cust');
    const siteId = uid('site');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    // A hold placed from a slice (of a replica since gone) before 114: its row without an account,
    // its own hold:{id} account and a 'hold' transfer of its own (slice → hold:{id}), as
    // slicedHoldsStatement wrote them.
    const oldHold = uid('hold');
    const oldReplica = uid('old');
    const slice = `slice:${oldReplica}:${customerId}`;
    await t.db.tx(async (q) => {
      await q.query(
        'INSERT INTO ledger_slices (account_id, replica_id, customer_id) VALUES ($1, $2, $3)',
        [slice, oldReplica, customerId],
      );
      await q.query(
        "INSERT INTO accounts (id, kind, balance) VALUES ($1, 'slice', 0), ($2, 'hold', 2000)",
        [slice, `hold:${oldHold}`],
      );
      await q.query('UPDATE accounts SET balance = balance - 2000 WHERE id = $1', [
        `customer:${customerId}`,
      ]);
      await q.query(
        'INSERT INTO holds (id, customer_id, amount, expires_at_ms, created_at_ms) VALUES ($1, $2, 2000, $3, $4)',
        [oldHold, customerId, T0 + 600_000, T0],
      );
      await q.query(
        `INSERT INTO transfers (kind, debit_account, credit_account, amount, hold_id, created_at_ms)
         VALUES ('slice_fund', $1, $2, 2000, NULL, $4), ('hold', $2, $3, 2000, $5, $4)`,
        [`customer:${customerId}`, slice, `hold:${oldHold}`, T0, oldHold],
      );
    });
    await ledger.checkInvariants();
    const newHold = uid('hold');
    await ledger.placeHold({
      holdId: newHold,
      customerId,
      microTokens: 1_000,
      expiresAtMs: T0 + 600_000,
    });
    const oldLease = lease(oldHold, customerId, siteId, 2_000);
    const newLease = lease(newHold, customerId, siteId, 1_000);
    await Promise.all([ledger.registerLease(oldLease), ledger.registerLease(newLease)]);
    const chain = new TestChain(siteId);
    await ledger.stageBurns(siteId, [
      chain.next(oldLease.leaseId, 500),
      chain.next(newLease.leaseId, 400),
    ]);
    await ledger.reconcile(T0 + 2_000);
    const debits = await t.db.query<{ hold_id: string; debit_account: string; amount: number }>(
      "SELECT hold_id, debit_account, amount FROM transfers WHERE kind = 'burn' AND site_id = $1 ORDER BY amount",
      [siteId],
    );
    expect(debits.map((d) => [d.hold_id, d.debit_account, d.amount])).toEqual([
      [newHold, `held:${replicaId}:${customerId}`, 400],
      [oldHold, `hold:${oldHold}`, 500],
    ]);
    expect(await ledger.releaseHold(oldHold, 'released')).toEqual({ burned: 500, released: 1_500 });
    expect(await ledger.releaseHold(newHold, 'released')).toEqual({ burned: 400, released: 600 });
    expect(
      await count(t.db, 'SELECT balance AS n FROM accounts WHERE id = $1', [`hold:${oldHold}`]),
    ).toBe(0);
    await ledger.checkInvariants();
    await ledger.close();
  });

  it('refuses a held account whose balance disagrees with its holds', async () => {
    const replicaId = uid('r');
    const ledger = await open(replicaId);
    const customerId = uid('cust');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 1_000, expiresAtMs: T0 + 600_000 });
    await ledger.registerLease(lease(holdId, customerId, uid('site'), 1_000));
    await ledger.checkInvariants();
    // The hold row claims more than the held account received for it.
    await t.db.query('UPDATE holds SET amount = 1001 WHERE id = $1', [holdId]);
    await expect(ledger.checkInvariants()).rejects.toThrow(/hold/);
    await t.db.query('UPDATE holds SET amount = 1000 WHERE id = $1', [holdId]);
    await ledger.checkInvariants();
    await ledger.close();
  });

  it("refuses a hold that names another customer's held account", async () => {
    const replicaId = uid('r');
    const ledger = await open(replicaId);
    const holds = [];
    for (let i = 0; i < 2; i++) {
      const customerId = uid('cust');
      await ledger.topUp(customerId, 10_000, uid('pay'));
      const holdId = uid('hold');
      await ledger.placeHold({ holdId, customerId, microTokens: 1_000, expiresAtMs: T0 + 600_000 });
      await ledger.registerLease(lease(holdId, customerId, uid('site'), 1_000));
      holds.push(holdId);
    }
    await ledger.checkInvariants();
    // Two holds of the same amount swap held accounts: every sum still matches, but a release would
    // pay one customer's µT out to the other.
    const swap = `UPDATE holds h SET account = o.account FROM holds o
                   WHERE (h.id, o.id) IN (($1, $2), ($2, $1))`;
    await t.db.query(swap, holds);
    await expect(ledger.checkInvariants()).rejects.toThrow(/held accounts disagree/);
    await t.db.query(swap, holds);
    await ledger.checkInvariants();
    await ledger.close();
  });
});
