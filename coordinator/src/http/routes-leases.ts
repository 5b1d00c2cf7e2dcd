import { createRoute, z } from '@hono/zod-openapi';
import type { LeaseService } from '../leases/lease-service.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { pageByKey, pageOf, pageQuery } from './pagination.js';
import { HoldSchema } from './schemas.js';

/** Live leases: each hold with its primary and hedge leases. */
export function registerLeaseRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; leases: Pick<LeaseService, 'listHolds'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/leases',
        operationId: 'listLeases',
        tags: ['leases'],
        summary: 'Live lease holds (primary + hedges), by hold id',
        request: {
          query: pageQuery.extend({
            siteId: z.string().max(128).optional(),
            customerId: z.string().max(128).optional(),
          }),
        },
        responses: { 200: json(pageOf(HoldSchema), 'a page of holds'), ...ERRORS },
      }),
    ),
    (c) => {
      const q = c.req.valid('query');
      let holds = d.leases.listHolds().map((h) => ({
        holdId: h.holdId,
        customerId: h.customerId,
        model: h.model,
        budget: h.budget,
        expiresAtMs: h.expiresAtMs,
        leases: h.leases.map((l) => ({
          lease_id: String(l.lease_id),
          site_id: String(l.site_id),
          endpoint: String(l.endpoint),
          expires_at_ms: Number(l.expires_at_ms),
        })),
      }));
      if (q.siteId) holds = holds.filter((h) => h.leases.some((l) => l.site_id === q.siteId));
      if (q.customerId) holds = holds.filter((h) => h.customerId === q.customerId);
      holds.sort((a, b) => (a.holdId < b.holdId ? -1 : a.holdId > b.holdId ? 1 : 0));
      return c.json(
        pageByKey(holds, (h) => h.holdId, q.cursor, q.limit),
        200,
      );
    },
  );
}
