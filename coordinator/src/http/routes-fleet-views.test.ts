import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOver, ROLE_TOKENS } from './coordinator.test-support.js';
import { startTwoSiteCoordinator, type TwoSites } from './two-sites.test-support.js';

describe('fleet views (real coordinator, two online sites)', () => {
  let fx: TwoSites;
  let over: ReturnType<typeof appOver>;
  beforeAll(async () => {
    fx = await startTwoSiteCoordinator();
    over = appOver(fx.c, [{ token: ROLE_TOKENS.viewer, role: 'viewer', name: 'viewer' }]);
  }, 60_000);
  afterAll(async () => {
    await over?.close();
    await fx?.c.close();
  });

  const get = async (path: string) => {
    const res = await over.app.request(path, {
      headers: { authorization: `Bearer ${ROLE_TOKENS.viewer}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('GET /api/v1/fleet/history: the fleet and each region over time, sites up and slots', async () => {
    over.noc.fleet.sample(1_000);
    over.noc.fleet.sample(2_000);
    const fleet = await get('/api/v1/fleet/history');
    expect(fleet.status).toBe(200);
    const series = fleet.body.series as { key: string; points: Record<string, unknown>[] }[];
    expect(series.map((s) => s.key)).toEqual(['fleet']);
    expect(fleet.body.sloMs).toBe(50); // the default compute SLO the latency figures are judged by
    expect(series[0]?.points[1]).toHaveProperty('latencyP95Ms');
    // The first point is the sample taken when the NOC started; then these two, in order.
    expect(series[0]?.points.slice(-2).map((p) => p.t)).toEqual([1_000, 2_000]);
    expect(series[0]?.points[1]).toMatchObject({ sitesUp: 2, slotsTotal: 4, slotsBusy: 0 });
    const regions = await get('/api/v1/fleet/history?by=region');
    expect((regions.body.series as unknown[]).length).toBe(1);
    expect((await get('/api/v1/fleet/history?by=planet')).status).toBe(400);
  });

  it('GET /api/v1/fleet/money: nothing reconciled yet is zero in µT and money, in the configured currency', async () => {
    const money = await get('/api/v1/fleet/money?windowS=3600');
    expect(money.status).toBe(200);
    expect(money.body).toMatchObject({
      windowS: 3600,
      currency: 'EUR',
      minorPerToken: fx.c.config.market.baseMinorPerToken,
      total: { microTokens: 0, burns: 0, minor: 0 },
      customers: [],
      sites: [],
    });
    expect((await get('/api/v1/fleet/money?windowS=1')).status).toBe(400);
  });
});
