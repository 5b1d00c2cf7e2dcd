import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoordinator } from './coordinator.test-support.js';

describe('GET /api/v1/fleet/queue (real coordinator)', () => {
  let c: Awaited<ReturnType<typeof startTestCoordinator>>;
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => {
    await c?.close();
  });

  it('needs a token, and says the queue was never used (no points, no figures) with its limits', async () => {
    expect((await c.call('GET', '/api/v1/fleet/queue')).status).toBe(401);
    const res = await c.call('GET', '/api/v1/fleet/queue', { role: 'viewer' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      used: false,
      bucketMs: 60_000,
      points: [],
      now: { waiting: 0, customers: [], maxWaiting: c.config.leases.queue.maxWaiting },
      hour: { granted: 0, waitP50Ms: null, outcomes: { granted: 0, timeout: 0, full: 0 } },
    });
  });

  it('serves what the queue history recorded: a point a minute with outcomes and wait percentiles', async () => {
    const now = Date.now();
    c.noc.queue.record({ outcome: 'granted', customerId: 'acme', waitedMs: 120, atMs: now });
    c.noc.queue.record({ outcome: 'timeout', customerId: 'acme', waitedMs: 5000, atMs: now });
    const body = (await (
      await c.call('GET', '/api/v1/fleet/queue', { role: 'viewer' })
    ).json()) as {
      used: boolean;
      points: { t: number; granted: number; waitP95Ms: number | null }[];
      hour: { outcomes: Record<string, number> };
    };
    expect(body.used).toBe(true);
    expect(body.points.at(-1)).toMatchObject({ granted: 1, waitP95Ms: 120 });
    expect(body.hour.outcomes).toMatchObject({ granted: 1, timeout: 1 });
  });

  it('is declared in the OpenAPI document', async () => {
    const doc = (await (await c.call('GET', '/api/v1/openapi.json')).json()) as {
      paths: Record<string, { get?: { operationId?: string } }>;
    };
    expect(doc.paths['/api/v1/fleet/queue']?.get?.operationId).toBe('getFleetQueue');
  });
});
