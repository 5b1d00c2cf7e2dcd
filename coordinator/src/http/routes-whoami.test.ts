import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_TOKENS, startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('who a bearer token is, and why a token is refused (real coordinator)', () => {
  let c: Coord;
  const call = async (path: string, authorization?: string) => {
    const res = await c.call('GET', path, {
      headers: authorization === undefined ? {} : { authorization },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  it("GET /api/v1/whoami names a customer key's customer and a staff token's role", async () => {
    const issued = await c.call('POST', '/api/v1/customers/fleet-w/api-keys', {
      role: 'operator',
      body: { note: 'whoami' },
    });
    const { token, keyId } = (await issued.json()) as { token: string; keyId: string };
    expect(await call('/api/v1/whoami', `Bearer ${token}`)).toEqual({
      status: 200,
      body: { kind: 'customer', customerId: 'fleet-w' },
    });
    expect(await call('/api/v1/whoami', `Bearer ${ROLE_TOKENS.installer}`)).toEqual({
      status: 200,
      body: { kind: 'staff', principal: 'installer', role: 'installer' },
    });
    await c.call('DELETE', `/api/v1/customers/fleet-w/api-keys/${keyId}`, { role: 'operator' });
    expect(await call('/api/v1/whoami', `Bearer ${token}`)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', details: { reason: 'rejected' } } },
    });
  });

  it('tells a missing token from a rejected one (and a malformed header, and a customer key on a staff route)', async () => {
    const reasons: Record<string, unknown> = {};
    const messages = new Set<string>();
    for (const [name, auth] of [
      ['missing', undefined],
      ['malformed', 'Basic dXNlcjpwYXNz'],
      ['rejected', 'Bearer not-a-token-this-coordinator-knows'],
      ['customer-key', 'Bearer efk_somebodys_fleet_key'],
    ] as const) {
      for (const path of ['/api/v1/sites', '/api/v1/whoami']) {
        const r = await call(path, auth);
        const error = r.body['error'] as { code: string; message: string; details: unknown };
        expect([r.status, error.code], `${name} ${path}`).toEqual([401, 'UNAUTHENTICATED']);
        reasons[`${name} ${path}`] = error.details;
        if (path === '/api/v1/sites') messages.add(error.message);
      }
    }
    expect(reasons).toEqual({
      'missing /api/v1/sites': { reason: 'missing' },
      'missing /api/v1/whoami': { reason: 'missing' },
      'malformed /api/v1/sites': { reason: 'malformed' },
      'malformed /api/v1/whoami': { reason: 'malformed' },
      'rejected /api/v1/sites': { reason: 'rejected' },
      'rejected /api/v1/whoami': { reason: 'rejected' },
      // A customer key opens whoami only; an unknown one there is just rejected.
      'customer-key /api/v1/sites': { reason: 'customer-key' },
      'customer-key /api/v1/whoami': { reason: 'rejected' },
    });
    expect(messages.size).toBe(4);
    const rejected = await call('/api/v1/sites', 'Bearer not-a-token-this-coordinator-knows');
    expect((rejected.body['error'] as { message: string }).message).not.toMatch(/required/);
  });
});
