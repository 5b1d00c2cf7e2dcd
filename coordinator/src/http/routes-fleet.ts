import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { Ledger } from '../ledger/types.js';
import type { TokenEntry } from './auth.js';
import { ApiNotFoundError } from './errors.js';
import { ERRORS, gate, type ApiApp } from './openapi-app.js';
import { pageByKey, pageOf, pageQuery } from './pagination.js';
import { SiteIdParam, SiteSchema, TariffSchema, TelemetryPointSchema } from './schemas.js';
import { siteView, vendorsOf } from '../noc/site-view.js';
import type { TelemetryHistory } from '../noc/telemetry-history.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const notFound = { 404: { description: 'no such site', content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } } };

/** Sites: list (filters + keyset pages), one site, its tariff, its telemetry history, its earnings, revocation. */
export function registerFleetRoutes(app: ApiApp, d: {
  tokens: readonly TokenEntry[]; registry: FleetRegistry; sites: SiteStore; ledger: Ledger; history: TelemetryHistory;
  /** Revokes in the database and cuts the site off on this replica (the others follow via the change feed). */
  revokeSite: (siteId: string) => Promise<{ revokedAtMs: number; already: boolean } | undefined>;
}): void {
  const t = d.tokens;
  const getSite = (id: string) => {
    const s = d.registry.get(id);
    if (!s) throw new ApiNotFoundError('site', id);
    return s;
  };

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/sites', tags: ['fleet'], summary: 'List sites',
    request: { query: pageQuery.extend({
      state: z.enum(['online', 'degraded', 'draining', 'offline', 'unknown']).optional(),
      region: z.string().max(64).optional(),
      vendor: z.string().max(64).optional(),
    }) },
    responses: { 200: json(pageOf(SiteSchema).extend({ counts: z.record(z.string(), z.number()), regions: z.array(z.string()), vendors: z.array(z.string()) }), 'a page of sites, sorted by id'), ...ERRORS },
  })), (c) => {
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
    return c.json({ items: page.items.map((s) => siteView(s, now)), nextCursor: page.nextCursor, counts: d.registry.countByState(), regions, vendors }, 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/fleet/map', tags: ['fleet'], summary: 'Every site as a compact row for the fleet map: [siteId, lat, lon, state, region, vendors]',
    responses: { 200: json(z.object({ sites: z.array(z.tuple([z.string(), z.number(), z.number(), z.string(), z.string(), z.array(z.string())])) }), 'all sites (not paginated: one small row per site)'), ...ERRORS },
  })), (c) => {
    const sites: [string, number, number, string, string, string[]][] = [];
    for (const s of d.registry.all()) sites.push([s.siteId, s.lat, s.lon, s.state, s.region, vendorsOf(s)]);
    return c.json({ sites }, 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/sites/{id}', tags: ['fleet'], summary: 'One site',
    request: { params: SiteIdParam },
    responses: { 200: json(SiteSchema, 'the site'), ...notFound, ...ERRORS },
  })), (c) => c.json(siteView(getSite(c.req.valid('param').id)), 200));

  app.openapi(gate(t, 'operator', createRoute({
    method: 'put', path: '/api/v1/sites/{id}/tariff', tags: ['fleet'], summary: 'Set a site\'s time-of-use power tariff',
    request: { params: SiteIdParam, body: { content: { 'application/json': { schema: TariffSchema } }, required: true } },
    responses: { 200: json(z.object({ siteId: z.string(), tariff: TariffSchema }), 'the stored tariff'), ...notFound, ...ERRORS },
  })), async (c) => {
    const { id } = c.req.valid('param');
    const tariff = c.req.valid('json');
    if (!(await d.sites.setTariff(id, tariff))) throw new ApiNotFoundError('site', id);
    d.registry.upsertEnrolled({ siteId: id, tariff });
    return c.json({ siteId: id, tariff }, 200);
  });

  app.openapi(gate(t, 'operator', createRoute({
    method: 'post', path: '/api/v1/sites/{id}/revoke', tags: ['fleet'],
    summary: 'Revoke a site for good (a stolen or decommissioned box): its credentials stop working on every replica, its links are closed and its leases fail over; it must enroll again with a new code',
    request: { params: SiteIdParam },
    responses: {
      200: json(z.object({ siteId: z.string(), revokedAtMs: z.number().int(), already: z.boolean().describe('true if it had been revoked before (revokedAtMs is then the first time)') }), 'the site is revoked'),
      ...notFound, ...ERRORS,
    },
  })), async (c) => {
    const { id } = c.req.valid('param');
    const r = await d.revokeSite(id);
    if (!r) throw new ApiNotFoundError('site', id);
    return c.json({ siteId: id, ...r }, 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/sites/{id}/telemetry', tags: ['fleet'], summary: 'Recent telemetry samples of a site (ring buffer, oldest first)',
    request: { params: SiteIdParam },
    responses: { 200: json(z.object({ siteId: z.string(), points: z.array(TelemetryPointSchema) }), 'samples'), ...notFound, ...ERRORS },
  })), (c) => {
    const s = getSite(c.req.valid('param').id);
    return c.json({ siteId: s.siteId, points: d.history.points(s.siteId) }, 200);
  });

  app.openapi(gate(t, 'viewer', createRoute({
    method: 'get', path: '/api/v1/sites/{id}/earnings', tags: ['ledger'], summary: 'µT credited to a site',
    request: { params: SiteIdParam },
    responses: { 200: json(z.object({ siteId: z.string(), microTokens: z.number() }), 'earnings'), ...ERRORS },
  })), async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ siteId: id, microTokens: await d.ledger.siteEarnings(id) }, 200);
  });
}
