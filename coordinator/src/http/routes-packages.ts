import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { PackagePurchase, PackageStore, TokenPackage } from '../ledger/packages.js';
import { formatMoney, type Currency } from '../market/money.js';
import type { TokenEntry } from './auth.js';
import { ApiNotFoundError } from './errors.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import {
  BuyPackageRequest,
  CustomerIdParam,
  DefinePackageRequest,
  ErrorSchema,
  PurchaseSchema,
  TokenPackageSchema,
} from './schemas.js';

const DAY_MS = 86_400_000;

const price = (minor: number, currency: string): string => formatMoney(minor, currency as Currency);

export const packageView = (p: TokenPackage) => ({
  ...p,
  price: price(p.priceMinor, p.currency),
  validDays: p.validMs / DAY_MS,
});
export const purchaseView = (p: PackagePurchase) => ({
  ...p,
  price: price(p.priceMinor, p.currency),
});

/** Token packages (docs/market.md): operators define them, customers buy them (operator role, as top-ups). */
export function registerPackageRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; packages?: PackageStore | undefined },
): void {
  const t = d.tokens;
  const store = (): PackageStore => {
    if (!d.packages) throw new ApiNotFoundError('service', 'packages');
    return d.packages;
  };

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/packages',
        operationId: 'listPackages',
        tags: ['ledger'],
        summary: 'The token packages on offer',
        responses: {
          200: json(z.object({ items: z.array(TokenPackageSchema) }), 'packages by id'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => c.json({ items: (await store().list()).map(packageView) }, 200),
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/packages',
        operationId: 'definePackage',
        tags: ['ledger'],
        summary: 'Define a token package (µT for a price, valid some days after purchase)',
        request: {
          body: {
            content: { 'application/json': { schema: DefinePackageRequest } },
            required: true,
          },
        },
        responses: {
          201: json(TokenPackageSchema, 'defined'),
          200: json(TokenPackageSchema, 'already defined with these terms'),
          409: json(ErrorSchema, 'the id is defined with other terms'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const req = c.req.valid('json');
      const { pkg, created } = await store().define(
        {
          id: req.id,
          name: req.name,
          microTokens: req.microTokens,
          currency: req.currency,
          priceMinor: req.priceMinor,
          validMs: req.validDays * DAY_MS,
        },
        c.get('principal'),
      );
      return created ? c.json(packageView(pkg), 201) : c.json(packageView(pkg), 200);
    },
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/customers/{id}/purchases',
        operationId: 'buyPackage',
        tags: ['ledger'],
        summary:
          "Buy a token package: its µT credited to the customer's balance (idempotent by purchaseId)",
        request: {
          params: CustomerIdParam,
          body: {
            content: { 'application/json': { schema: BuyPackageRequest } },
            required: true,
          },
        },
        responses: {
          201: json(PurchaseSchema, 'bought'),
          200: json(PurchaseSchema, 'this purchaseId was already bought (credited once)'),
          404: json(ErrorSchema, 'no such package'),
          409: json(ErrorSchema, 'purchaseId already used for another customer or package'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const req = c.req.valid('json');
      const { purchase, created } = await store().buy(
        { purchaseId: req.purchaseId ?? randomUUID(), customerId: id, packageId: req.packageId },
        c.get('principal'),
      );
      return created ? c.json(purchaseView(purchase), 201) : c.json(purchaseView(purchase), 200);
    },
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/customers/{id}/purchases',
        operationId: 'listPurchases',
        tags: ['ledger'],
        summary:
          "A customer's package purchases, newest first, with money, expiry and what expired",
        request: { params: CustomerIdParam },
        responses: {
          200: json(z.object({ items: z.array(PurchaseSchema) }), 'purchases'),
          ...ERRORS,
        },
      }),
    ),
    async (c) =>
      c.json({ items: (await store().purchases(c.req.valid('param').id)).map(purchaseView) }, 200),
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/purchases',
        operationId: 'listRecentPurchases',
        tags: ['ledger'],
        summary: "Every customer's package purchases, newest first (the NOC's recent purchases)",
        request: {
          query: z.object({
            limit: z.coerce
              .number()
              .int()
              .min(1)
              .max(1000)
              .default(100)
              .openapi({ description: 'at most this many (1..1000, default 100)' }),
          }),
        },
        responses: {
          200: json(z.object({ items: z.array(PurchaseSchema) }), 'purchases, newest first'),
          ...ERRORS,
        },
      }),
    ),
    async (c) =>
      c.json(
        { items: (await store().recentPurchases(c.req.valid('query').limit)).map(purchaseView) },
        200,
      ),
  );
}
