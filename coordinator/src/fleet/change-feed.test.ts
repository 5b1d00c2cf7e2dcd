import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { SiteStore, type SiteChange } from './site-store.js';
import { CustomerKeyStore, type ApiKeyChange } from './customer-keys.js';
import { CHANGE_LOOKBACK, ChangeFeed } from './change-feed.js';

const log = createLogger('test', 'error');

describe.each(TEST_BACKENDS)('site changes across replicas on %s', (kind) => {
  let t: TestDb;
  let here: SiteStore;
  let there: SiteStore;
  const enrolled: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(kind);
    here = new SiteStore(t.db);
    there = new SiteStore(await t.sibling());
    for (const name of ['alpha', 'bravo', 'charlie']) {
      const [code] = await here.issueCodes(1, 60_000, 'test');
      const { site, secret } = await here.enroll({
        code: code?.code ?? '',
        name,
        siteId: `sc-${name}`,
        region: 'eu',
        lat: 50,
        lon: 8,
        tariff: [],
      });
      enrolled[site.siteId] = secret;
    }
    await there.load();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('carries a tariff and a revocation made on one replica to the other, once each', async () => {
    const applied: SiteChange[] = [];
    const feed = new ChangeFeed<SiteChange>({
      name: 'sites',
      changesSince: (seq, limit) => there.changesSince(seq, limit),
      apply: (c) => {
        applied.push(c);
        if (c.revokedAtMs !== undefined) there.forget(c.siteId);
      },
      from: await there.lastChangeSeq(),
      log,
    });
    expect(await feed.poll()).toBe(0);

    const tariff = [{ startHour: 0, endHour: 24, pricePerKwh: 0.31 }];
    expect(await here.setTariff('sc-alpha', tariff)).toBe(true);
    expect(there.verify('sc-bravo', enrolled['sc-bravo'] ?? '')).toBe(true);
    const revoked = await here.revoke('sc-bravo', 1_700_000_000_000);
    expect(revoked).toEqual({ revokedAtMs: 1_700_000_000_000, already: false });
    expect(here.verify('sc-bravo', enrolled['sc-bravo'] ?? '')).toBe(false);
    // The other replica still trusts the cached secret until its feed polls.
    expect(there.verify('sc-bravo', enrolled['sc-bravo'] ?? '')).toBe(true);

    expect(await feed.poll()).toBe(2);
    expect(applied.map((c) => [c.siteId, c.tariff, c.revokedAtMs])).toEqual([
      ['sc-alpha', tariff, undefined],
      ['sc-bravo', [], 1_700_000_000_000],
    ]);
    expect(there.verify('sc-bravo', enrolled['sc-bravo'] ?? '')).toBe(false);
    expect(there.verify('sc-charlie', enrolled['sc-charlie'] ?? '')).toBe(true);
    expect(await feed.poll()).toBe(0); // re-read within the look-back, not applied again
    expect(await there.loadSite('sc-bravo')).toBeUndefined();
  });

  it('revokes once: again is a no-op that says when, an unknown site is undefined, a revoked site takes no tariff', async () => {
    expect(await here.revoke('sc-bravo', 1_800_000_000_000)).toEqual({
      revokedAtMs: 1_700_000_000_000,
      already: true,
    });
    expect(await here.revoke('sc-nobody')).toBeUndefined();
    expect(await here.revoke('bad id\u0000')).toBeUndefined();
    expect(await here.setTariff('sc-bravo', [])).toBe(false);
  });

  it('applies a change that commits below a number already seen (within the look-back)', async () => {
    const applied: SiteChange[] = [];
    const feed = new ChangeFeed<SiteChange>({
      name: 'sites',
      changesSince: (s, l) => there.changesSince(s, l),
      apply: (c) => applied.push(c),
      from: 0,
      log,
    });
    await feed.poll();
    // A slow UPDATE takes its number first…
    const [reserved] = await t.db.query<{ n: string | number }>(
      "SELECT nextval('site_change_seq') AS n",
    );
    const slow = Number(reserved?.n);
    // …a quicker one takes the next and commits, and the feed moves past both.
    await here.setTariff('sc-alpha', [{ startHour: 0, endHour: 24, pricePerKwh: 0.2 }]);
    applied.length = 0;
    expect(await feed.poll()).toBe(1);
    expect(feed.position).toBeGreaterThan(slow);
    expect(feed.position - slow).toBeLessThan(CHANGE_LOOKBACK);
    // Then the slow one commits, below the feed's position.
    const late = [{ startHour: 0, endHour: 24, pricePerKwh: 0.12 }];
    await t.db.query('UPDATE sites SET tariff = $2, change_seq = $3 WHERE id = $1', [
      'sc-charlie',
      JSON.stringify(late),
      slow,
    ]);
    applied.length = 0;
    expect(await feed.poll()).toBe(1);
    expect(applied).toEqual([{ seq: slow, siteId: 'sc-charlie', tariff: late }]);
    expect(await feed.poll()).toBe(0);
  });
});

describe.each(TEST_BACKENDS)('customer API keys across replicas on %s', (kind) => {
  let t: TestDb;
  afterAll(async () => {
    await t.dispose();
  });

  it('a key issued on one replica is accepted by the other after a poll, and refused after its revocation reaches it', async () => {
    t = await openTestDb(kind);
    const here = new CustomerKeyStore(t.db);
    const there = new CustomerKeyStore(await t.sibling());
    await here.load();
    const from = await there.lastChangeSeq();
    await there.load();
    const feed = new ChangeFeed<ApiKeyChange>({
      name: 'keys',
      changesSince: (s, l) => there.changesSince(s, l),
      apply: (c) => there.apply(c),
      from,
      log,
    });

    const k = await here.issue('fleet-x', 'test');
    expect(here.customerOf(k.token)).toBe('fleet-x');
    expect(there.customerOf(k.token)).toBeUndefined();
    expect(await feed.poll()).toBe(1);
    expect(there.customerOf(k.token)).toBe('fleet-x');

    await here.revoke('fleet-x', k.keyId);
    expect(here.customerOf(k.token)).toBeUndefined();
    expect(there.customerOf(k.token)).toBe('fleet-x');
    expect(await feed.poll()).toBe(1);
    expect(there.customerOf(k.token)).toBeUndefined();
    expect(await feed.poll()).toBe(0);
    // A replica started now loads the same picture and begins above it.
    const later = new CustomerKeyStore(await t.sibling());
    expect(await later.lastChangeSeq()).toBe(feed.position);
    await later.load();
    expect(later.customerOf(k.token)).toBeUndefined();
  });
});
