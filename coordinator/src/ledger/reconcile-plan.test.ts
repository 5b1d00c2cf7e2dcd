import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '@edgefleet/proto';
import { planSite, type HoldState, type LeaseInfo, type PlanInput } from './reconcile-plan.js';
import { T0, TestChain } from './test-support.js';
import { LedgerInvariantError } from './errors.js';

const lease: LeaseInfo = { leaseId: 'L', holdId: 'H', siteId: 'S', customerId: 'C', issuedAtMs: T0, expiresAtMs: T0 + 100_000 };
const hold = (remaining: number, open = true): HoldState => ({ holdId: 'H', customerId: 'C', remaining, open });

function input(over: Partial<PlanInput>): PlanInput {
  return {
    siteId: 'S',
    head: { seq: 0, hash: GENESIS_HASH },
    staged: [],
    leases: new Map([['L', lease]]),
    holds: new Map([['H', hold(1_000)]]),
    clockSkewMs: 60_000,
    lateGraceMs: 60_000,
    ...over,
  };
}

describe('planSite', () => {
  it('accepts a clean chain from the hold and moves the head to its end', () => {
    const staged = new TestChain('S').many('L', [100, 0, 200]);
    const plan = planSite(input({ staged }));
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt])).toEqual([['accepted', 100, 0], ['accepted', 0, 0], ['accepted', 200, 0]]);
    expect(plan.counts).toMatchObject({ accepted: 3, acceptedMicroTokens: 300 });
    expect(plan.head).toEqual({ seq: 3, hash: staged[2]?.hash });
    expect(plan).toMatchObject({ resendFrom: 0, stopped: false });
  });

  it('continues from a head that is not genesis', () => {
    const chain = new TestChain('S');
    const [r1, r2] = chain.many('L', [1, 2]);
    const plan = planSite(input({ head: { seq: 1, hash: r1!.hash }, staged: [r2!] }));
    expect(plan.head.seq).toBe(2);
  });

  it('stops at a gap and asks for the missing records', () => {
    const [r1, , , r4] = new TestChain('S').many('L', [1, 2, 3, 4]);
    const plan = planSite(input({ staged: [r1!, r4!] }));
    expect(plan.counts).toMatchObject({ accepted: 1, gap: 2 });
    expect(plan).toMatchObject({ resendFrom: 2, stopped: true, head: { seq: 1 } });
  });

  it('stops at a record whose prev_hash does not chain', () => {
    const [r1] = new TestChain('S').many('L', [1]);
    const foreign = new TestChain('S');
    foreign.next('L', 5);
    const r2 = foreign.next('L', 6); // seq 2, chained to another seq 1
    const plan = planSite(input({ staged: [r1!, r2] }));
    expect(plan.decisions.map((d) => [d.status, d.problem])).toEqual([['accepted', undefined], ['tampered', 'prev_mismatch']]);
    expect(plan).toMatchObject({ resendFrom: 2, stopped: true, head: { seq: 1 } });
  });

  it('passes an unknown or foreign lease without posting and without stalling', () => {
    const chain = new TestChain('S');
    const staged = [chain.next('nope', 10), chain.next('X', 20), chain.next('L', 30)];
    const foreign: LeaseInfo = { ...lease, leaseId: 'X', siteId: 'other' };
    const plan = planSite(input({ staged, leases: new Map([['L', lease], ['X', foreign]]) }));
    expect(plan.decisions.map((d) => d.status)).toEqual(['unknown_lease', 'unknown_lease', 'accepted']);
    expect(plan.counts).toMatchObject({ unknownLease: 2, accepted: 1, acceptedMicroTokens: 30 });
    expect(plan.head.seq).toBe(3);
  });

  it('splits an overrun between the hold and debt, then debt only', () => {
    const plan = planSite(input({ staged: new TestChain('S').many('L', [600, 600, 50]), holds: new Map([['H', hold(1_000)]]) }));
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt])).toEqual([['accepted', 600, 0], ['over_budget', 400, 200], ['over_budget', 0, 50]]);
    expect(plan.counts).toMatchObject({ accepted: 3, overBudget: 2, acceptedMicroTokens: 1_250 });
  });

  it('posts everything as debt once the hold is closed', () => {
    const plan = planSite(input({ staged: new TestChain('S').many('L', [5]), holds: new Map([['H', hold(1_000, false)]]) }));
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt])).toEqual([['late', 0, 5]]);
    expect(plan.counts).toMatchObject({ accepted: 1, late: 1, overBudget: 0 });
  });

  it('draws the lease window with skew before and grace after', () => {
    const chain = new TestChain('S');
    const staged = [
      chain.next('L', 1, { startedAtMs: T0 - 60_000, endedAtMs: T0 }),
      chain.next('L', 1, { startedAtMs: T0 - 60_001, endedAtMs: T0 }),
      chain.next('L', 1, { startedAtMs: T0, endedAtMs: T0 + 160_000 }),
      chain.next('L', 1, { startedAtMs: T0, endedAtMs: T0 + 160_001 }),
    ];
    expect(planSite(input({ staged })).decisions.map((d) => d.status)).toEqual(['accepted', 'late', 'accepted', 'late']);
  });

  it('does not touch the holds it was given', () => {
    const holds = new Map([['H', hold(10)]]);
    planSite(input({ staged: new TestChain('S').many('L', [7]), holds }));
    expect(holds.get('H')?.remaining).toBe(10);
  });

  it('refuses a staged record at or below the head (storage is inconsistent)', () => {
    const [r1] = new TestChain('S').many('L', [1]);
    expect(() => planSite(input({ head: { seq: 1, hash: r1!.hash }, staged: [r1!] }))).toThrow(LedgerInvariantError);
  });
});
