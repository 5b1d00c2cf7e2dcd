import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { openTestDb, type TestDb } from '../db/db.test-support.js';
import { FleetRegistry } from '../fleet/registry.js';
import { SiteKeyBook } from '../fleet/site-keys.js';
import { SiteStore } from '../fleet/site-store.js';
import { SigningKeyRing } from '../keys/signing-keys.js';
import { enrollmentFromConfig } from './enrollment-from-config.js';
import { SiteLimitReachedError } from './errors.js';

const log = createLogger('test', 'error');
const site = (code: string, name: string) => ({
  code,
  name,
  region: 'eu',
  lat: 50,
  lon: 8,
  tariff: [],
});

describe('enrollmentFromConfig (PGlite site store)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('pglite');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('tells a new site where to connect and the signing keys in force then, publishes its config, and holds limits.maxSites', async () => {
    const sites = new SiteStore(t.db);
    const keys = SigningKeyRing.open(mkdtempSync(join(tmpdir(), 'ef-enroll-config-')));
    const published: string[] = [];
    const enrollment = enrollmentFromConfig(
      coordinatorConfigSchema.parse({ dataDir: '/tmp/unused', limits: { maxSites: 1 } }),
      {
        sites,
        siteKeys: new SiteKeyBook(t.db, { graceMs: 60_000 }),
        registry: new FleetRegistry({
          telemetryStaleMs: 5000,
          offlineAfterMs: 15_000,
          autonomyWindowMs: 10_000,
        }),
        log,
        siteConfig: { publishSoon: (siteId) => void published.push(siteId) },
        keys,
        endpoints: { mqttUrl: 'mqtt://coord:1883', grpcEndpoint: 'coord:7443', tls: undefined },
      },
    );
    const codes = (await sites.issueCodes(2, 60_000, 'test')).map((c) => c.code);

    keys.rotate(); // the keys in force at enrollment, not at start
    const r = await enrollment.enroll(site(codes[0] ?? '', 'first'));
    expect(r).toMatchObject({
      mqttUrl: 'mqtt://coord:1883',
      grpcEndpoint: 'coord:7443',
      tls: { mode: 'off' },
    });
    expect(r.signingKeys).toEqual(keys.published());
    expect(r.signingKeys).toHaveLength(2);
    expect(published).toEqual([r.site.siteId]);

    await expect(enrollment.enroll(site(codes[1] ?? '', 'second'))).rejects.toBeInstanceOf(
      SiteLimitReachedError,
    );
  }, 60_000);
});
