import { describe, expect, it } from 'vitest';
import { newSite } from '../fleet/site.js';
import { fleetPrices } from './fleet-prices.js';
import { DEFAULT_SPOT_POLICY } from './spot-price.js';

function site(
  id: string,
  region: string,
  o: { total: number; free: number; watts?: number; state?: 'online' | 'offline' },
) {
  const s = newSite({
    siteId: id,
    name: id,
    region,
    lat: 0,
    lon: 0,
    tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }],
  });
  s.state = o.state ?? 'online';
  s.slotsTotal = o.total;
  s.slotsFree = o.free;
  s.multiplier = 1;
  s.accelerators = o.watts ? [{ power_w: o.watts }] : [];
  return s;
}

const opts = {
  currency: 'EUR' as const,
  policy: DEFAULT_SPOT_POLICY,
  hourUtc: 12,
  minorPerCurrencyUnit: 100,
};

describe('fleetPrices', () => {
  it('adds the energy a token burns at the site tariff, and leaves offline sites out', () => {
    const [eu] = fleetPrices(
      [
        site('a', 'eu', { total: 4, free: 4, watts: 700 }),
        site('b', 'eu', { total: 4, free: 0, state: 'offline' }),
      ],
      (s) => s.region,
      opts,
    );
    // 0.7 kWh per H100-hour at 20 cents: 14 cents over the base.
    expect(eu).toMatchObject({
      key: 'eu',
      sites: 1,
      minorPerToken: DEFAULT_SPOT_POLICY.baseMinorPerToken + 14,
      energyKnown: true,
    });
  });

  it('rises with the group’s utilization above the target', () => {
    const idle = fleetPrices([site('a', 'eu', { total: 10, free: 10 })], (s) => s.region, opts)[0];
    const full = fleetPrices([site('a', 'eu', { total: 10, free: 0 })], (s) => s.region, opts)[0];
    expect(idle?.utilization).toBe(0);
    expect(full?.utilization).toBe(1);
    expect(full?.minorPerToken).toBe(
      Math.ceil(DEFAULT_SPOT_POLICY.baseMinorPerToken * (1 + DEFAULT_SPOT_POLICY.maxPremium)),
    );
    expect(idle?.minorPerToken).toBe(DEFAULT_SPOT_POLICY.baseMinorPerToken);
  });
});
