import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SiteStore } from '../fleet/site-store.js';
import { siteView, vendorsOf } from '../noc/site-view.js';
import type { TokenEntry } from './auth.js';
import { ApiNotFoundError } from './errors.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { pageByKey, pageOf, pageQuery } from './pagination.js';
import { SiteIdParam, SiteSchema, TariffSchema } from './schemas.js';

/** The 404 of a route that names a site. */
export const SITE_NOT_FOUND = {
  404: {
    description: 'no such site',
    content: {
      'application/json': {
        schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
      },
    },
  },
};

/** Sites: list (filters + keyset pages), one site, its tariff, revocation. */
export function registerSiteRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    registry: FleetRegistry;
    sites: SiteStore;
    /** Revokes in the database and cuts the site off on this replica (the others follow via the change feed). */
    revokeSite: (siteId: string) => Promise<{ revokedAtMs: number; already: boolean } | undefined>;
  },
): void {
  const t = d.tokens;

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/sites',
        operationId: 'listSites',
        tags: ['fleet'],
        summary: 'List sites',
        request: {
          query: pageQuery.extend({
            state: z.enum(['online', 'degraded', 'draining', 'offline', 'unknown']).optional(),
            region: z.string().max(64).optional(),
            vendor: z.string().max(64).optional(),
          }),
        },
        responses: {
          200: json(
            pageOf(SiteSchema).extend({
              counts: z.record(z.string(), z.number()),
              regions: z.array(z.string()),
              vendors: z.array(z.string()),
            }),
            'a page of sites, sorted by id',
          ),
          ...ERRORS,
        },
      }),
    ),
    (c) => {
      const q = c.req.valid('query');
      const all = [...d.registry.all()];
      const regions = [...new Set(all.map((s) => s.region).filter(Boolean))].sort();
      const vendors = [...new Set(all.flatMap(vendorsOf))].sort();
      let list = all;
      if (q.state) list = list.filter((s) => s.state === q.state);
      if (q.region) list = list.filter((s) => s.region === q.region);
      if (q.vendor) list = list.filter((s) => vendorsOf(s).includes(q.vendor as string));
      list.sort((a, b) => (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0));
      const page = pageByKey(list, (s) => s.siteId, q.cursor, q.limit);
      const now = Date.now();
      return c.json(
        {
          items: page.items.map((s) => siteView(s, now)),
          nextCursor: page.nextCursor,
          counts: d.registry.countByState(),
          regions,
          vendors,
        },
        200,
      );
    },
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/sites/{id}',
        operationId: 'getSite',
        tags: ['fleet'],
        summary: 'One site',
        request: { params: SiteIdParam },
        responses: { 200: json(SiteSchema, 'the site'), ...SITE_NOT_FOUND, ...ERRORS },
      }),
    ),
    (c) => {
      const { id } = c.req.valid('param');
      const s = d.registry.get(id);
      if (!s) throw new ApiNotFoundError('site', id);
      return c.json(siteView(s), 200);
    },
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'put',
        path: '/api/v1/sites/{id}/tariff',
        operationId: 'setSiteTariff',
        tags: ['fleet'],
        summary: "Set a site's time-of-use power tariff",
        request: {
          params: SiteIdParam,
          body: { content: { 'application/json': { schema: TariffSchema } }, required: true },
        },
        responses: {
          200: json(z.object({ siteId: z.string(), tariff: TariffSchema }), 'the stored tariff'),
          ...SITE_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const tariff = c.req.valid('json');
      if (!(await d.sites.setTariff(id, tariff))) throw new ApiNotFoundError('site', id);
      d.registry.upsertEnrolled({ siteId: id, tariff });
      return c.json({ siteId: id, tariff }, 200);
    },
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/sites/{id}/revoke',
        operationId: 'revokeSite',
        tags: ['fleet'],
        summary:
          'Revoke a site for good (a stolen or decommissioned box): its credentials stop working on every replica, its links are closed and its leases fail over; it must enroll again with a new code',
        request: { params: SiteIdParam },
        responses: {
          200: json(
            z.object({
              siteId: z.string(),
              revokedAtMs: z.number().int(),
              already: z
                .boolean()
                .describe(
                  'true if it had been revoked before (revokedAtMs is then the first time)',
                ),
            }),
            'the site is revoked',
          ),
          ...SITE_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const r = await d.revokeSite(id);
      if (!r) throw new ApiNotFoundError('site', id);
      return c.json({ siteId: id, ...r }, 200);
    },
  );
}
