import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAllows, type Role } from './auth.js';
import {
  appOver,
  NON_API_ROUTES,
  servedRoutes,
  startTestCoordinator,
} from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

/** Routes outside the OpenAPI document (not API operations), with who may call them. */
const EXTRA: { method: string; path: string; role: Role | 'public' }[] = NON_API_ROUTES.map((r) => {
  const [method = '', path = ''] = r.split(' ');
  return { method, path, role: 'public' };
});

describe('REST API: each role gets exactly its rights on every route', () => {
  let c: Coord;
  let routes: { method: string; path: string; role: Role | 'public' }[] = [];
  let served: string[] = [];
  let table: string[] = [];

  beforeAll(async () => {
    c = await startTestCoordinator();
    const doc = (await (await c.call('GET', '/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-edgefleet-role'?: string }>>;
    };
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        routes.push({
          method: m.toUpperCase(),
          path: p,
          role: op['x-edgefleet-role'] as Role | 'public',
        });
      }
    }
    routes = [...routes, ...EXTRA];
    // Every route the app serves must be in this table (a new route without a documented role fails here).
    const second = appOver(c);
    served = servedRoutes(second.app);
    await second.close();
    table = routes.map((r) => `${r.method} ${r.path}`);
    routes = routes.map((r) => ({ ...r, path: r.path.replace(/\{[^}]+\}/g, 'nope-1') }));
  }, 60_000);
  afterAll(async () => c?.close());

  it('has a role for every route the app serves', () => {
    expect(served.length).toBeGreaterThan(20);
    expect([...new Set(served)].sort()).toEqual([...new Set(table)].sort());
  });

  it('documents a role for every operation and covers the API', () => {
    expect(routes.length).toBeGreaterThanOrEqual(17);
    for (const r of routes) expect(['public', ...ROLES], `${r.method} ${r.path}`).toContain(r.role);
    expect(routes.filter((r) => r.role === 'public').map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/enroll', 'GET /healthz', 'GET /metrics']),
    );
  });

  it('401 without a token, 403 with a role that lacks the right, through with one that has it', async () => {
    const table: string[] = [];
    for (const r of routes) {
      // SSE would stay open; a HEAD-less check is enough: the gate answers before the stream starts.
      const body = r.method === 'GET' ? undefined : {};
      const anon = await c.call(r.method, r.path, { body });
      await anon.body?.cancel();
      table.push(
        `${r.method} ${r.path} anon → ${r.role === 'public' ? (anon.status === 401 || anon.status === 403 ? 'DENIED' : 'ok') : anon.status}`,
      );
      for (const role of ROLES) {
        const res = await c.call(r.method, r.path, { role, body });
        const status = res.status;
        if (status === 401 || status === 403) {
          const err = (await res.json()) as { error: { code: string } };
          expect(err.error.code).toBe(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        } else await res.body?.cancel();
        const allowed = r.role === 'public' || roleAllows(role, r.role);
        table.push(
          `${r.method} ${r.path} ${role} → ${allowed ? (status === 401 || status === 403 ? `DENIED ${status}` : 'ok') : status}`,
        );
      }
    }
    const expected: string[] = [];
    for (const r of routes) {
      expected.push(`${r.method} ${r.path} anon → ${r.role === 'public' ? 'ok' : 401}`);
      for (const role of ROLES)
        expected.push(
          `${r.method} ${r.path} ${role} → ${r.role === 'public' || roleAllows(role, r.role) ? 'ok' : 403}`,
        );
    }
    expect(table).toEqual(expected);
  }, 60_000);
});
