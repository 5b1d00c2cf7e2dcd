import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import { vendorsOf } from '../noc/site-view.js';
import type { TokenEntry } from './auth.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';

/** The fleet map: every site as one compact row (what the NOC map draws). */
export function registerFleetMapRoutes(
  app: ApiApp,
  d: { tokens: readonly TokenEntry[]; registry: FleetRegistry },
): void {
  app.openapi(
    gate(
      d.tokens,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/fleet/map',
        operationId: 'getFleetMap',
        tags: ['fleet'],
        summary:
          'Every site as a compact row for the fleet map: [siteId, lat, lon, state, region, vendors]',
        responses: {
          200: json(
            z.object({
              sites: z.array(
                z.tuple([
                  z.string(),
                  z.number(),
                  z.number(),
                  z.string(),
                  z.string(),
                  z.array(z.string()),
                ]),
              ),
            }),
            'all sites (not paginated: one small row per site)',
          ),
          ...ERRORS,
        },
      }),
    ),
    (c) => {
      const sites: [string, number, number, string, string, string[]][] = [];
      for (const s of d.registry.all())
        sites.push([s.siteId, s.lat, s.lon, s.state, s.region, vendorsOf(s)]);
      return c.json({ sites }, 200);
    },
  );
}
