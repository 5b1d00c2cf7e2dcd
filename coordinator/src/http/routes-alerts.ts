import { createRoute, z } from '@hono/zod-openapi';
import type { Noc } from '../noc/noc.js';
import type { TokenEntry } from './auth.js';
import { ApiNotFoundError } from './errors.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { pageByOffset, pageOf, pageQuery } from './pagination.js';
import { AlertSchema } from './schemas.js';

const ALERT_NOT_FOUND = {
  404: {
    description: 'no open alert with this id (never raised, or resolved since)',
    content: {
      'application/json': {
        schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
      },
    },
  },
};

/** The NOC's alerts: active (critical first) and recently resolved; an operator acknowledges one. */
export function registerAlertRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; alerts: Pick<Noc, 'listAlerts' | 'ackAlert'> },
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
    async (c) => {
      const q = c.req.valid('query');
      const list = await d.alerts.listAlerts(q.state, q.siteId);
      return c.json(pageByOffset(list, q.cursor, q.limit), 200);
    },
  );

  app.openapi(
    gate(
      d.tokens,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/alerts/{id}/ack',
        operationId: 'ackAlert',
        tags: ['ops'],
        summary:
          'Acknowledge an open alert (idempotent: the first acknowledgement is kept); webhook event alert.acked',
        request: { params: z.object({ id: z.string().min(1).max(300) }) },
        responses: {
          200: json(AlertSchema, 'the alert, acknowledged'),
          ...ALERT_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const a = await d.alerts.ackAlert(id, c.get('principal'));
      if (!a) throw new ApiNotFoundError('open alert', id);
      return c.json(a, 200);
    },
  );
}
