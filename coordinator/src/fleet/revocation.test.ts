import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { openTestDb, type TestDb } from '../db/db.test-support.js';
import { FleetRegistry, type StateChange } from './registry.js';
import { REVOKED_REASON, SiteRevocation } from './revocation.js';
import { SiteStore } from './site-store.js';

const log = createLogger('test', 'error');

/** A site's open links of one kind (EdgeControl streams, MQTT connections): which were cut, and why. */
class Links {
  readonly open = new Set<string>();
  readonly cut: [string, string][] = [];
  disconnect(siteId: string, why: string): boolean {
    this.cut.push([siteId, why]);
    return this.open.delete(siteId);
  }
}

// The real EdgeControl and broker cut-offs are covered end to end by test/security/site-revoke.test.ts.
describe('SiteRevocation (PGlite site store)', () => {
  let t: TestDb;
  let sites: SiteStore;
  const registry = new FleetRegistry({
    telemetryStaleMs: 5000,
    offlineAfterMs: 15_000,
    autonomyWindowMs: 10_000,
  });
  const streams = new Links();
  const mqttLinks = new Links();
  let revocation: SiteRevocation;

  const enroll = async (name: string) => {
    const [code] = await sites.issueCodes(1, 60_000, 'test');
    const { site, secret } = await sites.enroll({
      code: code?.code ?? '',
      name,
      region: 'eu',
      lat: 50,
      lon: 8,
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }],
    });
    registry.upsertEnrolled(site);
    return { siteId: site.siteId, secret };
  };

  beforeAll(async () => {
    t = await openTestDb('pglite');
    sites = new SiteStore(t.db);
    revocation = new SiteRevocation({ sites, registry, log, stream: streams, mqtt: mqttLinks });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('forgets the secret, closes the stream and the MQTT connection, and takes the site out of the registry', async () => {
    const { siteId, secret } = await enroll('revoke-me');
    streams.open.add(siteId);
    mqttLinks.open.add(siteId);
    const changes: StateChange[] = [];
    registry.on('state', (c) => changes.push(c));

    const r = await revocation.revoke(siteId);
    expect(r).toMatchObject({ already: false });
    expect(sites.verify(siteId, secret)).toBe(false);
    expect(registry.get(siteId)).toBeUndefined();
    expect(changes.map((c) => [c.siteId, c.to])).toEqual([[siteId, 'offline']]);
    expect(streams.cut).toEqual([[siteId, REVOKED_REASON]]);
    expect(mqttLinks.cut).toEqual([[siteId, REVOKED_REASON]]);
    expect([streams.open.size, mqttLinks.open.size]).toEqual([0, 0]);

    // Again (the feed delivers the same revocation): nothing left to close, nothing fails.
    expect(await revocation.revoke(siteId)).toMatchObject({
      already: true,
      revokedAtMs: r?.revokedAtMs,
    });
    revocation.applyChange({ seq: 1, siteId, tariff: [], revokedAtMs: r?.revokedAtMs ?? 0 });
    expect(registry.get(siteId)).toBeUndefined();
    expect(changes).toHaveLength(1);
  });

  it('cuts off a site revoked on another replica when its change arrives, and applies a tariff change', async () => {
    const a = await enroll('revoked-elsewhere');
    const b = await enroll('new-tariff');
    const before = registry.get(b.siteId)?.tariff;
    revocation.applyChange({
      seq: 2,
      siteId: b.siteId,
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }],
    });
    expect(registry.get(b.siteId)?.tariff).toBe(before); // the same windows: left as they are
    revocation.applyChange({
      seq: 3,
      siteId: b.siteId,
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.4 }],
    });
    expect(registry.get(b.siteId)?.tariff).toEqual([
      { startHour: 0, endHour: 24, pricePerKwh: 0.4 },
    ]);

    revocation.applyChange({ seq: 4, siteId: a.siteId, tariff: [], revokedAtMs: Date.now() });
    expect(sites.verify(a.siteId, a.secret)).toBe(false);
    expect(registry.get(a.siteId)).toBeUndefined();
    expect(registry.get(b.siteId)).toBeDefined();
  });

  it('revokes nothing for a site never enrolled', async () => {
    const cut = streams.cut.length;
    expect(await revocation.revoke('never-enrolled')).toBeUndefined();
    expect(streams.cut).toHaveLength(cut);
  });
});
