import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../db/testing.js';
import { createLedger, type SqlLedger } from '../ledger/ledger.js';
import { openLease, T0, TestChain } from '../ledger/test-support.js';
import type { AuthEnv } from './auth.js';
import { registerLedgerRoutes } from './routes-ledger.js';

describe('ledger routes (real PGlite ledger, hono app)', () => {
  let t: TestDb;
  let ledger: SqlLedger;
  let app: Hono<AuthEnv>;
  const get = async (path: string, token = 'view') => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: { seq: number | null; kind: string }[]; nextCursor?: string | null } };
  };
  beforeAll(async () => {
    t = await openTestDb('pglite');
    ledger = await createLedger(t.db, { closeDb: false });
    app = new Hono<AuthEnv>();
    registerLedgerRoutes(app, { ledger, tokens: [{ token: 'view', role: 'viewer', name: 'v' }] });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('serves statements newest first with a cursor, a run by id, and clear errors', async () => {
    const l = await openLease(ledger, { topUp: 10_000, hold: 5_000 });
    await ledger.stageBurns(l.siteId, new TestChain(l.siteId).many(l.leaseId, [1, 2, 3]));
    const run = await ledger.reconcile(T0 + 10_000);

    const first = await get(`/api/v1/sites/${l.siteId}/statement?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items?.map((e) => e.seq)).toEqual([3, 2]);
    const second = await get(`/api/v1/sites/${l.siteId}/statement?limit=2&cursor=${first.body.nextCursor ?? ''}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.items?.map((e) => e.seq)).toEqual([1]);

    const cust = await get(`/api/v1/customers/${l.customerId}/statement`);
    expect(cust.body.items?.map((e) => e.kind)).toEqual(['burn', 'burn', 'burn', 'hold', 'top_up']);

    const r = await get(`/api/v1/reconciliation/runs/${run.runId}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ runId: run.runId, sites: run.sites });

    const missing = await get('/api/v1/reconciliation/runs/nope');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const bad = await get(`/api/v1/sites/${l.siteId}/statement?limit=5000&cursor=x`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(bad.body)).toContain('cursor');
    expect((await get(`/api/v1/sites/${l.siteId}/statement`, 'wrong')).status).toBe(401);
  });
});
