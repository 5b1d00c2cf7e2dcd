import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../ledger/types.js';
import type { Reconciler } from '../ledger/index.js';
import type { TokenEntry } from './auth.js';
import { httpError } from './errors.js';
import { ERRORS, gate, json, type ApiApp } from './openapi-app.js';
import { offsetOf, pageByOffset, pageOf, pageQuery } from './pagination.js';
import { ErrorSchema, RunIdParam, RunSchema } from './schemas.js';

/** Reconciliation runs: run one now, list the recent ones, read one run's per-site report. */
export function registerReconciliationRoutes(
  app: ApiApp,
  d: {
    tokens: readonly TokenEntry[];
    ledger: Pick<Ledger, 'listRuns' | 'getRun'>;
    reconciler: Pick<Reconciler, 'runNow'>;
  },
): void {
  const t = d.tokens;
  app.openapi(
    gate(
      t,
      'operator',
      createRoute({
        method: 'post',
        path: '/api/v1/reconcile',
        operationId: 'runReconciliation',
        tags: ['reconciliation'],
        summary: 'Run reconciliation now (or join the run in progress)',
        responses: { 200: json(RunSchema, "the run's report"), ...ERRORS },
      }),
    ),
    async (c) => c.json(await d.reconciler.runNow(), 200),
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/reconciliation/runs',
        operationId: 'listReconciliationRuns',
        tags: ['reconciliation'],
        summary: 'Recent reconciliation runs, newest first (the last 1,000)',
        request: {
          query: pageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
        },
        responses: { 200: json(pageOf(RunSchema), 'a page of runs'), ...ERRORS },
      }),
    ),
    async (c) => {
      const q = c.req.valid('query');
      // Fetch one more than the page so nextCursor knows whether more exist.
      const runs = await d.ledger.listRuns(Math.min(1000, offsetOf(q.cursor) + q.limit + 1));
      return c.json(pageByOffset(runs, q.cursor, q.limit), 200);
    },
  );

  app.openapi(
    gate(
      t,
      'viewer',
      createRoute({
        method: 'get',
        path: '/api/v1/reconciliation/runs/{runId}',
        operationId: 'getReconciliationRun',
        tags: ['reconciliation'],
        summary: "One reconciliation run's per-site report",
        request: { params: RunIdParam },
        responses: {
          200: json(RunSchema, "the run's report"),
          404: json(ErrorSchema, 'no such run (a run with nothing to do is not kept)'),
          ...ERRORS,
        },
      }),
    ),
    async (c) => {
      const { runId } = c.req.valid('param');
      const run = await d.ledger.getRun(runId);
      if (!run)
        return c.json(
          httpError(
            'NOT_FOUND',
            `no reconciliation run ${runId} (a run with nothing to do is not kept)`,
          ),
          404,
        );
      return c.json(run, 200);
    },
  );
}
