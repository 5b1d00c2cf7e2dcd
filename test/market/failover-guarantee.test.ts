import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseEventKind, type EdgefleetClient, type LeaseEvent } from '@edgefleet/client';
import { eventually } from '../support/processes.js';
import type { LeaseFleet } from '../support/lease-fleet.js';
import { startReservedPair } from '../support/reserved-pair.js';

const MODEL = 'llama-3-8b';
const HOLDER = 'fg-holder';
const TOP_UP = 50_000_000;

/**
 * The guarantee on failover (a coordinator process, two agent processes of one slot): site B's one
 * slot is reserved and its holder holds nothing yet; a best-effort lease on site A loses its site.
 * The coordinator does not move it onto B's reserved slot (it is revoked: nowhere else to go), and
 * the holder's Acquire still finds B free.
 */
describe('a lease moved off a lost site leaves the reserved slots alone', () => {
  let fleet: LeaseFleet;
  let holder: EdgefleetClient;
  let siteA = '';
  let siteB = '';

  beforeAll(async () => {
    ({ fleet, holder, siteA, siteB } = await startReservedPair(
      ['fg-a', 'fg-b'],
      'fg-spot',
      HOLDER,
      TOP_UP,
      { market: { reservations: { tickMs: 200 } } },
    ));
  }, 240_000);

  afterAll(async () => {
    holder?.close();
    await fleet?.close();
  });

  it('revokes rather than reroutes onto the reserved site; the holder gets it', async () => {
    const startMs = Date.now() + 300;
    const booked = await fleet.coord.api('POST', '/api/v1/reservations', {
      customerId: HOLDER,
      siteIds: [siteB],
      slots: 1,
      startMs,
      endMs: startMs + 3_600_000,
    });
    expect(booked.status).toBe(201);
    // Once the window is open, a best-effort Acquire asking for a hedge gets site A alone.
    const spot = await eventually(
      async () => {
        const s = await fleet.client.acquire({
          model: MODEL,
          location: { popId: 'pop-fra' },
          budgetMicroTokens: 1_000_000,
          hedges: 1,
          ttlS: 120,
        });
        if (s.leases.length === 1 && s.primary?.site_id === siteA) return s;
        await s.release();
        return undefined;
      },
      (s) => s !== undefined,
      60_000,
      300,
    );
    if (!spot) throw new Error('unreachable');
    expect(spot.leases.map((l) => l.site_id)).toEqual([siteA]);
    const lost = spot.leases[0]?.lease_id;
    const events: LeaseEvent[] = [];
    spot.watch((e) => events.push(e));

    fleet.agents[0]?.proc.child.kill('SIGKILL');
    await eventually(
      () => Promise.resolve(events.length),
      (n) => n > 0,
      30_000,
    );
    expect(events[0]).toMatchObject({ kind: LeaseEventKind.KIND_REVOKE, lease_id: lost });
    expect(events.some((e) => e.kind === LeaseEventKind.KIND_REROUTE)).toBe(false);

    const held = await holder.acquire({
      model: MODEL,
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 1_000_000,
    });
    expect(held.primary?.site_id).toBe(siteB);
    await held.release();
  });
});
