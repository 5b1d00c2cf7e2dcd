import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from './config.js';
import { openTestDb, type TestDb } from './db/db.test-support.js';
import type { SiteChange } from './fleet/site-store.js';
import { followReplicas } from './follow-replicas.js';
import { createLedger, type SqlLedger } from './ledger/ledger.js';
import { openLease } from './ledger/ledger.test-support.js';
import type { HoldView } from './ledger/types.js';
import { ShutdownSteps } from './shutdown.js';

const log = createLogger('test', 'silent');

describe('followReplicas (PGlite ledger)', () => {
  let t: TestDb;
  let ledger: SqlLedger;
  beforeAll(async () => {
    t = await openTestDb('pglite');
    ledger = await createLedger(t.db, { closeDb: false });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  // The feeds read a table's change numbers, the same SQL on either database: PGlite stands in here
  // for the shared PostgreSQL database that turns them on.
  it('site changes go to revocation and hold changes to the lease service, polled every changePollMs; shutdown stops both', async () => {
    const config = coordinatorConfigSchema.parse({
      dataDir: '/tmp/unused',
      liveness: { changePollMs: 50 },
    });
    const applied: HoldView[] = [];
    const revoked: SiteChange[] = [];
    let feed: { applySiteChange: (c: SiteChange) => void; pollMs: number } | undefined;
    const feedClosed = vi.fn();
    const shutdown = new ShutdownSteps(log);
    await followReplicas(config, {
      fleet: {
        followChanges: (o) => {
          feed = o;
          return { close: feedClosed };
        },
      },
      revocation: { applyChange: (c) => void revoked.push(c) },
      ledger,
      leases: { applyHoldChange: (v) => void applied.push(v) },
      log,
      shutdown,
      database: 'postgres',
    });

    expect(feed?.pollMs).toBe(50);
    const change: SiteChange = { seq: 7, siteId: 'site-a', tariff: [], revokedAtMs: 1 };
    feed?.applySiteChange(change);
    expect(revoked).toEqual([change]);

    const l = await openLease(ledger, { topUp: 1_000_000, hold: 100_000 });
    const until = Date.now() + 120_000;
    await ledger.renewHold(l.holdId, until);
    await vi.waitFor(() => expect(applied.map((v) => v.holdId)).toContain(l.holdId));
    expect(applied.find((v) => v.holdId === l.holdId)?.expiresAtMs).toBe(until);

    await shutdown.close();
    expect(feedClosed).toHaveBeenCalledTimes(1);
    const seen = applied.length;
    await ledger.renewHold(l.holdId, until + 60_000);
    await new Promise((r) => setTimeout(r, 300)); // six polls, had it kept polling
    expect(applied).toHaveLength(seen);
  }, 60_000);

  it('follows nothing on an embedded PGlite ledger: no other replica can write to it', async () => {
    const config = coordinatorConfigSchema.parse({ dataDir: '/tmp/unused' });
    const followChanges = vi.fn(() => ({ close: () => {} }));
    const holdChangeHead = vi.fn(() => Promise.resolve(0));
    const shutdown = new ShutdownSteps(log);
    await followReplicas(config, {
      fleet: { followChanges },
      revocation: { applyChange: () => {} },
      ledger: { holdChangesSince: () => Promise.resolve([]), holdChangeHead },
      leases: { applyHoldChange: () => {} },
      log,
      shutdown,
      database: 'pglite',
    });
    expect(followChanges).not.toHaveBeenCalled();
    expect(holdChangeHead).not.toHaveBeenCalled();
    await shutdown.close();
  });
});
