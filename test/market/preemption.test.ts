import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EdgefleetClient,
  LeaseEventKind,
  NoSiteAvailableError,
  type LeaseEvent,
  type LeaseSession,
  type PreemptionNotice,
} from '@edgefleet/client';
import { eventually } from '../support/processes.js';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { ONE_SLOT, startReservedPair } from '../support/reserved-pair.js';

const MODEL = 'llama-3-8b';
const SPOT = 'spot-fleet';
const HOLDER = 'rsv-holder';
const TOP_UP = 50_000_000;

interface Balance {
  available: number;
  held: number;
  debt: number;
}

/**
 * Preemption end to end (a coordinator process and two agent processes of one slot each): a
 * best-effort customer fills both sites with one hedged session; a reservation of one site starts;
 * the holder's Acquire finds no free slot and preempts the best-effort lease on its site. The victim
 * sees PREEMPTED (with a deadline) then the revoke on its Watch, its session fails over to the hedge
 * and keeps answering, its ledger shows exactly the work it was answered for, and the holder gets the
 * reserved site's slot.
 */
describe('a reservation holder preempts a best-effort lease', () => {
  let fleet: LeaseFleet;
  let holder: EdgefleetClient;
  let siteA = '';
  let siteB = '';
  const sessions: LeaseSession[] = [];

  beforeAll(async () => {
    ({ fleet, holder, siteA, siteB } = await startReservedPair(
      ['pre-a', 'pre-b'],
      SPOT,
      HOLDER,
      TOP_UP,
      {
        market: { preemption: { graceMs: 1500 }, reservations: { tickMs: 200 } },
      },
    ));
  }, 240_000);

  afterAll(async () => {
    for (const s of sessions) await s.release().catch(() => undefined);
    holder?.close();
    await fleet?.close();
  });

  it('notice on Watch, failover to the hedge, only work done billed, the slot to the holder', async () => {
    const notices: PreemptionNotice[] = [];
    const spot = await fleet.client.acquire({
      model: MODEL,
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 20_000_000,
      hedges: 1,
      ttlS: 120,
      onPreempted: (n) => notices.push(n),
    });
    sessions.push(spot);
    expect(new Set(spot.leases.map((l) => l.site_id))).toEqual(new Set([siteA, siteB]));
    const events: LeaseEvent[] = [];
    spot.watch((e) => events.push(e));

    let billed = 0;
    const ask = async () => {
      const r = await spot.infer('hello');
      billed += r.microTokens;
      return r;
    };
    for (let i = 0; i < 3; i++) await ask();

    // Both sites are full: a best-effort Acquire of the holder is refused, nothing preempted.
    await expect(
      holder.acquire({
        model: MODEL,
        location: { popId: 'pop-fra' },
        budgetMicroTokens: 1_000_000,
      }),
    ).rejects.toBeInstanceOf(NoSiteAvailableError);

    const startMs = Date.now() + 500;
    const booked = await fleet.coord.api('POST', '/api/v1/reservations', {
      customerId: HOLDER,
      siteIds: [siteA],
      slots: 1,
      startMs,
      endMs: startMs + 3_600_000,
    });
    expect(booked.status).toBe(201);

    // Once the window is open (and read by the coordinator), the holder's Acquire preempts.
    const held = await eventually(
      () =>
        holder
          .acquire({
            model: MODEL,
            location: { popId: 'pop-fra' },
            budgetMicroTokens: 1_000_000,
            ttlS: 120,
          })
          .catch((err: unknown) => {
            if (err instanceof NoSiteAvailableError) return undefined;
            throw err;
          }),
      (s) => s !== undefined,
      60_000,
    );
    if (!held) throw new Error('unreachable');
    sessions.push(held);
    expect(held.primary?.site_id).toBe(siteA);

    // The Watch stream is another call than the Acquire: its events may arrive a little later.
    await seen(events, 2);
    const preempted = events.find((e) => e.kind === LeaseEventKind.KIND_PREEMPTED);
    expect(preempted).toMatchObject({ site_id: siteA, reason: 'preempted: reservation' });
    expect(Number(preempted?.deadline_ms)).toBeGreaterThan(Number(preempted?.ts_ms));
    expect(events.find((e) => e.kind === LeaseEventKind.KIND_REVOKE)).toMatchObject({
      lease_id: preempted?.lease_id,
      reason: 'preempted',
    });
    expect(notices).toMatchObject([{ lease: { lease_id: preempted?.lease_id }, replacing: false }]);

    // The victim keeps answering, from the hedge on the other site.
    expect(spot.leases.map((l) => l.site_id)).toEqual([siteB]);
    for (let i = 0; i < 3; i++) expect((await ask()).siteId).toBe(siteB);

    // Only the work done is paid for: once the hold closes, spent = what the answers burned.
    await spot.release();
    const bal = await eventually(
      () => fleet.coord.api<Balance>('GET', `/api/v1/customers/${SPOT}/balance`),
      (r) => r.body.held === 0 && TOP_UP - r.body.available === billed,
      30_000,
    );
    expect(bal.body).toMatchObject({ held: 0, debt: 0, available: TOP_UP - billed });

    const metrics = await fetch(`${fleet.coord.http}/metrics`, {
      headers: { authorization: `Bearer ${fleet.coord.adminToken}` },
    }).then((r) => r.text());
    expect(metrics).toMatch(/edgefleet_preemptions_total\{reason="reservation"\} 1/);
  });
  it('a victim with no other lease and no room elsewhere: its hold is released at the deadline, only work done billed', async () => {
    // The holder keeps siteA; a second best-effort customer takes siteB's one slot, without a hedge.
    const SPOT2 = 'spot-two';
    const topup = await fleet.coord.api('POST', `/api/v1/customers/${SPOT2}/topup`, {
      microTokens: TOP_UP,
    });
    expect(topup.status).toBe(200);
    const spot2 = new EdgefleetClient({
      coordinator: fleet.coord.grpc,
      customerId: SPOT2,
      defaultTimeoutMs: 10_000,
      bearerToken: fleet.coord.adminToken,
    });
    try {
      const notices: PreemptionNotice[] = [];
      const replaceErrors: Error[] = [];
      const victim = await spot2.acquire({
        model: MODEL,
        location: { popId: 'pop-fra' },
        budgetMicroTokens: 20_000_000,
        ttlS: 120,
        onPreempted: (n) => notices.push(n),
        onReplaceError: (e) => replaceErrors.push(e),
      });
      sessions.push(victim);
      expect(victim.leases.map((l) => l.site_id)).toEqual([siteB]);
      const events: LeaseEvent[] = [];
      victim.watch((e) => events.push(e));
      let billed = 0;
      for (let i = 0; i < 3; i++) billed += (await victim.infer('hello')).microTokens;

      const startMs = Date.now() + 500;
      const booked = await fleet.coord.api('POST', '/api/v1/reservations', {
        customerId: HOLDER,
        siteIds: [siteB],
        slots: 1,
        startMs,
        endMs: startMs + 3_600_000,
      });
      expect(booked.status).toBe(201);
      const second = await eventually(
        () =>
          holder
            .acquire({ model: MODEL, location: { popId: 'pop-fra' }, budgetMicroTokens: 1_000_000 })
            .catch((err: unknown) => {
              if (err instanceof NoSiteAvailableError) return undefined;
              throw err;
            }),
        (s) => s !== undefined,
        60_000,
      );
      if (!second) throw new Error('unreachable');
      sessions.push(second);
      expect(second.primary?.site_id).toBe(siteB);

      // Told, tried a replacement (no room: siteA is the holder's, siteB is owed to it), then revoked.
      await seen(events, 3);
      await eventually(
        () => Promise.resolve(replaceErrors.length),
        (n) => n > 0,
        10_000,
      );
      expect(notices).toMatchObject([{ replacing: true, reason: 'preempted: reservation' }]);
      expect(replaceErrors[0]).toBeInstanceOf(NoSiteAvailableError);
      expect(events.map((e) => [e.kind, e.reason])).toEqual([
        [LeaseEventKind.KIND_PREEMPTED, 'preempted: reservation'],
        [LeaseEventKind.KIND_REVOKE, 'preempted'],
        [LeaseEventKind.KIND_REVOKE, 'released'],
      ]);
      // The coordinator released the hold: the budget comes back less what the answers burned.
      const bal = await eventually(
        () => fleet.coord.api<Balance>('GET', `/api/v1/customers/${SPOT2}/balance`),
        (r) => r.body.held === 0 && TOP_UP - r.body.available === billed,
        30_000,
      );
      expect(bal.body).toMatchObject({ held: 0, debt: 0, available: TOP_UP - billed });
    } finally {
      spot2.close();
    }
  });
});

/**
 * Preemption by priority (market.preemption.minPriorityGap 3; a coordinator process and one agent
 * process of one slot): a priority-0 lease fills the site; a priority-2 Acquire is refused as ever,
 * a priority-5 one preempts it and gets the slot.
 */
describe('a higher-priority Acquire preempts a best-effort lease', () => {
  let fleet: LeaseFleet;
  let urgent: EdgefleetClient;

  beforeAll(async () => {
    fleet = await startLeaseFleet(['prio-a'], 'prio-spot', TOP_UP, ONE_SLOT, {
      market: { preemption: { graceMs: 1000, minPriorityGap: 3 } },
    });
    const topup = await fleet.coord.api('POST', '/api/v1/customers/prio-urgent/topup', {
      microTokens: TOP_UP,
    });
    expect(topup.status).toBe(200);
    urgent = new EdgefleetClient({
      coordinator: fleet.coord.grpc,
      customerId: 'prio-urgent',
      defaultTimeoutMs: 10_000,
      bearerToken: fleet.coord.adminToken,
    });
    await eventually(
      () => fleet.coord.api<{ items: { slotsFree: number }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items[0]?.slotsFree === 1,
      30_000,
    );
  }, 240_000);

  afterAll(async () => {
    urgent?.close();
    await fleet?.close();
  });

  it('only a priority the gap above the running lease preempts it', async () => {
    const ask = { model: MODEL, location: { popId: 'pop-fra' }, budgetMicroTokens: 1_000_000 };
    const victim = await fleet.client.acquire({ ...ask, ttlS: 120, replaceOnPreempt: false });
    const events: LeaseEvent[] = [];
    victim.watch((e) => events.push(e));
    await victim.infer('hello');

    await expect(urgent.acquire({ ...ask, priority: 2 })).rejects.toBeInstanceOf(
      NoSiteAvailableError,
    );
    expect(events).toEqual([]);

    const session = await urgent.acquire({ ...ask, priority: 5 });
    expect(session.primary?.site_id).toBe(fleet.agents[0]?.siteId);
    await seen(events, 3);
    expect(events.map((e) => [e.kind, e.reason])).toEqual([
      [LeaseEventKind.KIND_PREEMPTED, 'preempted: priority'],
      [LeaseEventKind.KIND_REVOKE, 'preempted'],
      [LeaseEventKind.KIND_REVOKE, 'released'],
    ]);
    expect((await session.infer('mine now')).siteId).toBe(fleet.agents[0]?.siteId);
    await session.release();

    const metrics = await fetch(`${fleet.coord.http}/metrics`, {
      headers: { authorization: `Bearer ${fleet.coord.adminToken}` },
    }).then((r) => r.text());
    expect(metrics).toMatch(/edgefleet_preemptions_total\{reason="priority"\} 1/);
  });
});

/** Waits until the watch has delivered at least `n` events. */
async function seen(events: readonly LeaseEvent[], n: number): Promise<void> {
  await eventually(
    () => Promise.resolve(events.length),
    (k) => k >= n,
    10_000,
  );
}
