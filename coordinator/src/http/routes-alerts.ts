import { createRoute, z } from '@hono/zod-openapi';
import type { AlertBook } from '../noc/alerts.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { pageByOffset, pageOf, pageQuery } from './pagination.js';
import { AlertSchema } from './schemas.js';

/** The NOC's alerts: active (critical first) and recently resolved. */
export function registerAlertRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; alerts: Pick<AlertBook, 'evaluate' | 'list'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/alerts',
        operationId: 'listAlerts',
        tags: ['ops'],
        summary: 'Alerts: active (critical first) and/or recently resolved',
        request: {
          query: pageQuery.extend({
            state: z.enum(['active', 'resolved', 'all']).default('active'),
            siteId: z.string().max(128).optional(),
          }),
        },
        responses: { 200: json(pageOf(AlertSchema), 'a page of alerts'), ...ERRORS },
      }),
    ),
    (c) => {
      const q = c.req.valid('query');
      d.alerts.evaluate();
      let list = d.alerts.list(q.state);
      if (q.siteId) list = list.filter((a) => a.siteId === q.siteId);
      return c.json(pageByOffset(list, q.cursor, q.limit), 200);
    },
  );
}
