import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { pb, type edgefleet } from '@edgefleet/proto';
import { FleetRegistry } from '../fleet/registry.js';
import { makeKeyFileUnremovable } from '../keys/keys.test-support.js';
import { createdAtMs, SigningKeyRing } from '../keys/signing-keys.js';
import { createCoordinatorMetrics } from '../metrics.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../transport/embedded-broker.js';
import { SiteConfigPublisher } from './site-config.js';

const SITE = 'site-cfg-1';
const SECRET = 'a-site-secret';

describe('SiteConfigPublisher (embedded broker, a site connected over MQTT)', () => {
  let broker: EmbeddedBroker;
  let site: MqttClient;
  const received: edgefleet.v1.SiteConfig[] = [];
  let waiters: (() => void)[] = [];
  /** The next config the site receives (the retained one on subscribe, then each publish). */
  const nextConfig = (count: number) =>
    new Promise<edgefleet.v1.SiteConfig>((resolve) => {
      const check = () => {
        if (received.length >= count) resolve(received[count - 1] as edgefleet.v1.SiteConfig);
        else waiters.push(check);
      };
      check();
    });
  const registry = new FleetRegistry({
    telemetryStaleMs: 5000,
    offlineAfterMs: 15_000,
    autonomyWindowMs: 10_000,
  });
  const keys = SigningKeyRing.open(undefined);
  let configs: SiteConfigPublisher;

  beforeAll(async () => {
    broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      auth: { verify: (id, s) => id === SITE && s.toString() === SECRET },
      metrics: createCoordinatorMetrics(),
      log: createLogger('test', 'error'),
    });
    configs = new SiteConfigPublisher({
      bus: broker.bus,
      registry,
      keys,
      log: createLogger('test', 'error'),
      metrics: createCoordinatorMetrics(),
    });
    registry.upsertEnrolled({
      siteId: SITE,
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }],
    });
  });
  afterAll(async () => {
    await site?.endAsync();
    await broker?.close();
  });

  it('publishes a retained config that a site connecting later receives, with the keys and the tariff', async () => {
    expect(await configs.publishAll()).toBe(1);
    site = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: SITE,
      username: SITE,
      password: SECRET,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    site.on('message', (_topic, payload) => {
      received.push(pb.SiteConfig.decode(payload));
      const w = waiters;
      waiters = [];
      for (const fn of w) fn();
    });
    await site.subscribeAsync(`edgefleet/v1/site/${SITE}/config`, { qos: 1 });
    const cfg = await nextConfig(1);
    expect(cfg.signing_keys.map((k) => k.kid)).toEqual([keys.current.kid]);
    expect(cfg.tariff?.windows?.map((w) => [w.start_hour, w.end_hour, w.price_per_kwh])).toEqual([
      [0, 24, 0.2],
    ]);
  });

  it('republishes after a tariff change (sync) and only then', async () => {
    configs.sync(); // nothing changed since publishAll
    registry.upsertEnrolled({
      siteId: SITE,
      tariff: [
        { startHour: 0, endHour: 12, pricePerKwh: 0.1 },
        { startHour: 12, endHour: 24, pricePerKwh: 0.3 },
      ],
    });
    configs.sync();
    configs.sync(); // the change is sent once
    const cfg = await nextConfig(2);
    expect(cfg.tariff?.windows?.map((w) => w.price_per_kwh)).toEqual([0.1, 0.3]);
    // A marker publish: had sync sent more than once, a duplicate would arrive before it.
    await configs.publish(SITE);
    await nextConfig(3);
    expect(received).toHaveLength(3);
  });

  it('sends every site the full key set after a rotation, and the shorter one after retirement', async () => {
    const old = keys.current.kid;
    const r = await configs.rotateKeys();
    expect(r.sites).toBe(1);
    expect(r.published).toEqual([old, r.kid]);
    expect((await nextConfig(4)).signing_keys.map((k) => k.kid)).toEqual([old, r.kid]);
    expect(configs.retireKeys(60_000, Date.now())).toEqual([]); // the new key is too young: nothing retires
    expect(configs.retireKeys(0, Date.now() + 1)).toEqual([old]);
    expect((await nextConfig(5)).signing_keys.map((k) => k.kid)).toEqual([r.kid]);
  });

  it('keeps going when a retired key file cannot be removed (read-only keys directory): logged, counted, retired, republished', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ef-keys-ro-'));
    const ring = SigningKeyRing.open(dataDir);
    const metrics = createCoordinatorMetrics();
    const log = createLogger('test', 'silent');
    const logged = vi.spyOn(log, 'error');
    const roConfigs = new SiteConfigPublisher({
      bus: broker.bus,
      registry,
      keys: ring,
      log,
      metrics,
    });
    const old = ring.current.kid;
    const next = (await roConfigs.rotateKeys()).kid;
    await nextConfig(6);
    const pinned = makeKeyFileUnremovable(dataDir, old);
    try {
      expect(roConfigs.retireKeys(0, createdAtMs(next) + 1)).toEqual([old]);
      expect((await nextConfig(7)).signing_keys.map((k) => k.kid)).toEqual([next]);
      const counted = await metrics.signingKeyUnlinkFailures.get();
      expect(counted.values.map((v) => v.value)).toEqual([1]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0]?.[0]).toMatchObject({
        err: { name: 'KeyFileUnlinkError', code: 'KEY_FILE_UNLINK_FAILED', data: { kid: old } },
      });
    } finally {
      pinned.restore();
    }
  });
});
