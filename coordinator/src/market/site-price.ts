import type { FleetRegistry } from '../fleet/registry.js';
import { fleetPrices } from './fleet-prices.js';
import { CURRENCY_EXPONENT, type Currency } from './money.js';
import type { SpotPolicy } from './spot-price.js';

/**
 * One site's spot price now, priced as GET /api/v1/prices?by=site prices it (fleet-prices.ts), for
 * the Watch stream's KIND_PRICE events; undefined when the site is unknown or sells nothing.
 */
export function sitePriceFrom(
  registry: Pick<FleetRegistry, 'get'>,
  market: SpotPolicy & { currency: Currency },
  now: () => Date = () => new Date(),
): (siteId: string) => { minorPerToken: number; currency: string } | undefined {
  return (siteId) => {
    const site = registry.get(siteId);
    if (!site) return undefined;
    const [p] = fleetPrices([site], (s) => s.siteId, {
      currency: market.currency,
      policy: market,
      hourUtc: now().getUTCHours(),
      minorPerCurrencyUnit: 10 ** CURRENCY_EXPONENT[market.currency],
    });
    return p ? { minorPerToken: p.minorPerToken, currency: market.currency } : undefined;
  };
}
