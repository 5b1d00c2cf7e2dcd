import { afterEach, describe, expect, it, vi } from 'vitest';
import { EdgefleetClient } from './client.js';
import { FakeFleet } from './testing/fake-fleet.js';
import { LeaseEventKind, type LeaseEvent, type PreemptionNotice } from './types.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function setup(sites: string[]) {
  const fleet = await FakeFleet.start(sites, { c1: 1_000_000 });
  const client = new EdgefleetClient({
    coordinator: fleet.coordinator.address,
    customerId: 'c1',
    defaultTimeoutMs: 5_000,
  });
  cleanups.push(
    () => client.close(),
    () => fleet.close(),
  );
  return { fleet, client };
}

const base = {
  model: 'llama-3-8b',
  location: { popId: 'pop-fra1' },
  budgetMicroTokens: 50_000,
  autoRenew: false,
} as const;

/** LeaseSession on a preemption notice (a real gRPC fake coordinator and fake agents). */
describe('LeaseSession on KIND_PREEMPTED', () => {
  it('moves requests to the hedge at once and tells onPreempted', async () => {
    const { fleet, client } = await setup(['a', 'b']);
    const notices: PreemptionNotice[] = [];
    const session = await client.acquire({
      ...base,
      hedges: 1,
      onPreempted: (n) => notices.push(n),
    });
    const events: LeaseEvent[] = [];
    session.watch((e) => events.push(e));
    await vi.waitFor(() => expect(fleet.coordinator.watcherCount(session.holdId)).toBe(1));
    const [a] = session.leases;
    fleet.coordinator.push(session.holdId, {
      kind: LeaseEventKind.KIND_PREEMPTED,
      lease_id: a?.lease_id,
      site_id: 'a',
      reason: 'preempted: reservation',
      deadline_ms: Date.now() + 5_000,
    });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(session.leases.map((l) => l.site_id)).toEqual(['b']);
    expect(notices).toMatchObject([
      { lease: { lease_id: a?.lease_id }, replacing: false, reason: 'preempted: reservation' },
    ]);
    expect((await session.infer('after notice')).siteId).toBe('b');
    expect(fleet.agent('a').calls).toBe(0);
    // A renewal (the lease is live until its deadline) does not bring it back.
    await session.renew();
    expect(session.leases.map((l) => l.site_id)).toEqual(['b']);
  });

  it('with no hedge acquires a replacement hold, moves onto it and releases the old one', async () => {
    const { fleet, client } = await setup(['a']);
    const notices: PreemptionNotice[] = [];
    const session = await client.acquire({
      ...base,
      hedges: 0,
      onPreempted: (n) => notices.push(n),
    });
    const first = session.holdId;
    const events: LeaseEvent[] = [];
    session.watch((e) => events.push(e));
    await vi.waitFor(() => expect(fleet.coordinator.watcherCount(first)).toBe(1));
    const old = session.primary?.lease_id;
    fleet.coordinator.push(first, {
      kind: LeaseEventKind.KIND_PREEMPTED,
      lease_id: old,
      site_id: 'a',
      reason: 'preempted: priority',
      deadline_ms: Date.now() + 5_000,
    });
    await vi.waitFor(() => expect(session.holdId).not.toBe(first));
    expect(notices).toMatchObject([{ lease: { lease_id: old }, replacing: true }]);
    expect(session.primary?.lease_id).not.toBe(old);
    await vi.waitFor(() => expect(fleet.coordinator.holds.get(first)?.released).toBe(true));
    // The watch follows the new hold.
    await vi.waitFor(() => expect(fleet.coordinator.watcherCount(session.holdId)).toBe(1));
    expect((await session.infer('on the replacement')).leaseId).toBe(session.primary?.lease_id);
    await session.release();
    expect(fleet.coordinator.holds.get(session.holdId)?.released).toBe(true);
  });
});
