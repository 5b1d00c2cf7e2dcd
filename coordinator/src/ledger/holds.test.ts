import { describe, expect, it, onTestFinished } from 'vitest';
import { ALL_TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import {
  DuplicateReferenceError,
  HoldClosedError,
  LedgerInsufficientBalanceError,
  InvalidLedgerArgumentError,
  LedgerUnknownHoldError,
} from './errors.js';
import type { Outcome } from './group-commit.js';
import { registerLeases, writeAcquireBatch, type RegisterLease } from './holds.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { countingDb, T0, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

/** The error class name of each outcome, or 'ok'. */
const names = (os: Outcome<void>[]) =>
  os.map((o) => (o.ok ? 'ok' : (o.error as Error).constructor.name));

describe.each(ALL_TEST_BACKENDS)('set-based Acquire writes on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  async function customerWithHolds(
    n: number,
    amount = 100,
  ): Promise<{ customerId: string; holdIds: string[] }> {
    const customerId = uid('cust');
    await ledger.topUp(customerId, n * amount, uid('pay'));
    const holdIds = Array.from({ length: n }, () => uid('hold'));
    for (const holdId of holdIds)
      await ledger.placeHold({
        holdId,
        customerId,
        microTokens: amount,
        expiresAtMs: T0 + 600_000,
      });
    return { customerId, holdIds };
  }

  const lease = (
    holdId: string,
    customerId: string,
    over: Partial<RegisterLease> = {},
  ): RegisterLease => ({
    leaseId: uid('lease'),
    holdId,
    siteId: 'site-a',
    customerId,
    model: 'm',
    budgetMicroTokens: 100,
    issuedAtMs: T0,
    expiresAtMs: T0 + 600_000,
    ...over,
  });

  it('decides a mixed batch of leases in one transaction, each with its own outcome', async () => {
    const { customerId, holdIds } = await customerWithHolds(3);
    const [open, closed, other] = holdIds as [string, string, string];
    await ledger.releaseHold(closed, 'released');
    const before = lease(open, customerId);
    await ledger.registerLease(before);
    const batch = [
      lease(open, customerId), // new, pending hold
      lease(open, customerId, { siteId: 'site-b' }), // a hedge under the same hold
      lease(closed, customerId), // new lease on a closed hold
      lease(uid('hold'), customerId), // unknown hold
      lease(other, uid('cust')), // another customer's hold
      { ...before }, // a retry with the same terms
      { ...before, siteId: 'site-z' }, // the same id with other terms
      lease(other, customerId),
    ];
    const outcomes = await t.db.tx((q) => registerLeases(q, batch));
    expect(names(outcomes)).toEqual([
      'ok',
      'ok',
      HoldClosedError.name,
      LedgerUnknownHoldError.name,
      InvalidLedgerArgumentError.name,
      'ok',
      DuplicateReferenceError.name,
      'ok',
    ]);
    const rows = await t.db.query<{ id: string; site_id: string }>(
      'SELECT id, site_id FROM leases WHERE hold_id = ANY($1::text[]) ORDER BY id',
      [holdIds],
    );
    const want = [before, batch[0], batch[1], batch[7]]
      .map((l) => ({ id: l?.leaseId, site_id: l?.siteId }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(rows).toEqual(want);
  });

  it('a retried lease on a hold closed since is still a no-op; a new one is refused', async () => {
    const { customerId, holdIds } = await customerWithHolds(1);
    const holdId = holdIds[0] as string;
    const first = lease(holdId, customerId);
    await ledger.registerLease(first);
    await ledger.releaseHold(holdId, 'released');
    await expect(ledger.registerLease({ ...first })).resolves.toBeUndefined();
    await expect(ledger.registerLease({ ...first, budgetMicroTokens: 5 })).rejects.toBeInstanceOf(
      DuplicateReferenceError,
    );
    await expect(ledger.registerLease(lease(holdId, customerId))).rejects.toBeInstanceOf(
      HoldClosedError,
    );
  });

  it('the same lease id twice in one batch: as if one after the other', async () => {
    const { customerId, holdIds } = await customerWithHolds(1);
    const holdId = holdIds[0] as string;
    const a = lease(holdId, customerId);
    const outcomes = await t.db.tx((q) =>
      registerLeases(q, [a, { ...a }, { ...a, model: 'other' }, lease(holdId, customerId)]),
    );
    expect(names(outcomes)).toEqual(['ok', 'ok', DuplicateReferenceError.name, 'ok']);
    const [n] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM leases WHERE id = $1',
      [a.leaseId],
    );
    expect(n?.n).toBe(1);
  });

  it('holds and leases of one turn share a transaction; a refused hold or lease fails alone', async () => {
    const counted = countingDb(t.db);
    const l2 = await createLedger(counted.db, { closeDb: false });
    const { customerId, holdIds } = await customerWithHolds(2);
    await ledger.releaseHold(holdIds[1] as string, 'released');
    const fresh = uid('cust');
    await l2.topUp(fresh, 250, uid('pay'));
    counted.reset();
    const settle = (p: Promise<void>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e as Error).constructor.name,
      );
    const results = await Promise.all([
      settle(
        l2.placeHold({ holdId: uid('hold'), customerId: fresh, microTokens: 100, expiresAtMs: T0 }),
      ),
      settle(l2.registerLease(lease(holdIds[0] as string, customerId))),
      settle(
        l2.placeHold({ holdId: uid('hold'), customerId: fresh, microTokens: 100, expiresAtMs: T0 }),
      ),
      settle(l2.registerLease(lease(holdIds[1] as string, customerId))),
      settle(
        l2.placeHold({ holdId: uid('hold'), customerId: fresh, microTokens: 100, expiresAtMs: T0 }),
      ), // over the balance
    ]);
    expect(results).toEqual([
      'ok',
      'ok',
      'ok',
      HoldClosedError.name,
      LedgerInsufficientBalanceError.name,
    ]);
    // The holds could not all be placed at once (the third is over the balance): decided one by one in a second transaction.
    expect(counted.transactions()).toBe(2);
    expect(await l2.balance(fresh)).toMatchObject({ available: 50, held: 200 });
  });

  it('a turn whose holds all fit is one transaction of two statements, sent together', async () => {
    const counted = countingDb(t.db);
    const l2 = await createLedger(counted.db, { closeDb: false });
    const { customerId, holdIds } = await customerWithHolds(2);
    const fresh = uid('cust');
    await l2.topUp(fresh, 300, uid('pay'));
    counted.reset();
    const holds = [uid('hold'), uid('hold'), uid('hold')];
    await Promise.all([
      ...holds.map((holdId) =>
        l2.placeHold({ holdId, customerId: fresh, microTokens: 100, expiresAtMs: T0 }),
      ),
      ...(holdIds as string[]).map((h) => l2.registerLease(lease(h, customerId))),
    ]);
    expect(counted.transactions()).toBe(1);
    expect(counted.statements()).toBe(2);
    expect(await l2.balance(fresh)).toMatchObject({ available: 0, held: 300 });
    const [n] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM leases WHERE hold_id = ANY($1::text[])',
      [holdIds],
    );
    expect(n?.n).toBe(2);
  });

  it('a hold id already placed makes the batch decide hold by hold: a retry is a no-op, other terms are refused', async () => {
    const customerId = uid('cust');
    await ledger.topUp(customerId, 1_000, uid('pay'));
    const [a, b] = [uid('hold'), uid('hold')];
    await ledger.placeHold({ holdId: a, customerId, microTokens: 100, expiresAtMs: T0 });
    const outcomes = await writeAcquireBatch(
      t.db,
      [
        { hold: { holdId: a, customerId, microTokens: 100, expiresAtMs: T0 } },
        { hold: { holdId: b, customerId, microTokens: 200, expiresAtMs: T0 } },
        { hold: { holdId: a, customerId, microTokens: 300, expiresAtMs: T0 } },
      ],
      T0,
    );
    expect(names(outcomes)).toEqual(['ok', 'ok', DuplicateReferenceError.name]);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 700, held: 300 });
  });

  it('two replicas: leases racing releases of their holds are either registered or refused, never half', async () => {
    const otherDb = await t.sibling();
    onTestFinished(() => otherDb.close());
    const other = await createLedger(otherDb, { closeDb: false });
    const { customerId, holdIds } = await customerWithHolds(8);
    const settle = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e as Error).constructor.name,
      );
    const leases = holdIds.flatMap((h) => [
      lease(h, customerId),
      lease(h, customerId, { siteId: 'site-b' }),
    ]);
    const results = await Promise.all([
      ...leases.map((l, i) => settle((i % 2 === 0 ? ledger : other).registerLease(l))),
      ...holdIds.filter((_, i) => i % 2 === 0).map((h) => settle(other.releaseHold(h, 'released'))),
    ]);
    const outcomes = results.slice(0, leases.length);
    expect(outcomes.every((o) => o === 'ok' || o === HoldClosedError.name)).toBe(true);
    const rows = await t.db.query<{ id: string }>(
      'SELECT id FROM leases WHERE hold_id = ANY($1::text[])',
      [holdIds],
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(
      new Set(leases.filter((_, i) => outcomes[i] === 'ok').map((l) => l.leaseId)),
    );
    // Holds never released took every lease.
    const kept = new Set(holdIds.filter((_, i) => i % 2 === 1));
    expect(leases.filter((l, i) => kept.has(l.holdId) && outcomes[i] !== 'ok')).toEqual([]);
  });

  it('a set-based batch the balance CHECK refuses is decided write by write: nothing lost, nothing overdrawn', async () => {
    // PostgreSQL once refused the set-based statement with accounts_balance_sign while another
    // replica moved the same balance (ledger-concurrency.test.ts); its transaction wrote nothing.
    // Here the database refuses the first set-based transaction the same way.
    const { customerId, holdIds } = await customerWithHolds(1);
    await ledger.topUp(customerId, 150, uid('pay'));
    let refused = 0;
    const db = Object.create(t.db) as typeof t.db;
    db.txStatements = async (steps) => {
      if (refused++ === 0)
        throw Object.assign(new Error('violates check constraint "accounts_balance_sign"'), {
          code: '23514',
        });
      return t.db.txStatements(steps);
    };
    const l = lease(holdIds[0] ?? '', customerId);
    const [a, b] = [uid('hold'), uid('hold')];
    const outcomes = await writeAcquireBatch(
      db,
      [
        { lease: l },
        { hold: { holdId: a, customerId, microTokens: 100, expiresAtMs: T0 } },
        { hold: { holdId: b, customerId, microTokens: 100, expiresAtMs: T0 } },
      ],
      T0,
    );
    expect(refused).toBe(1);
    expect(names(outcomes)).toEqual(['ok', 'ok', LedgerInsufficientBalanceError.name]);
    expect(await ledger.balance(customerId)).toMatchObject({ available: 50, held: 200 });
    const rows = await t.db.query<{ id: string }>('SELECT id FROM leases WHERE id = $1', [
      l.leaseId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('writes holds the way postTransfers would: accounts, transfers and balances agree', async () => {
    const customerId = uid('cust');
    await ledger.topUp(customerId, 1_000, uid('pay'));
    const ids = [uid('hold'), uid('hold'), uid('hold')];
    const outcomes = await writeAcquireBatch(
      t.db,
      ids.map((holdId, i) => ({
        hold: { holdId, customerId, microTokens: 100 * (i + 1), expiresAtMs: T0 },
      })),
      T0,
    );
    expect(names(outcomes)).toEqual(['ok', 'ok', 'ok']);
    const accounts = await t.db.query<{ id: string; kind: string; balance: number }>(
      'SELECT id, kind, balance FROM accounts WHERE id = ANY($1::text[]) ORDER BY balance',
      [ids.map((h) => `hold:${h}`)],
    );
    expect(accounts).toEqual(
      ids.map((h, i) => ({ id: `hold:${h}`, kind: 'hold', balance: 100 * (i + 1) })),
    );
    const transfers = await t.db.query<{
      kind: string;
      debit_account: string;
      amount: number;
      hold_id: string;
    }>(
      'SELECT kind, debit_account, amount, hold_id FROM transfers WHERE hold_id = ANY($1::text[]) ORDER BY amount',
      [ids],
    );
    expect(transfers).toEqual(
      ids.map((h, i) => ({
        kind: 'hold',
        debit_account: `customer:${customerId}`,
        amount: 100 * (i + 1),
        hold_id: h,
      })),
    );
    expect(await ledger.balance(customerId)).toMatchObject({ available: 400, held: 600 });
  });
});
