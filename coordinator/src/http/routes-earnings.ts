import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../ledger/types.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { SiteIdParam } from './schemas.js';

/** A site's earnings: the µT the ledger credited to it. */
export function registerEarningsRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; ledger: Pick<Ledger, 'siteEarnings'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/sites/{id}/earnings',
        operationId: 'getSiteEarnings',
        tags: ['ledger'],
        summary: 'µT credited to a site',
        request: { params: SiteIdParam },
        responses: {
          200: json(z.object({ siteId: z.string(), microTokens: z.number() }), 'earnings'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ siteId: id, microTokens: await d.ledger.siteEarnings(id) }, 200);
    },
  );
}
