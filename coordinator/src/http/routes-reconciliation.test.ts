import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLease, T0, TestChain } from '../ledger/ledger.test-support.js';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('reconciliation routes (real coordinator, PGlite ledger)', () => {
  let c: Coord;
  const call = async (method: string, path: string, role?: 'viewer' | 'operator') => {
    const res = await c.call(method, path, { role });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  it('serves one run by id, the recent runs, and clear errors', async () => {
    const l = await openLease(c.ledger, { topUp: 10_000, hold: 5_000 });
    await c.ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [1, 2, 3]));
    const run = await c.ledger.reconcile(T0 + 10_000);

    const r = await call('GET', `/api/v1/reconciliation/runs/${run.runId}`, 'viewer');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ runId: run.runId, sites: run.sites });
    const runs = await call('GET', '/api/v1/reconciliation/runs?limit=1', 'viewer');
    expect(runs.body).toMatchObject({ items: [{ runId: run.runId }], nextCursor: null });

    const missing = await call('GET', '/api/v1/reconciliation/runs/nope', 'viewer');
    expect(missing).toMatchObject({
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: 'no reconciliation run nope (a run with nothing to do is not kept)',
        },
      },
    });
    expect(await call('GET', '/api/v1/reconciliation/runs/.bad', 'viewer')).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT' } },
    });
    expect((await call('GET', `/api/v1/reconciliation/runs/${run.runId}`)).status).toBe(401);
    expect((await call('POST', '/api/v1/reconcile', 'viewer')).status).toBe(403);
    expect((await call('POST', '/api/v1/reconcile', 'operator')).status).toBe(200);
  });
});
