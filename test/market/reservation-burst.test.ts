import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EdgefleetClient,
  NoSiteAvailableError,
  QueueTimeoutError,
  type LeaseSession,
} from '@edgefleet/client';
import { eventually } from '../support/processes.js';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';

const MODEL = 'llama-3-8b';
const HOLDER = 'rsv-burst-holder';
const FLOODERS = ['rsv-burst-flood-1', 'rsv-burst-flood-2'];
const FLOOD = 24;
const ROUNDS = 3;
const HOUR = 3_600_000;

interface SiteView {
  siteId: string;
  slotsTotal: number;
  slotsFree: number;
  activeLeases: number;
}

const acquire = (c: EdgefleetClient, maxQueueMs = 0) =>
  c.acquire({
    model: MODEL,
    location: { popId: 'pop-fra' },
    budgetMicroTokens: 10_000,
    ttlS: 120,
    autoRenew: false,
    maxQueueMs,
  });

/**
 * A reservation honoured through a burst (a coordinator process and two agent processes): while
 * its window is open, best-effort customers flood the sites with Acquires — at once and queued —
 * and each time the holder asks for its reserved slots, in the middle of the flood, it gets them
 * all; the flood gets the rest of the fleet and never a reserved slot, round after round, also when
 * the holder gives its slots back and the queued flood is retried on them.
 */
describe('a reservation honoured through a best-effort burst (real agents)', () => {
  let fleet: LeaseFleet;
  let flooders: EdgefleetClient[] = [];
  let total = 0;
  let reserved = 0;
  const flooded: LeaseSession[] = [];

  const sites = () => fleet.coord.api<{ items: SiteView[] }>('GET', '/api/v1/sites');

  beforeAll(async () => {
    fleet = await startLeaseFleet(['rsv-burst-a', 'rsv-burst-b'], HOLDER, 100_000_000);
    for (const c of FLOODERS) {
      const r = await fleet.coord.api('POST', `/api/v1/customers/${c}/topup`, {
        microTokens: 100_000_000,
      });
      expect(r.status).toBe(200);
    }
    flooders = FLOODERS.map(
      (customerId) =>
        new EdgefleetClient({
          coordinator: fleet.coord.grpc,
          customerId,
          defaultTimeoutMs: 10_000,
          bearerToken: fleet.coord.adminToken,
        }),
    );
    const s = await eventually(sites, (r) => r.body.items.every((x) => x.slotsTotal > 0), 30_000);
    total = s.body.items.reduce((n, x) => n + x.slotsTotal, 0);
    reserved = Math.floor(total / 2);
    expect(reserved).toBeGreaterThan(0);

    // Booked for a window that opens in two seconds (a booking may not start in the past).
    const startMs = Date.now() + 2_000;
    const booked = await fleet.coord.api<{ status: string; slots: number }>(
      'POST',
      '/api/v1/reservations',
      {
        customerId: HOLDER,
        siteIds: s.body.items.map((x) => x.siteId),
        slots: reserved,
        startMs,
        endMs: startMs + HOUR,
      },
    );
    expect(booked.status).toBe(201);
    await eventually(
      async () => Date.now(),
      (now) => now > startMs,
      10_000,
    );
  }, 240_000);

  afterAll(async () => {
    for (const c of flooders) c.close();
    await fleet?.close();
  });

  it(`${ROUNDS} rounds of ${FLOOD} best-effort Acquires: the holder gets its reserved slots every time, the flood only the rest`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // The flood, half of it willing to wait in the queue, and the holder's Acquires amid it.
      const flood = Array.from({ length: FLOOD }, (_, i) =>
        acquire(flooders[i % flooders.length] as EdgefleetClient, i % 2 === 0 ? 0 : 1_500),
      );
      const mine = Array.from({ length: reserved }, () => acquire(fleet.client));
      const [floodOut, mineOut] = await Promise.all([
        Promise.allSettled(flood),
        Promise.allSettled(mine),
      ]);

      const held = mineOut.map((r) => {
        if (r.status === 'rejected')
          throw new Error(
            `round ${round}: holder refused: ${String(r.reason)} ${JSON.stringify(r.reason)}; flood granted ${floodOut.filter((x) => x.status === 'fulfilled').length}`,
          );
        return r.value;
      });
      expect(held).toHaveLength(reserved);
      for (const r of floodOut) {
        if (r.status === 'fulfilled') flooded.push(r.value);
        else
          expect([NoSiteAvailableError, QueueTimeoutError].some((E) => r.reason instanceof E)).toBe(
            true,
          );
      }
      // The flood has the unreserved part of the fleet (all of it after the first round), no more.
      expect(flooded).toHaveLength(total - reserved);

      // The agents' own counts agree: the fleet is full, and never beyond a site's slots.
      const full = await eventually(
        sites,
        (r) => r.body.items.reduce((n, x) => n + x.activeLeases, 0) === total,
        20_000,
      );
      for (const x of full.body.items) expect(x.activeLeases).toBeLessThanOrEqual(x.slotsTotal);

      // The holder gives its slots back; the next round's flood (and the queued part of it) finds
      // them free but may not take them.
      await Promise.all(held.map((h) => h.release()));
      await eventually(
        sites,
        (r) => r.body.items.reduce((n, x) => n + x.slotsFree, 0) === reserved,
        20_000,
      );
    }

    // Money: the flood holds only what its granted Acquires hold; the accounts sum to zero.
    let heldByFlood = 0;
    for (const c of FLOODERS)
      heldByFlood += (
        await fleet.coord.api<{ held: number }>('GET', `/api/v1/customers/${c}/balance`)
      ).body.held;
    expect(heldByFlood).toBe(flooded.length * 10_000);
    await Promise.all(flooded.map((s) => s.release()));
    expect(
      (await fleet.coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
  }, 240_000);
});
