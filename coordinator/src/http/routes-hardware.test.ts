import { pb } from '@edgefleet/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from './auth.js';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

describe('hardware routes (real coordinator)', () => {
  let c: Coord;
  const call = async (method: string, path: string, o: { role?: Role; body?: unknown } = {}) => {
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
    for (const siteId of ['edge-a', 'edge-b']) {
      c.registry.upsertEnrolled({ siteId });
      c.registry.applyTelemetry(
        new pb.Telemetry({
          site_id: siteId,
          models: ['llama'],
          accelerators: [
            {
              vendor: 'nvidia',
              model: 'NVIDIA B200',
              serial: `${siteId}-0`,
              slots_total: 1,
              slots_free: 1,
              isolation: 'whole',
              multiplier: 2.5, // the agent's claim: never used
            },
          ],
        }),
      );
    }
  }, 120_000);
  afterAll(async () => c?.close());

  it('lists hardware no profile resolves, with the sites it keeps from routing (admin only)', async () => {
    expect((await call('GET', '/api/v1/hardware/unknown', { role: 'operator' })).status).toBe(403);
    const r = await call('GET', '/api/v1/hardware/unknown', { role: 'admin' });
    expect(r.status).toBe(200);
    expect(r.body?.items).toEqual([
      expect.objectContaining({
        vendor: 'nvidia',
        modelString: 'NVIDIA B200',
        reason: 'no_match',
        devices: 2,
        sites: ['edge-a', 'edge-b'],
      }),
    ]);
    expect(c.registry.get('edge-a')?.multiplier).toBe(0);
  });

  it('refuses a mapping to no mappable profile, naming the code', async () => {
    const r = await call('POST', '/api/v1/hardware/mappings', {
      role: 'admin',
      body: { modelString: 'NVIDIA B200', profile: 'fake-h100' },
    });
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'HARDWARE_PROFILE_UNKNOWN' } } });
    const bad = await call('POST', '/api/v1/hardware/mappings', {
      role: 'admin',
      body: { modelString: '', profile: 'h200' },
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
  });

  it('maps a model string, which resolves the sites at once and empties the list', async () => {
    const r = await call('POST', '/api/v1/hardware/mappings', {
      role: 'admin',
      body: { modelString: 'NVIDIA B200', profile: 'h200' },
    });
    expect(r).toMatchObject({
      status: 201,
      body: { modelString: 'NVIDIA B200', profileId: 'h200', createdBy: 'admin' },
    });
    expect((await call('GET', '/api/v1/hardware/unknown', { role: 'admin' })).body?.items).toEqual(
      [],
    );
    const site = c.registry.get('edge-a');
    expect(site?.unknownHardware).toEqual([]);
    expect(site?.profileIds).toContain('h200');
    expect(
      (await call('GET', '/api/v1/hardware/mappings', { role: 'admin' })).body?.items,
    ).toMatchObject([{ modelString: 'NVIDIA B200', profileId: 'h200' }]);
  });
});
