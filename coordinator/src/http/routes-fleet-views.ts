import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../ledger/types.js';
import { CURRENCY_EXPONENT, costOf, formatMoney } from '../market/index.js';
import type { FleetHistory } from '../noc/fleet-history.js';
import type { TokenEntry } from './auth.js';
import type { MarketSettings } from './routes-prices.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

const PointSchema = z.object({
  t: z.number().int(),
  sitesUp: z.number().int(),
  slotsTotal: z.number().int(),
  slotsBusy: z.number().int(),
  utilization: z
    .number()
    .nullable()
    .openapi({ description: 'null: no site reported one (no data)' }),
  requests: z.number().int().openapi({
    description: 'requests in the compute reports taken into this point (fleet and regions only)',
  }),
  latencyP50Ms: z.number().nullable().openapi({
    description:
      "request-weighted mean of the sites' reported p50 compute time per request (ms); null: no request reported",
  }),
  latencyP95Ms: z.number().nullable(),
  latencyMaxMs: z.number().nullable(),
  sloMissRate: z.number().nullable().openapi({
    description: 'share of those requests served in an interval whose p95 exceeded sloMs (0..1)',
  }),
  vehicleRequests: z.number().int().openapi({
    description:
      'requests vehicles reported measuring end to end (send → answer) since the previous point, at sites of the group (fleet and regions only)',
  }),
  vehicleP50Ms: z.number().nullable().openapi({
    description: 'their p50 latency (ms), from the reported buckets; null: none reported (no data)',
  }),
  vehicleP95Ms: z.number().nullable(),
  vehicleSloMissRate: z.number().nullable().openapi({
    description: 'share of them slower than vehicleSloMs (0..1)',
  }),
});

const TotalSchema = z.object({
  microTokens: z.number().int(),
  burns: z.number().int(),
  microTokensPerHour: z.number().int(),
  minor: z.number().int(),
  formatted: z.string(),
});

/** The NOC's fleet views: utilization over time per fleet/region/profile, and money per customer and site. */
export function registerFleetViewRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    fleet: Pick<FleetHistory, 'series' | 'sloMs' | 'vehicleSloMs'>;
    ledger: Pick<Ledger, 'burnTotals'>;
    market: MarketSettings;
    now?: () => number;
  },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/fleet/history',
        operationId: 'getFleetHistory',
        tags: ['fleet'],
        summary:
          'Sites up, slots busy and accelerator utilization over the last hour, for the fleet, each region or each accelerator profile',
        request: {
          query: z.object({ by: z.enum(['fleet', 'region', 'profile']).default('fleet') }),
        },
        responses: {
          200: json(
            z.object({
              by: z.string(),
              sloMs: z.number().openapi({ description: 'the compute SLO: a p95 per request (ms)' }),
              vehicleSloMs: z
                .number()
                .openapi({ description: "the vehicles' SLO: end to end per request (ms)" }),
              series: z.array(z.object({ key: z.string(), points: z.array(PointSchema) })),
            }),
            'one series per group, oldest point first',
          ),
          ...ERRORS,
        },
      }),
    ),
    (c) => {
      const { by } = c.req.valid('query');
      return c.json(
        {
          by,
          sloMs: d.fleet.sloMs,
          vehicleSloMs: d.fleet.vehicleSloMs,
          series: d.fleet.series(by),
        },
        200,
      );
    },
  );

  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/fleet/money',
        operationId: 'getFleetMoney',
        tags: ['fleet'],
        summary:
          'What each customer paid and each site earned for burns reconciled in a recent window, in µT and in money at the base token price',
        request: {
          query: z.object({
            windowS: z.coerce
              .number()
              .int()
              .min(60)
              .max(7 * 86_400)
              .default(3600),
            limit: z.coerce.number().int().min(1).max(1000).default(20),
          }),
        },
        responses: {
          200: json(
            z.object({
              windowS: z.number().int(),
              sinceMs: z.number().int(),
              currency: z.string(),
              minorUnitExponent: z.number().int(),
              minorPerToken: z.number().int(),
              total: TotalSchema,
              customers: z.array(TotalSchema.extend({ customerId: z.string() })),
              sites: z.array(TotalSchema.extend({ siteId: z.string() })),
            }),
            'largest first; money = µT at market.baseMinorPerToken, rounded once per line',
          ),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { windowS, limit } = c.req.valid('query');
      const sinceMs = (d.now ?? Date.now)() - windowS * 1000;
      const totals = await d.ledger.burnTotals(sinceMs);
      const price = { currency: d.market.currency, minorPerToken: d.market.baseMinorPerToken };
      const line = (t: { microTokens: number; burns: number }) => {
        const minor = costOf(t.microTokens, price);
        return {
          microTokens: t.microTokens,
          burns: t.burns,
          microTokensPerHour: Math.round((t.microTokens * 3600) / windowS),
          minor,
          formatted: formatMoney(minor, price.currency),
        };
      };
      const sum = totals.sites.reduce(
        (a, s) => ({ microTokens: a.microTokens + s.microTokens, burns: a.burns + s.burns }),
        { microTokens: 0, burns: 0 },
      );
      return c.json(
        {
          windowS,
          sinceMs,
          currency: price.currency,
          minorUnitExponent: CURRENCY_EXPONENT[price.currency],
          minorPerToken: price.minorPerToken,
          total: line(sum),
          customers: totals.customers
            .slice(0, limit)
            .map((t) => ({ customerId: t.customerId, ...line(t) })),
          sites: totals.sites.slice(0, limit).map((t) => ({ siteId: t.siteId, ...line(t) })),
        },
        200,
      );
    },
  );
}
