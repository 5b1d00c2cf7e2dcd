import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import type { TelemetryHistory } from '../noc/telemetry-history.js';
import type { TokenEntry } from './auth.js';
import { ApiNotFoundError } from './errors.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { SITE_NOT_FOUND } from './routes-sites.js';
import { SiteIdParam, TelemetryPointSchema } from './schemas.js';

/** A site's recent telemetry (the NOC's in-memory history). */
export function registerTelemetryRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; registry: FleetRegistry; history: TelemetryHistory },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/sites/{id}/telemetry',
        operationId: 'getSiteTelemetry',
        tags: ['fleet'],
        summary: 'Recent telemetry samples of a site (ring buffer, oldest first)',
        request: { params: SiteIdParam },
        responses: {
          200: json(
            z.object({ siteId: z.string(), points: z.array(TelemetryPointSchema) }),
            'samples',
          ),
          ...SITE_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    (c) => {
      const { id } = c.req.valid('param');
      const s = d.registry.get(id);
      if (!s) throw new ApiNotFoundError('site', id);
      return c.json({ siteId: s.siteId, points: d.history.points(s.siteId) }, 200);
    },
  );
}
