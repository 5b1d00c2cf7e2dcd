import { createRoute, z } from '@hono/zod-openapi';
import type { FleetRegistry } from '../fleet/registry.js';
import { freshReputation } from '../spot-checks/reputation-store.js';
import type { SpotChecks } from '../spot-checks/spot-checks.js';
import type { TokenEntry } from './auth.js';
import { ApiBadRequestError, ApiNotFoundError } from './errors.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { SITE_NOT_FOUND } from './routes-sites.js';
import { SiteIdParam } from './schemas.js';

export interface ReputationRouteDeps {
  tokens: readonly TokenEntry[];
  registry: Pick<FleetRegistry, 'get' | 'all'>;
  /** Absent in apps built without the spot-check room (unit tests): the routes then answer 404. */
  spotChecks?: Pick<SpotChecks, 'list' | 'get' | 'reinstate' | 'checkSite' | 'disputeBalance'>;
}

const ReputationSchema = z
  .object({
    siteId: z.string(),
    reputation: z.number().openapi({ description: 'in [0, 1]; 1 = never failed a canary' }),
    drained: z.boolean().openapi({
      description: 'below the threshold: not routable, earnings held on dispute, until reinstated',
    }),
    passes: z.number().int(),
    wrong: z.number().int(),
    slow: z.number().int(),
    errors: z.number().int(),
    lastVerdict: z.enum(['pass', 'wrong', 'slow', 'error']).nullable(),
    lastDetail: z.string().nullable(),
    lastCheckMs: z.number().int(),
    drainedAtMs: z.number().int().nullable(),
    reinstatedAtMs: z.number().int().nullable(),
    reinstatedBy: z.string().nullable(),
  })
  .openapi('SiteReputation');

const CanarySchema = z
  .object({
    siteId: z.string(),
    model: z.string(),
    verdict: z.enum(['pass', 'wrong', 'slow', 'error', 'skipped']),
    detail: z.string().optional(),
    wallMs: z.number().optional(),
    billedMs: z.number().optional(),
    envelopeMs: z.number().optional(),
    microTokens: z.number().int().optional(),
  })
  .openapi('SpotCheckResult');

type Rep = Awaited<ReturnType<SpotChecks['get']>>;
const view = (r: Rep) => ({
  siteId: r.siteId,
  reputation: r.reputation,
  drained: r.quarantined,
  passes: r.passes,
  wrong: r.wrong,
  slow: r.slow,
  errors: r.errors,
  lastVerdict: r.lastVerdict,
  lastDetail: r.lastDetail,
  lastCheckMs: r.lastCheckMs,
  drainedAtMs: r.quarantinedAtMs,
  reinstatedAtMs: r.reinstatedAtMs,
  reinstatedBy: r.reinstatedBy,
});

/**
 * Spot-check reputation (docs/verification.md, "Spot-checks"): every site's score, one canary on
 * demand, and the operator's decision on a drained site (reinstate it; pay, reject or keep what its
 * dispute account holds).
 */
export function registerReputationRoutes(app: ApiApp, d: ReputationRouteDeps): void {
  const t = d.tokens;
  const checks = (): NonNullable<ReputationRouteDeps['spotChecks']> => {
    if (!d.spotChecks) throw new ApiNotFoundError('service', 'spot-checks');
    return d.spotChecks;
  };
  const known = (id: string): void => {
    if (!d.registry.get(id)) throw new ApiNotFoundError('site', id);
  };

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/reputation',
        operationId: 'listSiteReputation',
        tags: ['verification'],
        summary: "Every site's spot-check reputation, lowest first (sites never checked are at 1)",
        responses: {
          200: json(
            z.object({ items: z.array(ReputationSchema), nextCursor: z.null() }),
            'every site (one page)',
          ),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const rows = new Map((await checks().list()).map((r) => [r.siteId, r]));
      const items = [...d.registry.all()].map((s) =>
        view(rows.get(s.siteId) ?? freshReputation(s.siteId)),
      );
      items.sort((a, b) => a.reputation - b.reputation || (a.siteId < b.siteId ? -1 : 1));
      return c.json({ items, nextCursor: null }, 200);
    },
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/sites/{id}/reputation',
        operationId: 'getSiteReputation',
        tags: ['verification'],
        summary: "A site's spot-check reputation and what its dispute account holds",
        request: { params: SiteIdParam },
        responses: {
          200: json(ReputationSchema.extend({ disputedMicroTokens: z.number().int() }), 'the site'),
          ...SITE_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      known(id);
      const r = await checks().get(id);
      const disputedMicroTokens = await checks().disputeBalance(id);
      return c.json({ ...view(r), disputedMicroTokens }, 200);
    },
  );

  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/sites/{id}/spot-check',
        operationId: 'runSpotCheck',
        tags: ['verification'],
        summary:
          'Send one canary to a site now (through an ordinary lease on the spot-check account) and fold its verdict into the reputation',
        request: { params: SiteIdParam },
        responses: {
          200: json(
            CanarySchema.extend({ reputation: z.number() }),
            'the verdict and the reputation after it',
          ),
          ...SITE_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      known(id);
      const r = await checks().checkSite(id);
      if (!r) throw new ApiNotFoundError('checked model on site', id);
      const after = await checks().get(id);
      return c.json({ ...r, reputation: after.reputation }, 200);
    },
  );

  app.openapi(
    gate(
      t,
      'admin',
      createRoute({
        method: 'post',
        path: '/api/v1/sites/{id}/reinstate',
        operationId: 'reinstateSite',
        tags: ['verification'],
        summary:
          "An operator's decision on a site drained by its reputation: routable again, and its dispute account paid to it, returned to the mint, or kept",
        request: {
          params: SiteIdParam,
          body: {
            content: {
              'application/json': {
                schema: z.object({
                  disputed: z.enum(['keep', 'pay', 'reject']).default('keep').openapi({
                    description:
                      "what the site's dispute account holds: pay it to the site, reject it (back to the mint), or keep it for a later decision",
                  }),
                }),
              },
            },
            required: false,
          },
        },
        responses: {
          200: json(
            z.object({
              reputation: ReputationSchema,
              dispute: z.object({ resolved: z.number().int(), left: z.number().int() }).nullable(),
            }),
            'the site is routable again',
          ),
          ...SITE_NOT_FOUND,
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      known(id);
      const body = (await c.req.json().catch(() => ({}))) as { disputed?: unknown };
      const parsed = z.enum(['keep', 'pay', 'reject']).default('keep').safeParse(body.disputed);
      if (!parsed.success) throw new ApiBadRequestError('disputed must be keep, pay or reject');
      const disputed = parsed.data;
      const r = await checks().reinstate(id, { by: c.get('principal'), disputed });
      return c.json({ reputation: view(r.reputation), dispute: r.dispute }, 200);
    },
  );
}
