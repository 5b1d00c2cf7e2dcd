import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseEventKind, type LeaseEvent } from '@edgefleet/client';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';

interface HistoryPoint {
  vehicleRequests: number;
  vehicleP95Ms: number | null;
}
interface History {
  vehicleSloMs: number;
  series: { key: string; points: HistoryPoint[] }[];
}

/**
 * What a vehicle and the coordinator tell each other beside leases, with real processes: the
 * vehicle's own latency (a real SDK sends requests through a real agent process, its next Renew
 * carries what it measured, and the NOC's fleet history counts exactly those requests at the next
 * sample), and the spot price of its sites on its Watch stream.
 */
describe('a session reports its latency and hears its spot prices', () => {
  let fleet: LeaseFleet;

  beforeAll(async () => {
    fleet = await startLeaseFleet(['veh-a'], 'veh-cust', 10_000_000);
  }, 120_000);
  afterAll(async () => {
    await fleet?.close();
  });

  it('counts the answered requests an SDK reported with its Renew, in the fleet and in the site region', async () => {
    const session = await fleet.client.acquire({
      model: 'llama-3-8b',
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 200_000,
      ttlS: 60,
      autoRenew: false,
    });
    const answered = 6;
    for (let i = 0; i < answered; i++) await session.infer(`request ${i}`);
    await session.renew(); // carries the six measurements
    const history = async (by: 'fleet' | 'region') =>
      (await fleet.coord.api<History>('GET', `/api/v1/fleet/history?by=${by}`)).body;
    const reported = (h: History) =>
      h.series.reduce((n, s) => n + s.points.reduce((m, p) => m + p.vehicleRequests, 0), 0);
    // The fleet history samples every 10 s.
    await expect
      .poll(async () => reported(await history('fleet')), { timeout: 30_000, interval: 500 })
      .toBe(answered);
    const byRegion = await history('region');
    expect(reported(byRegion)).toBe(answered);
    const withData = byRegion.series.flatMap((s) => s.points).filter((p) => p.vehicleRequests > 0);
    expect(withData.every((p) => p.vehicleP95Ms !== null && p.vehicleP95Ms > 0)).toBe(true);
    expect(byRegion.vehicleSloMs).toBe(10);
    await session.release();
  }, 90_000);

  it("sends the spot price of the hold's site on its Watch stream when the watch starts", async () => {
    const session = await fleet.client.acquire({
      model: 'llama-3-8b',
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 100_000,
      ttlS: 60,
      autoRenew: false,
    });
    const events: LeaseEvent[] = [];
    const watch = session.watch((e) => events.push(e), { prices: true });
    await expect
      .poll(() => events.filter((e) => e.kind === LeaseEventKind.KIND_PRICE).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    const price = events.find((e) => e.kind === LeaseEventKind.KIND_PRICE);
    expect(price?.site_id).toBe(session.leases[0]?.site_id);
    expect(price?.currency).toBe('EUR');
    // The same price the REST API gives that site.
    const rest = await fleet.coord.api<{ items: { key: string; minorPerToken: number }[] }>(
      'GET',
      '/api/v1/prices?by=site',
    );
    const item = rest.body.items.find((i) => i.key === price?.site_id);
    expect(Number(price?.price_minor_per_token)).toBe(item?.minorPerToken);
    watch.cancel();
    await session.release();
  }, 60_000);
});
