import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { LedgerInsufficientBalanceError } from './errors.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { openLease, T0, TestChain, uid } from './ledger.test-support.js';

/** Two coordinator replicas on one database (on PGlite: one handle, the same process). */
describe.each(TEST_BACKENDS)('ledger under concurrency on %s', (kind) => {
  let t: TestDb;
  let replicaDb: Db;
  let a: SqlLedger;
  let b: SqlLedger;
  beforeAll(async () => {
    t = await openTestDb(kind, { poolSize: 8 });
    replicaDb = await t.sibling();
    a = await createLedger(t.db, { closeDb: false });
    b = await createLedger(replicaDb, { closeDb: false });
  });
  afterEach(async () => {
    expect(await a.totalOfAllBalances()).toBe(0);
    await a.checkInvariants();
  });
  afterAll(async () => {
    await replicaDb.close();
    await t.dispose();
  });

  it('holds racing for one customer never overdraw it', async () => {
    const customerId = uid('cust');
    await a.topUp(customerId, 1_000, uid('pay'));
    const attempts = Array.from({ length: 24 }, (_, i) =>
      (i % 2 === 0 ? a : b)
        .placeHold({ holdId: uid('hold'), customerId, microTokens: 100, expiresAtMs: T0 })
        .then(
          () => 'placed' as const,
          (err: unknown) => {
            if (err instanceof LedgerInsufficientBalanceError) return 'refused' as const;
            throw err;
          },
        ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'placed')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(14);
    expect(await a.balance(customerId)).toEqual({ customerId, available: 0, held: 1_000, debt: 0 });
  });

  it('top-ups racing with holds and releases keep every figure', async () => {
    const customerId = uid('cust');
    await a.topUp(customerId, 500, uid('pay'));
    const holdIds = Array.from({ length: 10 }, () => uid('hold'));
    await Promise.all([
      ...holdIds.map((holdId, i) =>
        (i % 2 === 0 ? a : b)
          .placeHold({ holdId, customerId, microTokens: 100, expiresAtMs: T0 })
          .catch((err: unknown) => {
            if (!(err instanceof LedgerInsufficientBalanceError)) throw err;
          }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        (i % 2 === 0 ? b : a).topUp(customerId, 100, uid('pay')),
      ),
      a.topUp(customerId, 1, 'same-ref'),
      b.topUp(customerId, 1, 'same-ref'),
    ]);
    await Promise.all(
      holdIds.map((id, i) =>
        (i % 2 === 0 ? b : a).releaseHold(id, 'released').catch(() => undefined),
      ),
    );
    expect(await a.balance(customerId)).toEqual({ customerId, available: 1_001, held: 0, debt: 0 });
  });

  it('two replicas staging and reconciling the same batches post each record once', async () => {
    const l = await openLease(a, { topUp: 100_000, hold: 50_000 });
    const records = new TestChain(l.siteId).many(
      l.leaseId,
      Array.from({ length: 60 }, (_, i) => 100 + i),
    );
    const total = records.reduce((s, r) => s + r.micro_tokens, 0);
    const [sa, sb] = await Promise.all([
      a.stageBurns(l.siteId, records),
      b.stageBurns(l.siteId, records),
    ]);
    expect(sa.staged + sb.staged).toBe(60);
    expect(sa.duplicate + sb.duplicate).toBe(60);
    const [ra, rb] = await Promise.all([a.reconcile(T0 + 10_000), b.reconcile(T0 + 10_000)]);
    const sites = [...ra.sites, ...rb.sites].filter((s) => s.siteId === l.siteId);
    expect(sites.reduce((s, r) => s + r.accepted, 0)).toBe(60);
    expect(sites.reduce((s, r) => s + r.acceptedMicroTokens, 0)).toBe(total);
    expect(await a.siteEarnings(l.siteId)).toBe(total);
    expect(await a.balance(l.customerId)).toMatchObject({ held: 50_000 - total });
  });

  it('a release racing a reconciliation splits the burn between hold and debt exactly', async () => {
    const l = await openLease(a, { topUp: 10_000, hold: 5_000 });
    await a.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [1_000, 2_000]));
    const [released] = await Promise.all([
      b.releaseHold(l.holdId, 'released'),
      a.reconcile(T0 + 10_000),
    ]);
    const bal = await a.balance(l.customerId);
    // Either order is fine; what is never fine is losing or double counting a µT.
    expect(released.burned + released.released).toBe(5_000);
    expect(bal.available + bal.held).toBe(10_000 - released.burned);
    expect(released.burned + bal.debt).toBe(3_000);
    expect(await a.siteEarnings(l.siteId)).toBe(3_000);
  });

  it('expiry racing releases closes each hold once', async () => {
    const customerId = uid('cust');
    await a.topUp(customerId, 1_000, uid('pay'));
    const holdIds = Array.from({ length: 8 }, () => uid('hold'));
    for (const holdId of holdIds)
      await a.placeHold({ holdId, customerId, microTokens: 100, expiresAtMs: T0 - 1 });
    await Promise.all([
      a.expireHolds(T0, 0),
      b.expireHolds(T0, 0),
      ...holdIds.map((id) => b.releaseHold(id, 'released')),
    ]);
    expect(await a.balance(customerId)).toEqual({ customerId, available: 1_000, held: 0, debt: 0 });
  });
});
