import { createRoute } from '@hono/zod-openapi';
import type { Ledger } from '../ledger/types.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { BalanceSchema, CustomerIdParam, ErrorSchema, TopupRequest } from './schemas.js';

/** Customer balances: read one, top one up from the mint. */
export function registerBalanceRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; ledger: Pick<Ledger, 'balance' | 'topUp'> },
): void {
  const t = d.tokens;
  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/customers/{id}/balance',
        operationId: 'getCustomerBalance',
        tags: ['ledger'],
        summary: "A customer's balance in µT",
        request: { params: CustomerIdParam },
        responses: { 200: json(BalanceSchema, 'balance'), ...ERRORS },
      }),
    ),
    async (c) => c.json(await d.ledger.balance(c.req.valid('param').id), 200),
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/customers/{id}/topup',
        operationId: 'topUpCustomer',
        tags: ['ledger'],
        summary: "Mint µT onto a customer's balance (idempotent by ref)",
        request: {
          params: CustomerIdParam,
          body: { content: { 'application/json': { schema: TopupRequest } }, required: true },
        },
        responses: {
          200: json(BalanceSchema, 'the new balance'),
          409: json(ErrorSchema, 'ref already used'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const req = c.req.valid('json');
      await d.ledger.topUp(
        id,
        req.microTokens,
        req.ref ?? `api:${c.get('principal')}:${Date.now()}`,
      );
      return c.json(await d.ledger.balance(id), 200);
    },
  );
}
