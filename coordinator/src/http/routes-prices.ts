import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import { CURRENCY_EXPONENT, fleetPrices, type Currency } from '../market/index.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

const PriceSchema = z.object({
  key: z.string(),
  sites: z.number().int(),
  slotsTotal: z.number().int(),
  slotsFree: z.number().int(),
  utilization: z.number(),
  minorPerToken: z.number().int(),
  formatted: z.string(),
  energyKnown: z.boolean(),
});

export interface MarketSettings {
  currency: Currency;
  baseMinorPerToken: number;
  targetUtilization: number;
  maxPremium: number;
}

/** Spot prices of a token now, per region or per site (docs/market.md). */
export function registerPriceRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; registry: FleetRegistry; market: MarketSettings },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/prices',
        operationId: 'getSpotPrices',
        tags: ['market'],
        summary:
          "Spot price of a token (1 h of a reference H100) now, per region or per site: base + the energy at the sites' tariffs, lifted by utilization above the target",
        request: {
          query: z.object({
            by: z.enum(['region', 'site']).default('region'),
            region: z.string().optional(),
          }),
        },
        responses: {
          200: json(
            z.object({
              currency: z.string(),
              minorUnitExponent: z.number().int(),
              atMs: z.number().int(),
              items: z.array(PriceSchema),
            }),
            'prices of online sites (offline and degraded sites sell nothing)',
          ),
          ...ERRORS,
        },
      }),
    ),
    (c) => {
      const { by, region } = c.req.valid('query');
      const now = new Date();
      const m = d.market;
      const exp = CURRENCY_EXPONENT[m.currency];
      const sites = [...d.registry.all()].filter((s) => !region || s.region === region);
      const items = fleetPrices(sites, (s) => (by === 'site' ? s.siteId : s.region), {
        currency: m.currency,
        policy: m,
        hourUtc: now.getUTCHours(),
        minorPerCurrencyUnit: 10 ** exp,
      });
      return c.json(
        { currency: m.currency, minorUnitExponent: exp, atMs: now.getTime(), items },
        200,
      );
    },
  );
}
