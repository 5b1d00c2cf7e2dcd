import { describe, expect, it } from 'vitest';
import { burnMicroTokens, GENESIS_HASH } from '@edgefleet/proto';
import {
  planSite,
  rateCap,
  type HoldState,
  type LeaseInfo,
  type PlanInput,
} from './reconcile-plan.js';
import { T0, TestChain } from './ledger.test-support.js';
import { LedgerInvariantError } from './errors.js';

const lease: LeaseInfo = {
  leaseId: 'L',
  holdId: 'H',
  siteId: 'S',
  customerId: 'C',
  issuedAtMs: T0,
  expiresAtMs: T0 + 100_000,
  budget: 1_000_000,
  burned: 0,
};
const hold = (remaining: number, open = true): HoldState => ({
  holdId: 'H',
  customerId: 'C',
  remaining,
  open,
});

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
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt])).toEqual([
      ['accepted', 100, 0],
      ['accepted', 0, 0],
      ['accepted', 200, 0],
    ]);
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
    expect(plan.decisions.map((d) => [d.status, d.problem])).toEqual([
      ['accepted', undefined],
      ['tampered', 'prev_mismatch'],
    ]);
    expect(plan).toMatchObject({ resendFrom: 2, stopped: true, head: { seq: 1 } });
  });

  it('passes an unknown or foreign lease without posting and without stalling', () => {
    const chain = new TestChain('S');
    const staged = [chain.next('nope', 10), chain.next('X', 20), chain.next('L', 30)];
    const foreign: LeaseInfo = { ...lease, leaseId: 'X', siteId: 'other' };
    const plan = planSite(
      input({
        staged,
        leases: new Map([
          ['L', lease],
          ['X', foreign],
        ]),
      }),
    );
    expect(plan.decisions.map((d) => d.status)).toEqual([
      'unknown_lease',
      'unknown_lease',
      'accepted',
    ]);
    expect(plan.counts).toMatchObject({ unknownLease: 2, accepted: 1, acceptedMicroTokens: 30 });
    expect(plan.head.seq).toBe(3);
  });

  it('takes what fits from the hold and disputes the overrun (over_hold), never as debt', () => {
    const plan = planSite(
      input({
        staged: new TestChain('S').many('L', [600, 600, 50]),
        holds: new Map([['H', hold(1_000)]]),
      }),
    );
    expect(
      plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt, d.disputed, d.disputeReason]),
    ).toEqual([
      ['accepted', 600, 0, 0, undefined],
      ['disputed', 400, 0, 200, 'over_hold'],
      ['disputed', 0, 0, 50, 'over_hold'],
    ]);
    expect(plan.counts).toMatchObject({
      accepted: 3,
      acceptedMicroTokens: 1_000,
      overBudget: 0,
      disputed: 2,
      disputedMicroTokens: 250,
      overHold: 2,
      overHoldMicroTokens: 250,
    });
    expect(plan.head.seq).toBe(3);
  });

  it('posts honest work on a hold the coordinator closed early as debt, within the lease budget', () => {
    const closed = { ...hold(0, false), closedAtMs: T0 + 50_000 };
    const plan = planSite(
      input({
        staged: new TestChain('S').many('L', [5, 300, 900]),
        holds: new Map([['H', closed]]),
        leases: new Map([['L', { ...lease, budget: 1_000, burned: 100 }]]),
      }),
    );
    expect(
      plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt, d.disputed, d.disputeReason]),
    ).toEqual([
      ['hold_closed', 0, 5, 0, undefined],
      ['hold_closed', 0, 300, 0, undefined],
      ['disputed', 0, 595, 305, 'over_hold'],
    ]);
    expect(plan.counts).toMatchObject({
      accepted: 3,
      acceptedMicroTokens: 900,
      late: 0,
      holdClosed: 3,
      disputed: 1,
      overHoldMicroTokens: 305,
    });
  });

  it('disputes work that began after its hold was closed (outside_lease)', () => {
    const closed = { ...hold(0, false), closedAtMs: T0 + 10_000 };
    const chain = new TestChain('S');
    const staged = [
      chain.next('L', 7, { startedAtMs: T0 + 70_000, endedAtMs: T0 + 70_010 }),
      chain.next('L', 8, { startedAtMs: T0 + 70_001, endedAtMs: T0 + 70_010 }),
    ];
    const plan = planSite(input({ staged, holds: new Map([['H', closed]]) }));
    expect(plan.decisions.map((d) => [d.status, d.asDebt, d.disputed, d.disputeReason])).toEqual([
      ['hold_closed', 7, 0, undefined],
      ['disputed', 0, 8, 'outside_lease'],
    ]);
  });

  it('draws the lease window with skew before and grace after; outside it all is disputed (outside_lease)', () => {
    const chain = new TestChain('S');
    const staged = [
      chain.next('L', 1, { startedAtMs: T0 - 60_000, endedAtMs: T0 }),
      chain.next('L', 2, { startedAtMs: T0 - 60_001, endedAtMs: T0 }),
      chain.next('L', 3, { startedAtMs: T0, endedAtMs: T0 + 160_000 }),
      chain.next('L', 4, { startedAtMs: T0, endedAtMs: T0 + 160_001 }),
    ];
    const plan = planSite(input({ staged }));
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.disputed, d.disputeReason])).toEqual([
      ['accepted', 1, 0, undefined],
      ['disputed', 0, 2, 'outside_lease'],
      ['accepted', 3, 0, undefined],
      ['disputed', 0, 4, 'outside_lease'],
    ]);
    expect(plan.counts).toMatchObject({
      accepted: 4,
      acceptedMicroTokens: 4,
      late: 0,
      disputed: 2,
      outsideLease: 2,
      outsideLeaseMicroTokens: 6,
    });
  });

  it('disputes all of a burn naming another MIG instance than its pinned lease (wrong_instance), before any other bound', () => {
    const pinned = { ...lease, migInstanceUuid: 'MIG-a' };
    const chain = new TestChain('S');
    const staged = [
      chain.next('L', 1, { migInstanceUuid: 'MIG-a' }),
      chain.next('L', 2, { migInstanceUuid: 'MIG-b' }),
      chain.next('L', 3), // names none: held to the other bounds only
      chain.next('L', 4, { migInstanceUuid: 'MIG-b', startedAtMs: T0 - 120_000, endedAtMs: T0 }),
      chain.next('L', 0, { migInstanceUuid: 'MIG-b' }), // nothing to dispute
    ];
    const plan = planSite(input({ staged, leases: new Map([['L', pinned]]) }));
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.disputed, d.disputeReason])).toEqual([
      ['accepted', 1, 0, undefined],
      ['disputed', 0, 2, 'wrong_instance'],
      ['accepted', 3, 0, undefined],
      ['disputed', 0, 4, 'wrong_instance'],
      ['accepted', 0, 0, undefined],
    ]);
    expect(plan.counts).toMatchObject({
      accepted: 5,
      acceptedMicroTokens: 4,
      disputed: 2,
      disputedMicroTokens: 6,
      wrongInstance: 2,
      wrongInstanceMicroTokens: 6,
      outsideLease: 0,
    });
    // A lease not pinned to an instance takes a burn naming one (it is not this bound's business).
    const unpinned = planSite(input({ staged: staged.slice(0, 2) }));
    expect(unpinned.decisions.map((d) => d.status)).toEqual(['accepted', 'accepted']);
  });

  it("bounds a burn by duration × slot fraction × multiplier (over_rate), by the agent's rounding rule", () => {
    // 1/7 of a card with multiplier 0.7: 1 h = 100,000 µT, so 36 s (+1 ms of clock resolution) = 1,000 µT.
    const slot = { ...lease, slotFraction: 1 / 7, multiplier: 0.7 };
    const cap = burnMicroTokens(36.001, 1 / 7, 0.7);
    const chain = new TestChain('S');
    const staged = [
      chain.next('L', cap, { startedAtMs: T0, endedAtMs: T0 + 36_000 }),
      chain.next('L', cap + 5, { startedAtMs: T0 + 36_000, endedAtMs: T0 + 72_000 }),
      chain.next('L', 1, { startedAtMs: T0 + 80_000, endedAtMs: T0 + 80_000 }), // zero ms of work still may cost the 1 µT minimum
    ];
    const plan = planSite(
      input({ staged, leases: new Map([['L', slot]]), holds: new Map([['H', hold(1_000_000)]]) }),
    );
    expect(rateCap(36_000, 1 / 7, 0.7)).toBe(cap);
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.disputed, d.disputeReason])).toEqual([
      ['accepted', cap, 0, undefined],
      ['disputed', cap, 5, 'over_rate'],
      ['accepted', 1, 0, undefined],
    ]);
    expect(plan.counts).toMatchObject({ overRate: 1, overRateMicroTokens: 5, overHold: 0 });
  });

  it('bounds what one lease credits over its life by its window × slot (overlapping burns cannot outrun the slot)', () => {
    const slot = { ...lease, expiresAtMs: T0 + 1_000, slotFraction: 1, multiplier: 1 };
    // The window with skew and grace is 121 s: at most rateCap(121 s) for the lease, however its burns overlap.
    const life = rateCap(121_000, 1, 1);
    const chain = new TestChain('S');
    const staged = [0, 1, 2].map(() =>
      chain.next('L', 20_000, { startedAtMs: T0 - 60_000, endedAtMs: T0 + 61_000 }),
    );
    const plan = planSite(
      input({ staged, leases: new Map([['L', slot]]), holds: new Map([['H', hold(1_000_000)]]) }),
    );
    expect(plan.decisions.map((d) => [d.status, d.fromHold, d.disputed])).toEqual([
      ['accepted', 20_000, 0],
      ['disputed', life - 20_000, 40_000 - life],
      ['disputed', 0, 20_000],
    ]);
    expect(plan.counts.acceptedMicroTokens).toBe(life);
  });

  it("splits one burn's disputed µT by the bounds it broke", () => {
    const slot = { ...lease, slotFraction: 1, multiplier: 1 };
    const chain = new TestChain('S');
    const staged = [chain.next('L', 10 ** 15, { startedAtMs: T0, endedAtMs: T0 + 3_600_000 - 1 })];
    const plan = planSite(
      input({
        staged,
        leases: new Map([['L', { ...slot, expiresAtMs: T0 + 3_600_000 }]]),
        holds: new Map([['H', hold(100_000)]]),
      }),
    );
    expect(
      plan.decisions.map((d) => [d.status, d.fromHold, d.asDebt, d.disputed, d.disputeReason]),
    ).toEqual([['disputed', 100_000, 0, 10 ** 15 - 100_000, 'over_rate']]);
    expect(plan.counts).toMatchObject({
      overRate: 1,
      overRateMicroTokens: 10 ** 15 - 1_000_000,
      overHold: 1,
      overHoldMicroTokens: 900_000,
    });
  });

  it('skips only the rate bound for a lease without slot fraction and multiplier (registered before migration 009)', () => {
    const plan = planSite(input({ staged: new TestChain('S').many('L', [999]) }));
    expect(plan.decisions.map((d) => [d.status, d.fromHold])).toEqual([['accepted', 999]]);
  });

  it('does not touch the holds it was given', () => {
    const holds = new Map([['H', hold(10)]]);
    planSite(input({ staged: new TestChain('S').many('L', [7]), holds }));
    expect(holds.get('H')?.remaining).toBe(10);
  });

  it('refuses a staged record at or below the head (storage is inconsistent)', () => {
    const [r1] = new TestChain('S').many('L', [1]);
    expect(() => planSite(input({ head: { seq: 1, hash: r1!.hash }, staged: [r1!] }))).toThrow(
      LedgerInvariantError,
    );
  });
});
