import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { openTestDb, type TestDb } from '../db/db.test-support.js';
import { createLedger } from '../ledger/index.js';
import { loadFleetState } from './fleet-state.js';
import { SiteStore, type SiteChange } from './site-store.js';

const log = createLogger('test', 'error');
const config = coordinatorConfigSchema.parse({ dataDir: '/tmp/unused' });

describe('loadFleetState (what a replica knows of its fleet, and following other replicas)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('pglite');
    await createLedger(t.db);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('loads the enrolled sites into the registry, then applies a revocation made by another replica', async () => {
    const other = new SiteStore(await t.sibling());
    const [code] = await other.issueCodes(1, 60_000, 'test');
    await other.enroll({
      code: code?.code ?? '',
      name: 'alpha',
      siteId: 'fs-alpha',
      region: 'eu',
      lat: 50,
      lon: 8,
      tariff: [],
    });

    const fleet = await loadFleetState(t.db, config, log);
    expect(fleet.registry.get('fs-alpha')?.siteId).toBe('fs-alpha');

    const applied: SiteChange[] = [];
    const follow = fleet.followChanges({
      applySiteChange: (c) => void applied.push(c),
      pollMs: 20,
    });
    try {
      await other.revoke('fs-alpha', 1_700_000_000_000);
      while (applied.length === 0) await new Promise((r) => setTimeout(r, 20));
      expect(applied.map((c) => [c.siteId, c.revokedAtMs])).toEqual([
        ['fs-alpha', 1_700_000_000_000],
      ]);
    } finally {
      follow.close();
    }
  });
});
