import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchOnce,
  POLLUTION_KEYS,
  prototypeIsClean,
  ROLES,
  startHarness,
  type Harness,
  type Role,
} from './support.js';

/**
 * The coordinator's REST API: every write route fuzzed with random JSON, non-JSON and huge bodies
 * and hostile path params (no 500 for a client mistake, every error is {error:{code,message}},
 * no stack trace leaks), and a table of routes × roles for 401/403.
 */
export const RUNS = { bodies: 120, params: 100 } as const;

type Need = Role | 'public';
const ROUTES: { method: string; path: string; need: Need }[] = [
  { method: 'POST', path: '/api/v1/enroll', need: 'public' },
  { method: 'POST', path: '/api/v1/enrollment-codes', need: 'installer' },
  { method: 'PUT', path: '/api/v1/sites/{id}/tariff', need: 'operator' },
  { method: 'POST', path: '/api/v1/customers/{id}/topup', need: 'operator' },
  { method: 'POST', path: '/api/v1/packages', need: 'operator' },
  { method: 'POST', path: '/api/v1/customers/{id}/purchases', need: 'operator' },
  { method: 'POST', path: '/api/v1/reconcile', need: 'operator' },
  { method: 'POST', path: '/api/v1/keys/rotate', need: 'admin' },
  { method: 'GET', path: '/api/v1/sites', need: 'viewer' },
  { method: 'GET', path: '/api/v1/sites/{id}', need: 'viewer' },
  { method: 'GET', path: '/api/v1/sites/{id}/earnings', need: 'viewer' },
  { method: 'GET', path: '/api/v1/fleet/map', need: 'viewer' },
  { method: 'GET', path: '/api/v1/leases', need: 'viewer' },
  { method: 'GET', path: '/api/v1/customers/{id}/balance', need: 'viewer' },
  { method: 'GET', path: '/api/v1/customers/{id}/statement', need: 'viewer' },
  { method: 'GET', path: '/api/v1/packages', need: 'viewer' },
  { method: 'GET', path: '/api/v1/customers/{id}/purchases', need: 'viewer' },
  { method: 'GET', path: '/api/v1/purchases', need: 'viewer' },
  { method: 'GET', path: '/api/v1/ledger/total', need: 'viewer' },
  { method: 'GET', path: '/api/v1/reconciliation/runs', need: 'viewer' },
  { method: 'GET', path: '/api/v1/alerts', need: 'viewer' },
];
const WRITES = ROUTES.filter((r) => r.method !== 'GET' && r.path !== '/api/v1/keys/rotate');

function allows(role: Role, need: Need): boolean {
  if (need === 'public' || role === 'admin') return true;
  if (need === 'installer') return role === 'installer';
  if (need === 'viewer') return true;
  if (need === 'operator') return role === 'operator';
  return false;
}

const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+/;

function expectCleanError(status: number, text: string, body: unknown): void {
  expect(status, text.slice(0, 300)).toBeLessThan(500);
  expect(STACK.test(text), text.slice(0, 300)).toBe(false);
  if (status >= 400) {
    const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    expect(typeof e?.code, text.slice(0, 300)).toBe('string');
    expect(typeof e?.message, text.slice(0, 300)).toBe('string');
  }
}

describe('security: HTTP API', () => {
  let h: Harness;
  let siteId = '';

  beforeAll(async () => {
    h = await startHarness();
    siteId = (await h.enroll('fuzz http')).siteId;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  const fill = (path: string, id = siteId) => path.replace('{id}', encodeURIComponent(id));

  it('routes × roles: no token or an unknown token → 401, a role without the right → 403, the right role passes auth', async () => {
    const table: string[] = [];
    for (const r of ROUTES) {
      const path = fill(r.path, r.path.includes('customers') ? 'fleet-http' : siteId);
      const body =
        r.method === 'GET'
          ? undefined
          : r.path.includes('tariff')
            ? []
            : r.path.includes('topup')
              ? { microTokens: 1 }
              : {};
      if (r.need !== 'public') {
        for (const authorization of [
          undefined,
          'Bearer not-a-token-0123456789',
          `Basic ${h.tokens.admin}`,
          `Bearer ${h.tokens.admin}x`,
          'Bearer ',
        ]) {
          const res = await fetchOnce(h.coord.httpUrl + path, {
            method: r.method,
            headers: authorization ? { authorization } : {},
          });
          const text = await res.text();
          expect(res.status, `${r.method} ${r.path} with ${authorization ?? 'no token'}`).toBe(401);
          expectCleanError(res.status, text, JSON.parse(text));
        }
      }
      for (const role of ROLES) {
        const res = await h.api(r.method, path, body, h.tokens[role]);
        const ok = allows(role, r.need);
        if (ok)
          expect(
            [401, 403],
            `${role} ${r.method} ${r.path}: ${res.text.slice(0, 200)}`,
          ).not.toContain(res.status);
        else expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
        if (!ok) expect((res.body as { error: { code: string } }).error.code).toBe('FORBIDDEN');
        expectCleanError(res.status, res.text, res.body);
        table.push(`${r.method} ${r.path} ${role} → ${res.status}`);
      }
    }
    expect(table.length).toBe(ROUTES.length * ROLES.length);
  }, 60_000);

  const jsonBody = fc
    .oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(
        fc.constantFrom(
          ...POLLUTION_KEYS,
          'code',
          'name',
          'lat',
          'lon',
          'count',
          'ttlS',
          'microTokens',
          'ref',
          'tariff',
          'siteId',
          'publicKeyPem',
        ),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 6 },
      ),
      fc.record(
        {
          code: fc.string(),
          name: fc.string(),
          lat: fc.double(),
          lon: fc.double(),
          count: fc.double(),
          microTokens: fc.oneof(fc.double(), fc.integer(), fc.constant(2 ** 64)),
        },
        { requiredKeys: [] },
      ),
    )
    .map((v) => JSON.stringify(v) ?? 'null');
  const rawBody = fc.oneof(
    jsonBody,
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(
      '',
      '{',
      '[',
      'null',
      '"x"',
      '1e999',
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    ),
  );
  const contentType = fc.constantFrom(
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=utf-16',
    undefined,
  );

  it('random JSON / non-JSON bodies and content types on every write route: < 500, {error:{code,message}}, no stack traces', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITES), rawBody, contentType, async (r, body, ct) => {
        const res = await fetchOnce(
          h.coord.httpUrl + fill(r.path, r.path.includes('customers') ? 'fleet-http' : siteId),
          {
            method: r.method,
            headers: {
              authorization: `Bearer ${h.tokens.admin}`,
              ...(ct ? { 'content-type': ct } : {}),
            },
            body,
          },
        );
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expectCleanError(res.status, text, parsed);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: RUNS.bodies },
    );
    expect(seen.get(400) ?? 0).toBeGreaterThan(0);
    console.info('security/http body statuses:', Object.fromEntries(seen));
    expect(await h.coord.ledger.totalOfAllBalances()).toBe(0);
  }, 120_000);

  it('hostile path params (ids) on every route with {id}: < 500, clean errors', async () => {
    const id = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '..',
        '../../etc/passwd',
        '%00',
        '\u0000',
        'x'.repeat(5000),
        "' OR 1=1 --",
        '__proto__',
        'constructor',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES.filter((r) => r.path.includes('{id}'))),
        id,
        async (r, raw) => {
          const body =
            r.method === 'GET' ? undefined : r.path.includes('tariff') ? [] : { microTokens: 1 };
          const res = await h.api(r.method, fill(r.path, raw), body);
          expectCleanError(res.status, res.text, res.body);
        },
      ),
      { numRuns: RUNS.params },
    );
  }, 120_000);

  it('huge bodies (8 MiB, also on the public enroll route) are refused with a clean 4xx, not buffered into a crash', async () => {
    const huge = `{"name":"${'x'.repeat(8 * 1024 * 1024)}"}`;
    for (const r of WRITES) {
      const token = r.need === 'public' ? null : h.tokens.admin;
      const res = await h.api(
        r.method,
        fill(r.path, r.path.includes('customers') ? 'fleet-http' : siteId),
        huge,
        token,
      );
      expect(res.status, `${r.method} ${r.path}`).toBeGreaterThanOrEqual(400);
      expectCleanError(res.status, res.text, res.body);
    }
    const health = await h.api('GET', '/healthz', undefined, null);
    expect(health.status).toBe(200);
  }, 60_000);
});
