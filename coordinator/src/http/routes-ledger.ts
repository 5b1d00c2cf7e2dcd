import type { Hono } from 'hono';
import { z } from 'zod';
import { ENTITY_ID_PATTERN, ENTITY_ID_RULE } from '@edgefleet/proto';
import type { Ledger } from '../ledger/types.js';
import { httpError, requireRole, type AuthEnv, type TokenEntry } from './auth.js';

export interface LedgerRouteDeps {
  ledger: Pick<Ledger, 'customerStatement' | 'siteStatement' | 'getRun'>;
  tokens: readonly TokenEntry[];
}

const id = z.string().regex(ENTITY_ID_PATTERN, ENTITY_ID_RULE);
const page = z.object({
  cursor: z.string().regex(/^\d{1,15}(\.\d{1,16})?$/, 'must be a nextCursor this API returned').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; body: ReturnType<typeof httpError> };

function parse<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || '(param)', message: i.message }));
  return { ok: false, body: httpError('INVALID_ARGUMENT', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues }) };
}

/**
 * The ledger's read API (viewer role): statements with provenance, newest first, paged
 * `{items, nextCursor}`, and one reconciliation run's per-site report.
 */
export function registerLedgerRoutes(app: Hono<AuthEnv>, d: LedgerRouteDeps): void {
  const viewer = requireRole(d.tokens, 'viewer');

  app.get('/api/v1/customers/:id/statement', viewer, async (c) => {
    const p = parse(z.object({ id }).and(page), { id: c.req.param('id'), ...c.req.query() });
    if (!p.ok) return c.json(p.body, 400);
    return c.json(await d.ledger.customerStatement(p.value.id, { cursor: p.value.cursor, limit: p.value.limit }));
  });

  app.get('/api/v1/sites/:id/statement', viewer, async (c) => {
    const p = parse(z.object({ id }).and(page), { id: c.req.param('id'), ...c.req.query() });
    if (!p.ok) return c.json(p.body, 400);
    return c.json(await d.ledger.siteStatement(p.value.id, { cursor: p.value.cursor, limit: p.value.limit }));
  });

  app.get('/api/v1/reconciliation/runs/:runId', viewer, async (c) => {
    const p = parse(id, c.req.param('runId'));
    if (!p.ok) return c.json(p.body, 400);
    const run = await d.ledger.getRun(p.value);
    if (!run) return c.json(httpError('NOT_FOUND', `no reconciliation run ${p.value} (a run with nothing to do is not kept)`), 404);
    return c.json(run);
  });
}
