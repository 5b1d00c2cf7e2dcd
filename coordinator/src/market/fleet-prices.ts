import type { Site } from '../fleet/site.js';
import { priceAt } from '../fleet/site.js';
import type { Currency } from './money.js';
import { formatMoney } from './money.js';
import { energyPerToken, priceWithEnergy, type SpotPolicy } from './spot-price.js';

export interface PriceView {
  /** The region, or the site id for one site. */
  key: string;
  sites: number;
  slotsTotal: number;
  slotsFree: number;
  utilization: number;
  minorPerToken: number;
  formatted: string;
  /** False when no site reported accelerator power: the price is base and scarcity only. */
  energyKnown: boolean;
}

type PricedSite = Pick<
  Site,
  | 'siteId'
  | 'region'
  | 'state'
  | 'slotsTotal'
  | 'slotsFree'
  | 'tariff'
  | 'multiplier'
  | 'accelerators'
>;

/** Watts of one accelerator at its current draw, from the site's own telemetry; undefined if none reported. */
function wattsPerAccelerator(site: PricedSite): number | undefined {
  const reported = site.accelerators.map((a) => a.power_w ?? 0).filter((w) => w > 0);
  return reported.length ? reported.reduce((s, w) => s + w, 0) / reported.length : undefined;
}

/**
 * Spot prices of online sites grouped by `group` (region, or the site itself): utilization of the
 * group's slots, and the energy term at each site's tariff for this hour, averaged over the group's
 * slots. Offline and degraded sites sell nothing and are left out.
 */
export function fleetPrices(
  sites: Iterable<PricedSite>,
  group: (s: PricedSite) => string,
  o: { currency: Currency; policy: SpotPolicy; hourUtc: number; minorPerCurrencyUnit: number },
): PriceView[] {
  const groups = new Map<string, PricedSite[]>();
  for (const s of sites) {
    if (s.state !== 'online' || s.slotsTotal <= 0) continue;
    const key = group(s);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const out: PriceView[] = [];
  for (const [key, list] of groups) {
    const slotsTotal = list.reduce((n, s) => n + s.slotsTotal, 0);
    const slotsFree = list.reduce((n, s) => n + Math.max(0, s.slotsFree), 0);
    const utilization = slotsTotal ? 1 - slotsFree / slotsTotal : 0;
    let energy = 0;
    let known = 0;
    for (const s of list) {
      const w = wattsPerAccelerator(s);
      if (w === undefined || s.multiplier <= 0) continue;
      const tariffMinorPerKwh = priceAt(s.tariff, o.hourUtc) * o.minorPerCurrencyUnit;
      energy +=
        energyPerToken({ wattsPerAccelerator: w, multiplier: s.multiplier, tariffMinorPerKwh }) *
        s.slotsTotal;
      known += s.slotsTotal;
    }
    // The group's energy per token, weighted by each site's slots.
    const price = priceWithEnergy(known ? energy / known : 0, utilization, o.currency, o.policy);
    out.push({
      key,
      sites: list.length,
      slotsTotal,
      slotsFree,
      utilization,
      minorPerToken: price.minorPerToken,
      formatted: formatMoney(price.minorPerToken, o.currency),
      energyKnown: known > 0,
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
