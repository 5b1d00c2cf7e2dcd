import { createRoute, z } from '@hono/zod-openapi';
import type { PackageStore } from '../ledger/packages.js';
import type { Ledger, StatementPage } from '../ledger/types.js';
import { formatMoney, type Currency } from '../market/money.js';
import { customerRate, priceStatement } from '../market/statement-money.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { pageOf } from './pagination.js';
import {
  CustomerIdParam,
  SiteIdParam,
  StatementEntrySchema,
  StatementTotalsSchema,
} from './schemas.js';

/** A statement's page: its cursor is a transfer id (entries older than it), not the API's opaque cursor. */
const StatementQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,16})?$/, 'must be a nextCursor this API returned')
    .optional()
    .openapi({ description: 'nextCursor of the previous page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ description: 'entries per page (1..1000, default 100)' }),
});

/** Statements (viewer role): a customer's or a site's ledger transfers with provenance, newest first, paged `{items, nextCursor}`. */
export function registerStatementRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    ledger: Pick<Ledger, 'customerStatement' | 'siteStatement'>;
    packages?: Pick<PackageStore, 'purchasesByTransfer' | 'purchases'> | undefined;
    /** The configured token price: a customer that bought no package is priced at it. */
    market: { currency: Currency; baseMinorPerToken: number };
  },
): void {
  const t = d.tokens;
  /** Money beside µT: each package_purchase line gets the package bought and its price. */
  const withMoney = async (page: StatementPage) => {
    const ids = page.items.filter((e) => e.kind === 'package_purchase').map((e) => e.id);
    if (ids.length === 0 || !d.packages) return page;
    const bought = await d.packages.purchasesByTransfer(ids);
    return {
      ...page,
      items: page.items.map((e) => {
        const p = e.kind === 'package_purchase' ? bought.get(e.id) : undefined;
        if (!p) return e;
        return {
          ...e,
          purchase: {
            purchaseId: p.purchaseId,
            packageId: p.packageId,
            priceMinor: p.priceMinor,
            currency: p.currency,
            price: formatMoney(p.priceMinor, p.currency as Currency),
            expiresAtMs: p.expiresAtMs,
          },
        };
      }),
    };
  };
  /** Money beside µT on burns and the page's totals, at the customer's price (market/statement-money.ts). */
  const priced = async (customerId: string, page: StatementPage) => {
    const newest = d.packages ? (await d.packages.purchases(customerId))[0] : undefined;
    return priceStatement(page, customerRate(newest, d.market));
  };
  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/customers/{id}/statement',
        operationId: 'getCustomerStatement',
        tags: ['ledger'],
        summary:
          "A customer's transfers, newest first: top-ups, holds, burns (with the site, accelerator and burn seq, and their money at the customer's price), releases, debt; the page's burn totals",
        request: { params: CustomerIdParam, query: StatementQuery },
        responses: {
          200: json(
            pageOf(StatementEntrySchema).extend({ totals: StatementTotalsSchema }),
            'a page of statement entries with the totals of its burns',
          ),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const { id } = c.req.valid('param');
      const page = await d.ledger.customerStatement(id, { cursor, limit });
      return c.json(await priced(id, await withMoney(page)), 200);
    },
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/sites/{id}/statement',
        operationId: 'getSiteStatement',
        tags: ['ledger'],
        summary: "A site's earnings transfers, newest first, each burn with its provenance",
        request: { params: SiteIdParam, query: StatementQuery },
        responses: {
          200: json(pageOf(StatementEntrySchema), 'a page of statement entries'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      return c.json(await d.ledger.siteStatement(c.req.valid('param').id, { cursor, limit }), 200);
    },
  );
}
