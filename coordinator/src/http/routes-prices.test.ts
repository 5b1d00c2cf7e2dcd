import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwoSiteCoordinator, type TwoSites } from './two-sites.test-support.js';

describe('GET /api/v1/prices (real coordinator, two online sites)', () => {
  let fx: TwoSites;
  beforeAll(async () => {
    fx = await startTwoSiteCoordinator();
  }, 60_000);
  afterAll(async () => {
    await fx?.c.close();
  });

  it('prices each online site and each region in the configured currency', async () => {
    const bySite = await fx.call('GET', '/api/v1/prices?by=site', 'viewer');
    expect(bySite.status).toBe(200);
    expect(bySite.body).toMatchObject({ currency: 'EUR', minorUnitExponent: 2 });
    const keys = (bySite.body.items as { key: string }[]).map((i) => i.key).sort();
    expect(keys).toEqual([fx.near, fx.far].sort());
    // The sites report no accelerator power and are idle: base price only, said so.
    for (const item of bySite.body.items as {
      minorPerToken: number;
      energyKnown: boolean;
      utilization: number;
    }[]) {
      expect(item).toMatchObject({ energyKnown: false, utilization: 0 });
      expect(item.minorPerToken).toBe(fx.c.config.market.baseMinorPerToken);
    }
    const byRegion = await fx.call('GET', '/api/v1/prices', 'viewer');
    expect(byRegion.body.items).toHaveLength(1);
    expect(byRegion.body.items[0]).toMatchObject({ sites: 2, slotsTotal: 4, slotsFree: 4 });
  });

  it('needs a token and refuses an unknown grouping', async () => {
    expect((await fx.call('GET', '/api/v1/prices')).status).toBe(401);
    const bad = await fx.call('GET', '/api/v1/prices?by=planet', 'viewer');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_ARGUMENT');
  });
});
