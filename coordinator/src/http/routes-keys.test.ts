import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePayload, pb, siteTopic, type edgefleet } from '@edgefleet/proto';
import { startTwoSiteCoordinator, type TwoSites } from './two-sites.test-support.js';

describe('key routes: rotation (real coordinator, embedded broker)', () => {
  let fx: TwoSites;
  beforeAll(async () => {
    fx = await startTwoSiteCoordinator();
  }, 60_000);
  afterAll(async () => {
    await fx?.c.close();
  });
  const call: TwoSites['call'] = (...args) => fx.call(...args);

  it('rotates the signing key (admin only) and pushes every key and the tariff on the site’s retained config topic', async () => {
    expect((await call('POST', '/api/v1/keys/rotate', 'operator')).status).toBe(403);
    const before = fx.c.leases.listHolds().length;
    const rotated = await call('POST', '/api/v1/keys/rotate', 'admin');
    expect(rotated.status).toBe(200);
    expect(rotated.body.published).toHaveLength(2);
    expect(rotated.body.published[1]).toBe(rotated.body.kid);
    expect(rotated.body.sites).toBe(2);
    expect(fx.c.leases.listHolds().length).toBe(before);

    const tariff = [
      { startHour: 0, endHour: 7, pricePerKwh: 0.08 },
      { startHour: 7, endHour: 24, pricePerKwh: 0.31 },
    ];
    expect((await call('PUT', `/api/v1/sites/${fx.near}/tariff`, 'operator', tariff)).status).toBe(
      200,
    );

    // Read the retained config as the site itself would (its own MQTT credentials).
    const client = await mqtt.connectAsync(fx.c.mqttUrl, {
      clientId: fx.near,
      username: fx.near,
      password: fx.secretNear,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    try {
      const cfg = await new Promise<edgefleet.v1.SiteConfig>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error('no config with the new tariff within 5 s')),
          5000,
        );
        client.on('message', (_topic, payload) => {
          const m = decodePayload(pb.SiteConfig, payload, 64 * 1024, 'config');
          if (m.tariff?.windows?.length === 2) {
            clearTimeout(t);
            resolve(m);
          }
        });
        client.subscribe(siteTopic(fx.near, 'config'), { qos: 1 }, (err) => err && reject(err));
      });
      expect(cfg.signing_keys.map((k) => k.kid)).toEqual(rotated.body.published);
      expect(cfg.tariff?.windows?.map((w) => [w.start_hour, w.end_hour, w.price_per_kwh])).toEqual([
        [0, 7, 0.08],
        [7, 24, 0.31],
      ]);
    } finally {
      await client.endAsync();
    }
  });
});
