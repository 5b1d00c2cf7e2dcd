import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { LedgerInsufficientBalanceError } from './errors.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { T0, uid } from './ledger.test-support.js';

const count = async (db: Db, sql: string, params: unknown[] = []): Promise<number> =>
  Number((await db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

const lease = (holdId: string, customerId: string, amount: number) => ({
  leaseId: uid('lease'),
  holdId,
  siteId: 'slice-site',
  customerId,
  model: 'm',
  budgetMicroTokens: amount,
  issuedAtMs: T0,
  expiresAtMs: T0 + 600_000,
});

/** What a customer has in the ledger: its account, its slices and its open holds (= what it was given, less burns). */
async function owned(db: Db, customerId: string): Promise<number> {
  return count(
    db,
    `SELECT COALESCE((SELECT balance FROM accounts WHERE id = 'customer:' || $1), 0)
          + (SELECT COALESCE(sum(a.balance), 0) FROM ledger_slices s JOIN accounts a ON a.id = s.account_id WHERE s.customer_id = $1)
          + (SELECT COALESCE(sum(amount - posted - released), 0) FROM holds WHERE customer_id = $1 AND status = 'pending') AS n`,
    [customerId],
  );
}

describe.each(TEST_BACKENDS)('slices on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind, { poolSize: 8 });
  });
  afterAll(async () => {
    await t.dispose();
  });
  const open = (
    replicaId: string,
    more: Partial<{ now: () => number; goneAfterMs: number; idleReturnMs: number }> = {},
    db?: Db,
  ): Promise<SqlLedger> =>
    createLedger(db ?? t.db, {
      closeDb: false,
      ...(more.now ? { now: more.now } : {}),
      slices: {
        replicaId,
        tickMs: 0,
        ...(more.goneAfterMs !== undefined ? { goneAfterMs: more.goneAfterMs } : {}),
        ...(more.idleReturnMs !== undefined ? { idleReturnMs: more.idleReturnMs } : {}),
      },
    });

  it('decides a hold in memory, writes it with its lease, and counts the slice as the customer’s', async () => {
    const ledger = await open(uid('r'));
    const customerId = uid('cust');
    await ledger.topUp(customerId, 100_000, uid('pay'));
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 1_000, expiresAtMs: T0 + 600_000 });
    // The first hold funded the slice (one transaction); the hold itself is not written yet.
    expect(await count(t.db, 'SELECT count(*) AS n FROM holds WHERE id = $1', [holdId])).toBe(0);
    expect(await ledger.balance(customerId)).toEqual({
      customerId,
      available: 99_000,
      held: 1_000,
      debt: 0,
    });
    // The next holds run no SQL at all while the slice covers them.
    const second = uid('hold');
    const writes = await count(t.db, 'SELECT count(*) AS n FROM transfers');
    await ledger.placeHold({
      holdId: second,
      customerId,
      microTokens: 1_000,
      expiresAtMs: T0 + 600_000,
    });
    expect(await count(t.db, 'SELECT count(*) AS n FROM transfers')).toBe(writes);
    await ledger.registerLease(lease(holdId, customerId, 1_000));
    expect((await ledger.holdState(holdId)).remaining).toBe(1_000);
    // A hedge lease on the same hold after the first: on the durable hold.
    await ledger.registerLease(lease(holdId, customerId, 1_000));
    expect(await count(t.db, 'SELECT count(*) AS n FROM leases WHERE hold_id = $1', [holdId])).toBe(
      2,
    );
    // A provisional hold released (no site admitted it): back to the slice, in memory.
    expect(await ledger.releaseHold(second, 'released')).toEqual({ burned: 0, released: 1_000 });
    expect(await ledger.balance(customerId)).toEqual({
      customerId,
      available: 99_000,
      held: 1_000,
      debt: 0,
    });
    expect(await ledger.releaseHold(holdId, 'released')).toEqual({ burned: 0, released: 1_000 });
    expect((await ledger.balance(customerId)).available).toBe(100_000);
    await ledger.checkInvariants();
    expect(await ledger.totalOfAllBalances()).toBe(0);
    await ledger.close();
    // Closed: every slice back on the customer's account.
    expect(
      await count(t.db, "SELECT balance AS n FROM accounts WHERE id = 'customer:' || $1", [
        customerId,
      ]),
    ).toBe(100_000);
  });

  it('refuses what the customer cannot cover and never overdraws it', async () => {
    const ledger = await open(uid('r'));
    const customerId = uid('cust');
    await ledger.topUp(customerId, 2_500, uid('pay'));
    const place = (microTokens: number) =>
      ledger.placeHold({ holdId: uid('hold'), customerId, microTokens, expiresAtMs: T0 + 600_000 });
    await place(1_000);
    await place(1_000);
    await expect(place(1_000)).rejects.toBeInstanceOf(LedgerInsufficientBalanceError);
    await place(500);
    await expect(place(1)).rejects.toBeInstanceOf(LedgerInsufficientBalanceError);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 0, held: 2_500 });
    await ledger.checkInvariants();
    await ledger.close();
  });

  it('returns only the idle slices, and only what no provisional hold counts on', async () => {
    let clock = T0;
    const ledger = await open(uid('r'), { now: () => clock, idleReturnMs: 5_000 });
    const [idle, busy] = [uid('idle'), uid('busy')];
    for (const c of [idle, busy]) await ledger.topUp(c, 10_000, uid('pay'));
    const slice = (c: string) =>
      count(t.db, 'SELECT balance AS n FROM accounts WHERE id = $1', [
        `slice:${ledger.slices?.replicaId}:${c}`,
      ]);
    await ledger.placeHold({
      holdId: uid('hold'),
      customerId: idle,
      microTokens: 1_000,
      expiresAtMs: T0 + 600_000,
    });
    clock += 6_000;
    const busyHold = uid('hold');
    await ledger.placeHold({
      holdId: busyHold,
      customerId: busy,
      microTokens: 1_000,
      expiresAtMs: T0 + 600_000,
    });
    const busySlice = await slice(busy);
    await ledger.slices?.tick();
    // The idle customer's provisional hold (unexpired) stays on its slice; the rest went back.
    expect(await slice(idle)).toBe(1_000);
    expect(await slice(busy)).toBe(busySlice);
    await ledger.registerLease(lease(busyHold, busy, 1_000));
    expect(await owned(t.db, idle)).toBe(10_000);
    expect(await owned(t.db, busy)).toBe(10_000);
    await ledger.checkInvariants();
    await ledger.close();
  });

  it('counts a sliced hold as durable when its lease is refused after the hold was written', async () => {
    const ledger = await open(uid('r'));
    const customerId = uid('cust');
    await ledger.topUp(customerId, 100_000, uid('pay'));
    const first = uid('hold');
    await ledger.placeHold({
      holdId: first,
      customerId,
      microTokens: 1_000,
      expiresAtMs: T0 + 600_000,
    });
    const l = lease(first, customerId, 1_000);
    await ledger.registerLease(l);
    // The same lease id with other terms: refused, but its sliced hold went in with it.
    const second = uid('hold');
    await ledger.placeHold({
      holdId: second,
      customerId,
      microTokens: 2_000,
      expiresAtMs: T0 + 600_000,
    });
    await expect(
      ledger.registerLease({ ...l, holdId: second, budgetMicroTokens: 2_000 }),
    ).rejects.toThrow();
    expect(await count(t.db, 'SELECT count(*) AS n FROM holds WHERE id = $1', [second])).toBe(1);
    expect(ledger.slices?.provisionalOf(customerId)).toBe(0);
    expect(await ledger.balance(customerId)).toEqual({
      customerId,
      available: 97_000,
      held: 3_000,
      debt: 0,
    });
    // Released by the durable path: its µT go back once, from hold:{id}, not to the slice in memory.
    await ledger.releaseHold(second, 'released');
    await ledger.releaseHold(second, 'released');
    expect(await ledger.balance(customerId)).toEqual({
      customerId,
      available: 99_000,
      held: 1_000,
      debt: 0,
    });
    expect(await owned(t.db, customerId)).toBe(100_000);
    await ledger.checkInvariants();
    await ledger.close();
  });

  it('returns an idle slice and sweeps the slices of a replica gone past its bound', async () => {
    let clock = T0;
    const now = () => clock;
    const a = await open(uid('ra'), { now, idleReturnMs: 5_000 });
    // Heartbeats are judged by the database's clock (real time), not by the replicas' clocks.
    const b = await open(uid('rb'), { now, goneAfterMs: 60_000 });
    const customerId = uid('cust');
    await a.topUp(customerId, 10_000, uid('pay'));
    await a.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 1_000,
      expiresAtMs: T0 + 1_000,
    });
    const slice = `slice:${a.slices?.replicaId}:${customerId}`;
    const sliced = () => count(t.db, 'SELECT balance AS n FROM accounts WHERE id = $1', [slice]);
    expect(await sliced()).toBeGreaterThanOrEqual(1_000);
    // Idle past idleReturnMs, its provisional hold expired: the slice goes back whole.
    clock += 6_000;
    await a.slices?.tick();
    expect(await sliced()).toBe(0);
    await a.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 1_000,
      expiresAtMs: T0 + 600_000,
    });
    expect(await sliced()).toBeGreaterThan(0);
    // a stops beating (as if killed); b sweeps it once the bound has passed, not before (and not
    // because b's own clock is far ahead).
    clock += 600_000;
    await b.slices?.tick();
    expect(await sliced()).toBeGreaterThan(0);
    // a's last heartbeat moved back past the bound, as if it had been silent for two minutes; b
    // sweeps at most every goneAfterMs / 4 of its own clock.
    await t.db.query(
      'UPDATE ledger_replicas SET seen_at_ms = seen_at_ms - 120000 WHERE replica_id = $1',
      [a.slices?.replicaId],
    );
    clock += 60_000;
    await b.slices?.tick();
    expect(await sliced()).toBe(0);
    expect(await owned(t.db, customerId)).toBe(10_000);
    await b.checkInvariants();
    await b.close();
  });

  it('gives back at start whatever a previous run of the same replica left escrowed', async () => {
    const replicaId = uid('r');
    const first = await open(replicaId);
    const customerId = uid('cust');
    await first.topUp(customerId, 50_000, uid('pay'));
    const durable = uid('hold');
    await first.placeHold({
      holdId: durable,
      customerId,
      microTokens: 2_000,
      expiresAtMs: T0 + 600_000,
    });
    await first.registerLease(lease(durable, customerId, 2_000));
    await first.placeHold({
      holdId: uid('hold'),
      customerId,
      microTokens: 3_000,
      expiresAtMs: T0 + 600_000,
    });
    // No close: the replica is gone with its slice and a provisional hold.
    const again = await open(replicaId);
    expect(
      await count(t.db, "SELECT balance AS n FROM accounts WHERE id = 'customer:' || $1", [
        customerId,
      ]),
    ).toBe(48_000);
    expect((await again.holdState(durable)).remaining).toBe(2_000);
    await again.checkInvariants();
    await again.close();
  });
});

describe('two replicas on one PostgreSQL database', () => {
  let t: TestDb;
  let other: Db;
  beforeAll(async () => {
    t = await openTestDb('postgres', { poolSize: 8 });
    other = await t.sibling();
  });
  afterAll(async () => {
    await other.close();
    await t.dispose();
  });

  it('never overdraws a customer under concurrent Acquires, and accounts for every µT', async () => {
    const a = await createLedger(t.db, {
      closeDb: false,
      slices: { replicaId: 'rep-a', tickMs: 5 },
    });
    const b = await createLedger(other, {
      closeDb: false,
      slices: { replicaId: 'rep-b', tickMs: 5 },
    });
    const customers = Array.from({ length: 3 }, () => uid('cust'));
    const BALANCE = 40_000;
    for (const c of customers) await a.topUp(c, BALANCE, uid('pay'));
    const granted = new Map<string, number>(customers.map((c) => [c, 0]));
    let refused = 0;
    // An Acquire: place, then (mostly) a lease that makes it durable, sometimes no site (release).
    const acquire = async (ledger: SqlLedger, customerId: string, i: number): Promise<void> => {
      const holdId = uid('hold');
      const amount = 300 + (i % 7) * 100;
      try {
        await ledger.placeHold({
          holdId,
          customerId,
          microTokens: amount,
          expiresAtMs: Date.now() + 600_000,
        });
      } catch (err) {
        if (!(err instanceof LedgerInsufficientBalanceError)) throw err;
        refused++;
        return;
      }
      await new Promise((r) => setImmediate(r));
      if (i % 5 === 0) {
        await ledger.releaseHold(holdId, 'released');
        return;
      }
      await ledger.registerLease(lease(holdId, customerId, amount));
      granted.set(customerId, (granted.get(customerId) ?? 0) + amount);
      if (i % 9 === 0)
        await ledger
          .releaseHold(holdId, 'released')
          .then(() => granted.set(customerId, (granted.get(customerId) ?? 0) - amount));
    };
    await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        acquire(i % 2 ? a : b, customers[i % customers.length] as string, i),
      ),
    );
    expect(refused).toBeGreaterThan(0);
    for (const c of customers) {
      // Never more held than the customer had; the customer's account never below zero (CHECK).
      expect(granted.get(c)).toBeLessThanOrEqual(BALANCE);
      expect(
        await count(
          t.db,
          'SELECT COALESCE(sum(amount - released), 0) AS n FROM holds WHERE customer_id = $1',
          [c],
        ),
      ).toBe(granted.get(c));
      expect(await owned(t.db, c)).toBe(BALANCE);
    }
    await a.checkInvariants();
    expect(await a.totalOfAllBalances()).toBe(0);
    await a.close();
    await b.close();
    for (const c of customers) {
      expect(
        await count(t.db, "SELECT balance AS n FROM accounts WHERE id = 'customer:' || $1", [c]),
      ).toBe(BALANCE - (granted.get(c) ?? 0));
    }
    expect(
      await count(t.db, "SELECT COALESCE(sum(balance), 0) AS n FROM accounts WHERE kind = 'slice'"),
    ).toBe(0);
    await a.checkInvariants();
  }, 60_000);
});

describe.each(TEST_BACKENDS)('a customer statement with slices on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('shows the slice moves and the holds placed from it, none of them changing what the customer has', async () => {
    const replicaId = uid('r');
    const ledger = await createLedger(t.db, {
      closeDb: false,
      slices: { replicaId, tickMs: 0 },
    });
    const customerId = uid('cust');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: 1_000, expiresAtMs: T0 + 600_000 });
    await ledger.registerLease(lease(holdId, customerId, 1_000));
    await ledger.close();
    const { items } = await ledger.customerStatement(customerId);
    expect(items.map((i) => [i.kind, i.delta])).toEqual([
      ['slice_return', 0],
      ['hold', 0],
      ['slice_fund', 0],
      ['top_up', 10_000],
    ]);
    // The batch's one move from the slice to the replica's held account (migration 114): the hold's
    // own amount is on its row.
    const hold = items.find((i) => i.kind === 'hold');
    expect([hold?.debit, hold?.credit, hold?.amount, hold?.holdId]).toEqual([
      `slice:${replicaId}:${customerId}`,
      `held:${replicaId}:${customerId}`,
      1_000,
      null,
    ]);
  });
});
