import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TEST_BACKENDS, openTestDb, type TestDb } from '../db/db.test-support.js';
import { DuplicateReferenceError } from './errors.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { T0, TestChain, countRows as count, testLease, uid } from './ledger.test-support.js';

/**
 * One durable row per Acquire (migration 115): a hold decided against a slice carries its first
 * lease on its own row; hedges and every other lease are rows of lease_rows; the view `leases`
 * shows both, and burns, renewals and ended leases reach whichever row holds the lease.
 */

/** A lease; `bounded`: with a slot share and multiplier (burns then bounded by its rate). */
const lease = (
  holdId: string,
  customerId: string,
  siteId: string,
  amount: number,
  bounded = true,
) => ({
  ...testLease(holdId, customerId, siteId, amount),
  ...(bounded ? { slotFraction: 0.5, multiplier: 2 } : {}),
  isolation: 'time-slice',
  slot: 'gpu0',
  acceleratorModel: 'L4',
});

describe.each(ALL_TEST_BACKENDS)('one row per Acquire on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  const nowMs = T0 + 2_000;
  beforeAll(async () => {
    t = await openTestDb(kind);
    ledger = await createLedger(t.db, {
      closeDb: false,
      now: () => nowMs,
      slices: { replicaId: uid('r'), tickMs: 0 },
    });
  });
  afterAll(async () => {
    await ledger.close();
    await t.dispose();
  });

  const place = async (customerId: string, amount: number): Promise<string> => {
    const holdId = uid('hold');
    await ledger.placeHold({ holdId, customerId, microTokens: amount, expiresAtMs: T0 + 600_000 });
    return holdId;
  };

  it('writes a sliced Acquire as its hold row alone, which the leases view shows with every term', async () => {
    const customerId = uid('cust');
    await ledger.topUp(customerId, 100_000, uid('pay'));
    const holds = await Promise.all(Array.from({ length: 8 }, () => place(customerId, 1_000)));
    const leases = holds.map((h) => lease(h, customerId, 'one-row-site', 1_000));
    await Promise.all(leases.map((l) => ledger.registerLease(l)));

    expect(
      await count(t.db, 'SELECT count(*) AS n FROM lease_rows WHERE hold_id = ANY($1)', [holds]),
    ).toBe(0);
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM holds WHERE lease_id = ANY($1)', [
        leases.map((l) => l.leaseId),
      ]),
    ).toBe(8);
    const seen = await t.db.query<Record<string, unknown>>('SELECT * FROM leases WHERE id = $1', [
      leases[0]?.leaseId,
    ]);
    expect(seen).toEqual([
      {
        id: leases[0]?.leaseId,
        hold_id: holds[0],
        site_id: 'one-row-site',
        customer_id: customerId,
        model: 'm',
        budget: 1_000,
        burned: 0,
        issued_at_ms: T0,
        expires_at_ms: T0 + 600_000,
        slot_fraction: 0.5,
        multiplier: 2,
        isolation: 'time-slice',
        slot: 'gpu0',
        accelerator_model: 'L4',
        mig_instance_uuid: '',
        ended_at_ms: null,
      },
    ]);
    await ledger.checkInvariants();
  });

  it('records a hedge in lease_rows; renewal, burns and an ended lease reach both rows', async () => {
    const customerId = uid('cust');
    const siteId = uid('site');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    const holdId = await place(customerId, 2_000);
    // Unbounded (no slot share): the burns below are taken whole.
    const first = lease(holdId, customerId, siteId, 2_000, false);
    await ledger.registerLease(first);
    const hedge = { ...lease(holdId, customerId, siteId, 2_000, false), issuedAtMs: T0 + 1 };
    await ledger.registerLease(hedge);
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM lease_rows WHERE hold_id = $1', [holdId]),
    ).toBe(1);
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM holds WHERE id = $1 AND lease_id = $2', [
        holdId,
        first.leaseId,
      ]),
    ).toBe(1);

    const renewed = await ledger.renewHold(holdId, T0 + 900_000);
    expect(renewed.map((g) => [g.leaseId, g.expiresAtMs])).toEqual([
      [first.leaseId, T0 + 900_000],
      [hedge.leaseId, T0 + 900_000],
    ]);

    const chain = new TestChain(siteId);
    await ledger.stageBurns(siteId, [
      chain.next(first.leaseId, 300),
      chain.next(hedge.leaseId, 200),
    ]);
    await ledger.reconcile(nowMs);
    const burned = await t.db.query<{ id: string; burned: number }>(
      'SELECT id, burned FROM leases WHERE hold_id = $1 ORDER BY issued_at_ms',
      [holdId],
    );
    expect(burned).toEqual([
      { id: first.leaseId, burned: 300 },
      { id: hedge.leaseId, burned: 200 },
    ]);
    expect(await ledger.holdState(holdId)).toMatchObject({ posted: 500 });

    await ledger.endLeases([first.leaseId], nowMs);
    expect((await ledger.liveLeases(holdId)).map((g) => g.leaseId)).toEqual([hedge.leaseId]);
    expect((await ledger.renewHold(holdId, T0 + 950_000)).map((g) => g.leaseId)).toEqual([
      hedge.leaseId,
    ]);
    // The ended lease kept its expiry.
    expect(
      await count(t.db, 'SELECT expires_at_ms AS n FROM leases WHERE id = $1', [first.leaseId]),
    ).toBe(T0 + 900_000);
    await ledger.checkInvariants();
  });

  it('takes a retried first lease as a no-op and refuses its id on another hold, writing it once', async () => {
    const customerId = uid('cust');
    await ledger.topUp(customerId, 10_000, uid('pay'));
    const holdId = await place(customerId, 1_000);
    const first = lease(holdId, customerId, 'retry-site', 1_000);
    await ledger.registerLease(first);
    await ledger.registerLease(first);

    const other = await place(customerId, 1_000);
    await expect(ledger.registerLease({ ...first, holdId: other })).rejects.toBeInstanceOf(
      DuplicateReferenceError,
    );
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM leases WHERE id = $1', [first.leaseId]),
    ).toBe(1);
    // A hedge's id (a row of lease_rows) as another hold's first lease: refused the same way.
    const hedge = lease(holdId, customerId, 'retry-site', 1_000);
    await ledger.registerLease(hedge);
    const third = await place(customerId, 1_000);
    await expect(ledger.registerLease({ ...hedge, holdId: third })).rejects.toBeInstanceOf(
      DuplicateReferenceError,
    );
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM leases WHERE id = $1', [hedge.leaseId]),
    ).toBe(1);
    // The other holds are recorded (their µT left the slice) and carry no lease.
    expect(
      await count(t.db, 'SELECT count(*) AS n FROM holds WHERE id = ANY($1) AND lease_id IS NULL', [
        [other, third],
      ]),
    ).toBe(2);
    await ledger.checkInvariants();
  });
});
