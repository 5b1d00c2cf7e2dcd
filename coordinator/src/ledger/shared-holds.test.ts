import { describe, expect, it, onTestFinished } from 'vitest';
import { ALL_TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { HoldClosedError, LedgerUnknownHoldError } from './errors.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { openLease, T0, uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe.each(ALL_TEST_BACKENDS)('holds served by any replica on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  it('a lease keeps what its token carries, and Renew returns the live leases with the new expiry', async () => {
    const l = await openLease(ledger, { topUp: 1000, hold: 1000 });
    const leaseId = uid('lease');
    await ledger.registerLease({
      leaseId,
      holdId: l.holdId,
      siteId: 'site-b',
      customerId: l.customerId,
      model: 'llama-3-8b',
      budgetMicroTokens: 1000,
      issuedAtMs: T0 + 1,
      expiresAtMs: T0 + 600_000,
      isolation: 'mig',
      slot: 'mig-1g.10gb/0',
      acceleratorModel: 'NVIDIA H100 80GB HBM3',
      migInstanceUuid: 'MIG-1234',
    });
    const renewed = await ledger.renewHold(l.holdId, T0 + 900_000);
    expect(renewed.map((g) => g.leaseId)).toEqual([l.leaseId, leaseId]);
    expect(renewed[1]).toMatchObject({
      siteId: 'site-b',
      customerId: l.customerId,
      isolation: 'mig',
      slot: 'mig-1g.10gb/0',
      acceleratorModel: 'NVIDIA H100 80GB HBM3',
      migInstanceUuid: 'MIG-1234',
      expiresAtMs: T0 + 900_000,
    });
    // An ended lease (moved off a lost site) is neither renewed nor listed.
    await ledger.endLeases([l.leaseId], T0 + 2);
    expect((await ledger.liveLeases(l.holdId)).map((g) => g.leaseId)).toEqual([leaseId]);
    expect((await ledger.renewHold(l.holdId, T0 + 950_000)).map((g) => g.leaseId)).toEqual([
      leaseId,
    ]);
    await ledger.releaseHold(l.holdId, 'released');
  });

  it('Renew refuses a hold whose Release is scheduled, or that expired at the given time', async () => {
    const a = await openLease(ledger, { topUp: 1000, hold: 1000 });
    expect(await ledger.scheduleRelease(a.holdId, T0 + 10)).toBe(true);
    await expect(ledger.renewHold(a.holdId, T0 + 900_000)).rejects.toBeInstanceOf(HoldClosedError);
    const b = await openLease(ledger, { topUp: 1000, hold: 1000, expiresAtMs: T0 + 1000 });
    await expect(ledger.renewHold(b.holdId, T0 + 900_000, T0 + 1000)).rejects.toMatchObject({
      status: 'expired',
    });
    expect(await ledger.renewHold(b.holdId, T0 + 900_000, T0 + 999)).toHaveLength(1);
    await expect(ledger.renewHold(uid('hold'), T0)).rejects.toBeInstanceOf(LedgerUnknownHoldError);
    await ledger.expireHolds(T0 + 10, 0);
    await ledger.releaseHold(b.holdId, 'released');
  });

  it('two replicas release one hold at once: exactly one Release is the first', async () => {
    const otherDb = await t.sibling();
    onTestFinished(() => otherDb.close());
    const other = await createLedger(otherDb, { closeDb: false });
    for (let i = 0; i < 5; i++) {
      const l = await openLease(ledger, { topUp: 1000, hold: 1000 });
      const firsts = await Promise.all([
        ledger.scheduleRelease(l.holdId, T0 + 5),
        other.scheduleRelease(l.holdId, T0 + 5),
      ]);
      expect(firsts.filter(Boolean)).toHaveLength(1);
      expect(await ledger.scheduleRelease(l.holdId, T0 + 5)).toBe(false);
    }
    await ledger.expireHolds(T0 + 5, 0);
  });

  it('every replica follows Renews and Releases by change number, from the head it started at', async () => {
    const head = await ledger.holdChangeHead();
    const a = await openLease(ledger, { topUp: 1000, hold: 1000 });
    const b = await openLease(ledger, { topUp: 1000, hold: 1000 });
    expect(await ledger.holdChangesSince(head)).toEqual([]); // placing a hold is no change
    await ledger.renewHold(a.holdId, T0 + 700_000);
    await ledger.scheduleRelease(b.holdId, T0 + 5);
    const changes = await ledger.holdChangesSince(head);
    expect(changes.map((c) => c.holdId)).toEqual([a.holdId, b.holdId]);
    expect(changes[0]).toMatchObject({
      customerId: a.customerId,
      status: 'pending',
      expiresAtMs: T0 + 700_000,
      releaseAtMs: null,
    });
    expect(changes[1]).toMatchObject({ status: 'pending', releaseAtMs: T0 + 5 });
    expect(await ledger.holdChangeHead()).toBe(changes[1]?.seq);
    expect(await ledger.holdChangesSince(changes[1]?.seq ?? 0)).toEqual([]);
    const views = await ledger.holdViews([a.holdId, b.holdId, uid('hold')]);
    expect(views.map((v) => v.holdId).sort()).toEqual([a.holdId, b.holdId].sort());
    await ledger.releaseHold(a.holdId, 'released');
    await ledger.expireHolds(T0 + 5, 0);
  });
});
