import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('customer API key routes (real coordinator)', () => {
  let c: Coord;
  const call = async (
    method: string,
    path: string,
    o: { role?: 'viewer' | 'operator'; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await c.call(method, path, o);
    const text = await res.text();
    return {
      status: res.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      body: (text ? JSON.parse(text) : null) as Record<string, any> | null,
    };
  };
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  it('issues (with or without a body), lists and revokes keys; the token is shown once', async () => {
    const a = await call('POST', '/api/v1/customers/fleet-a/api-keys', {
      role: 'operator',
      body: { note: 'gateway eu-1' },
    });
    expect(a).toMatchObject({
      status: 201,
      body: {
        customerId: 'fleet-a',
        keyId: expect.stringMatching(/^k-/) as string,
        token: expect.stringMatching(/^efk_/) as string,
      },
    });
    const b = await call('POST', '/api/v1/customers/fleet-a/api-keys', { role: 'operator' });
    expect(b.status).toBe(201);
    const listed = await call('GET', '/api/v1/customers/fleet-a/api-keys', { role: 'operator' });
    expect(listed.status).toBe(200);
    expect(listed.body?.nextCursor).toBeNull();
    const items = listed.body?.items as {
      keyId: string;
      note: string;
      revokedAtMs: number | null;
      token?: string;
    }[];
    expect(items.map((k) => [k.keyId, k.note]).sort()).toEqual(
      [
        [a.body?.keyId, 'gateway eu-1'],
        [b.body?.keyId, ''],
      ].sort(),
    );
    expect(items.every((k) => k.token === undefined && k.revokedAtMs === null)).toBe(true);

    expect(
      await call('DELETE', `/api/v1/customers/fleet-a/api-keys/${String(a.body?.keyId)}`, {
        role: 'operator',
      }),
    ).toEqual({ status: 204, body: null });
    const again = await call(
      'DELETE',
      `/api/v1/customers/fleet-a/api-keys/${String(a.body?.keyId)}`,
      { role: 'operator' },
    );
    expect(again).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_API_KEY' } } });
    const after = (await call('GET', '/api/v1/customers/fleet-a/api-keys', { role: 'operator' }))
      .body?.items as { keyId: string; revokedAtMs: number | null }[];
    expect(after.find((k) => k.keyId === a.body?.keyId)?.revokedAtMs).toBeGreaterThan(0);
  });

  it('refuses bad ids and bodies with INVALID_ARGUMENT, and callers without the operator role', async () => {
    const badId = await call('POST', '/api/v1/customers/.x/api-keys', {
      role: 'operator',
      body: {},
    });
    expect(badId).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('id: must be 1–128') as string,
        },
      },
    });
    expect(await call('GET', '/api/v1/customers/.x/api-keys', { role: 'operator' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT' } },
    });
    expect(
      await call('DELETE', '/api/v1/customers/fleet-a/api-keys/.k', { role: 'operator' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    expect(
      await call('POST', '/api/v1/customers/fleet-a/api-keys', { role: 'operator', body: '{nope' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    const long = await call('POST', '/api/v1/customers/fleet-a/api-keys', {
      role: 'operator',
      body: { note: 'x'.repeat(201) },
    });
    expect(long).toMatchObject({
      status: 400,
      body: {
        error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('note') as string },
      },
    });
    expect((await call('POST', '/api/v1/customers/fleet-a/api-keys', { body: {} })).status).toBe(
      401,
    );
    expect(
      (await call('GET', '/api/v1/customers/fleet-a/api-keys', { role: 'viewer' })).status,
    ).toBe(403);
  });
});
