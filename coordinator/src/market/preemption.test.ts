import { describe, expect, it } from 'vitest';
import {
  isReserved,
  pickVictim,
  preemptorOf,
  type PreemptionSettings,
  type Preemptor,
  type RunningLease,
} from './preemption.js';

const lease = (over: Partial<RunningLease>): RunningLease => ({
  leaseId: 'l-x',
  holdId: 'h-x',
  siteId: 'site-a',
  customerId: 'spot',
  priority: 0,
  startedAtMs: 1000,
  reserved: false,
  noticed: false,
  ...over,
});

const holder: Preemptor = {
  customerId: 'owner',
  priority: 0,
  reason: 'reservation',
  siteIds: new Set(['site-a', 'site-b']),
};

describe('pickVictim', () => {
  it('takes the lowest priority first, then the youngest, then the lease id', () => {
    const leases = [
      lease({ leaseId: 'l-old-low', priority: 1, startedAtMs: 1000 }),
      lease({ leaseId: 'l-young-low', priority: 1, startedAtMs: 5000 }),
      lease({ leaseId: 'l-young-high', priority: 4, startedAtMs: 9000 }),
    ];
    expect(pickVictim(holder, leases, 0)?.leaseId).toBe('l-young-low');
    const tied = [
      lease({ leaseId: 'l-b', startedAtMs: 7 }),
      lease({ leaseId: 'l-a', startedAtMs: 7 }),
    ];
    expect(pickVictim(holder, tied, 0)?.leaseId).toBe('l-a');
  });

  it('never picks a reserved lease, one already given notice, its own customer, or a site it may not use', () => {
    const leases = [
      lease({ leaseId: 'l-reserved', reserved: true, startedAtMs: 9 }),
      lease({ leaseId: 'l-noticed', noticed: true, startedAtMs: 8 }),
      lease({ leaseId: 'l-own', customerId: 'owner', startedAtMs: 7 }),
      lease({ leaseId: 'l-elsewhere', siteId: 'site-z', startedAtMs: 6 }),
    ];
    expect(pickVictim(holder, leases, 0)).toBeUndefined();
    expect(
      pickVictim(holder, [...leases, lease({ leaseId: 'l-ok', startedAtMs: 1 })], 0)?.leaseId,
    ).toBe('l-ok');
  });

  it('a reservation holder preempts any best-effort priority; a priority preemptor only those the gap below it', () => {
    const high = lease({ leaseId: 'l-high', priority: 9 });
    expect(pickVictim(holder, [high], 0)?.leaseId).toBe('l-high');
    const urgent: Preemptor = { ...holder, reason: 'priority', priority: 6 };
    const leases = [lease({ leaseId: 'l-4', priority: 4 }), lease({ leaseId: 'l-5', priority: 5 })];
    expect(pickVictim(urgent, leases, 2)?.leaseId).toBe('l-4');
    expect(pickVictim(urgent, [lease({ leaseId: 'l-5', priority: 5 })], 2)).toBeUndefined();
    // A gap of 0 turns priority preemption off.
    expect(pickVictim(urgent, leases, 0)).toBeUndefined();
  });
});

describe('preemptorOf', () => {
  const on: PreemptionSettings = { enabled: true, graceMs: 1000, minPriorityGap: 0 };
  const active = [{ id: 'r-1', customerId: 'owner', siteIds: ['site-a', 'site-b'], slots: 2 }];
  const sites = () => ['site-a', 'site-b', 'site-c'];

  it('is a reservation holder still owed slots, on its reservation’s sites', () => {
    const p = preemptorOf('owner', 0, active, () => 1, on, sites);
    expect(p).toMatchObject({ reason: 'reservation' });
    expect([...(p?.siteIds ?? [])]).toEqual(['site-a', 'site-b']);
    // Holding all its slots already: owed nothing, preempts nobody.
    expect(preemptorOf('owner', 0, active, () => 2, on, sites)).toBeUndefined();
  });

  it('is a high-priority request only with a gap configured, and nobody when disabled', () => {
    expect(preemptorOf('spot', 9, active, () => 0, on, sites)).toBeUndefined();
    const gap = { ...on, minPriorityGap: 3 };
    expect(preemptorOf('spot', 2, active, () => 0, gap, sites)).toBeUndefined();
    const p = preemptorOf('spot', 3, active, () => 0, gap, sites);
    expect(p).toMatchObject({ reason: 'priority', priority: 3 });
    expect(p?.siteIds.size).toBe(3);
    expect(
      preemptorOf('owner', 0, active, () => 0, { ...on, enabled: false }, sites),
    ).toBeUndefined();
  });

  it('isReserved: a lease of a holder on one of its reservation’s sites', () => {
    expect(isReserved('owner', 'site-a', active)).toBe(true);
    expect(isReserved('owner', 'site-c', active)).toBe(false);
    expect(isReserved('spot', 'site-a', active)).toBe(false);
  });
});
