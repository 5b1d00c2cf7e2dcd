import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('health probes: /livez (and /healthz) and /readyz', () => {
  let c: Coord;
  beforeAll(async () => {
    c = await startTestCoordinator();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('/livez and its old name /healthz answer 200 without a token', async () => {
    for (const path of ['/livez', '/healthz']) {
      const r = await c.call('GET', path);
      expect(r.status, path).toBe(200);
      expect(await r.json(), path).toMatchObject({ status: 'pass', ok: true, sites: 0 });
    }
  });

  it('/readyz answers 200 naming the database, broker and gRPC checks, each passing', async () => {
    const r = await c.call('GET', '/readyz');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe('pass');
    expect(Object.keys(body.checks).sort()).toEqual(['broker', 'database', 'grpc']);
    for (const [name, check] of Object.entries(body.checks))
      expect(check.status, name).toBe('pass');
  });

  it('with its database gone: /readyz 503 names the database; /livez stays 200', async () => {
    await c.db.close();
    const r = await c.call('GET', '/readyz');
    expect(r.status).toBe(503);
    const body = (await r.json()) as {
      status: string;
      checks: Record<string, { status: string; reason?: string }>;
    };
    expect(body.status).toBe('fail');
    expect(body.checks.database).toMatchObject({ status: 'fail' });
    expect(body.checks.database?.reason).toBeTruthy();
    expect(body.checks.broker?.status).toBe('pass');
    expect(body.checks.grpc?.status).toBe('pass');
    expect((await c.call('GET', '/livez')).status).toBe(200);
  });
});
