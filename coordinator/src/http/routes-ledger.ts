import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../ledger/types.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

/** The ledger as a whole: its invariant that all balances sum to zero. */
export function registerLedgerRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; ledger: Pick<Ledger, 'totalOfAllBalances'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/ledger/total',
        operationId: 'getLedgerTotal',
        tags: ['ledger'],
        summary: 'Sum of all balances (always 0)',
        responses: { 200: json(z.object({ totalMicroTokens: z.number() }), 'the sum'), ...ERRORS },
      }),
    ),
    async (c) => c.json({ totalMicroTokens: await d.ledger.totalOfAllBalances() }, 200),
  );
}
