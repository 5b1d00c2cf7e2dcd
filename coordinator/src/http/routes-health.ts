import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import type { TokenEntry } from './auth.js';
import { gate, json, type ApiApp } from './openapi-app.js';

/** The liveness/readiness probe (no token: load balancers and kubelets call it). */
export function registerHealthRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; registry: Pick<FleetRegistry, 'size'> },
): void {
  app.openapi(
    gate(
      d.tokens,
      'public',
      createRoute({
        method: 'get',
        path: '/healthz',
        operationId: 'getHealth',
        tags: ['ops'],
        summary: 'Liveness/readiness probe',
        responses: { 200: json(z.object({ ok: z.boolean(), sites: z.number() }), 'up') },
      }),
    ),
    (c) => c.json({ ok: true, sites: d.registry.size }, 200),
  );
}
