import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { decodePayload, pb, siteTopic, type edgefleet } from '@edgefleet/proto';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import type { Role } from './auth.js';

const TOKENS: Record<Role, string> = {
  viewer: 'viewer-token-0123456789abcdef', installer: 'installer-token-0123456789abcd',
  operator: 'operator-token-0123456789abcde', admin: 'admin-token-0123456789abcdefgh',
};

/** Brings a site online in the registry through the same calls ingest and EdgeControl make. */
function bringOnline(c: Coordinator, siteId: string, o: { lat: number; lon: number; rtt: Record<string, number>; slots: number }) {
  c.registry.applyStatus(new pb.SiteStatus({ site_id: siteId, inference_endpoint: `127.0.0.1:1`, lat: o.lat, lon: o.lon }), 'online');
  c.registry.setStream(siteId, true, { endpoint: '127.0.0.1:1', models: ['llama'], slotsTotal: o.slots, slotsFree: o.slots });
  c.registry.applyTelemetry(new pb.Telemetry({
    site_id: siteId, models: ['llama'], site_power_w: 1400,
    accelerators: [{ profile_id: 'h100-80gb-sxm', vendor: 'nvidia', slots_total: o.slots, slots_free: o.slots, multiplier: 1, isolation: 'whole' }],
    rtt: Object.entries(o.rtt).map(([pop_id, rtt_ms]) => ({ pop_id, rtt_ms })),
  }));
}

describe('routing routes: explain, key rotation, tariff push (real coordinator, embedded broker)', () => {
  let c: Coordinator;
  const call = async (method: string, path: string, role?: Role, body?: unknown) => {
    const res = await fetch(c.httpUrl + path, {
      method, headers: { ...(role ? { authorization: `Bearer ${TOKENS[role]}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  let near = '';
  let far = '';
  let secretNear = '';

  beforeAll(async () => {
    const config = coordinatorConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), 'ef-routing-')), http: { port: 0 }, grpc: { port: 0 }, mqtt: { port: 0 }, reconcile: { enabled: false },
      auth: { tokens: (Object.entries(TOKENS) as [Role, string][]).map(([role, token]) => ({ token, role })) },
      liveness: { telemetryStaleMs: 60_000, offlineAfterMs: 120_000 },
      routing: { pops: [{ id: 'pop-muc', lat: 48.14, lon: 11.58 }], cells: [{ cellId: '262-01-0001a2b3c', popId: 'pop-muc' }] },
    });
    c = await startCoordinator(config, { log: createLogger('test', 'error') });
    const codes = await call('POST', '/api/v1/enrollment-codes', 'installer', { count: 2 });
    const enroll = async (code: string, name: string, lat: number, lon: number) => (await call('POST', '/api/v1/enroll', undefined, { code, name, lat, lon, tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }] })).body;
    const a = await enroll(codes.body.codes[0].code, 'near', 48.15, 11.6);
    const b = await enroll(codes.body.codes[1].code, 'far', 48.3, 11.9);
    near = a.siteId;
    secretNear = a.secret;
    far = b.siteId;
    bringOnline(c, near, { lat: 48.15, lon: 11.6, rtt: { 'pop-muc': 1.5 }, slots: 2 });
    bringOnline(c, far, { lat: 48.3, lon: 11.9, rtt: { 'pop-muc': 4 }, slots: 2 });
  }, 30_000);

  afterAll(async () => {
    await c?.close();
  });

  it('explains a decision for a PoP, a cell (through the cell table) and coordinates, without acquiring', async () => {
    const byPop = await call('GET', '/api/v1/routing/explain?model=llama&popId=pop-muc', 'viewer');
    expect(byPop.status).toBe(200);
    expect(byPop.body).toMatchObject({ attachment: 'pop:pop-muc', status: 'ok', eligible: 2 });
    expect(byPop.body.winner).toMatchObject({ site_id: near, rtt_ms: 1.5, rtt_source: 'probe', price_per_kwh: 0.2, free_slots: 2, load: 0 });
    expect(byPop.body.winner.cost_micro_tokens_per_hour).toBeGreaterThan(0);
    expect(byPop.body.runner_up).toMatchObject({ site_id: far, rtt_ms: 4 });
    const byCell = await call('GET', '/api/v1/routing/explain?model=llama&cellId=262-01-0001a2b3c&maxRttMs=2', 'viewer');
    expect(byCell.body).toMatchObject({ attachment: 'cell:262-01-0001a2b3c→pop:pop-muc', eligible: 1, rejected: { beyond_rtt: 1 } });
    const byGeo = await call('GET', '/api/v1/routing/explain?model=llama&lat=48.31&lon=11.91', 'viewer');
    expect(byGeo.body.winner).toMatchObject({ site_id: far, rtt_source: 'geo' });
    expect(c.leases.liveHolds).toBe(0);
  });

  it('refuses bad explain queries with clear errors', async () => {
    expect((await call('GET', '/api/v1/routing/explain?model=llama&popId=pop-muc')).status).toBe(401);
    const noModel = await call('GET', '/api/v1/routing/explain?popId=pop-muc', 'viewer');
    expect(noModel.status).toBe(400);
    expect(noModel.body.error.message).toContain('model');
    expect((await call('GET', '/api/v1/routing/explain?model=llama&lat=48', 'viewer')).body.error.message).toContain('lat');
    const cell = await call('GET', '/api/v1/routing/explain?model=llama&cellId=nope', 'viewer');
    expect(cell.status).toBe(404);
    expect(cell.body.error.code).toBe('UNKNOWN_ATTACHMENT');
    expect((await call('GET', '/api/v1/routing/explain?model=llama&popId=pop-muc&priority=12', 'viewer')).status).toBe(400);
  });

  it('rotates the signing key (admin only) and pushes every key and the tariff on the site’s retained config topic', async () => {
    expect((await call('POST', '/api/v1/keys/rotate', 'operator')).status).toBe(403);
    const before = c.leases.listHolds().length;
    const rotated = await call('POST', '/api/v1/keys/rotate', 'admin');
    expect(rotated.status).toBe(200);
    expect(rotated.body.published).toHaveLength(2);
    expect(rotated.body.published[1]).toBe(rotated.body.kid);
    expect(rotated.body.sites).toBe(2);
    expect(c.leases.listHolds().length).toBe(before);

    const tariff = [{ startHour: 0, endHour: 7, pricePerKwh: 0.08 }, { startHour: 7, endHour: 24, pricePerKwh: 0.31 }];
    expect((await call('PUT', `/api/v1/sites/${near}/tariff`, 'operator', tariff)).status).toBe(200);

    // Read the retained config as the site itself would (its own MQTT credentials).
    const client = await mqtt.connectAsync(c.mqttUrl, { clientId: near, username: near, password: secretNear, protocolVersion: 4, reconnectPeriod: 0 });
    try {
      const cfg = await new Promise<edgefleet.v1.SiteConfig>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no config with the new tariff within 5 s')), 5000);
        client.on('message', (_topic, payload) => {
          const m = decodePayload(pb.SiteConfig, payload, 64 * 1024, 'config');
          if (m.tariff?.windows?.length === 2) {
            clearTimeout(t);
            resolve(m);
          }
        });
        client.subscribe(siteTopic(near, 'config'), { qos: 1 }, (err) => err && reject(err));
      });
      expect(cfg.signing_keys.map((k) => k.kid)).toEqual(rotated.body.published);
      expect(cfg.tariff?.windows?.map((w) => [w.start_hour, w.end_hour, w.price_per_kwh])).toEqual([[0, 7, 0.08], [7, 24, 0.31]]);
    } finally {
      await client.endAsync();
    }
  });
});
