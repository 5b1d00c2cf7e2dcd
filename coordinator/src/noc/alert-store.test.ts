import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { AlertStore } from './alert-store.js';
import type { Alert } from './alerts.js';

const alert = (siteId: string, firstSeenMs: number, over: Partial<Alert> = {}): Alert => ({
  id: `site_offline:${siteId}`,
  kind: 'site_offline',
  severity: 'critical',
  siteId,
  message: `site ${siteId} is offline`,
  firstSeenMs,
  lastSeenMs: firstSeenMs,
  resolvedAtMs: null,
  ackedAtMs: null,
  ackedBy: null,
  ...over,
});

describe.each(TEST_BACKENDS)('AlertStore on %s (migration 107)', (kind) => {
  let t: TestDb;
  let store: AlertStore;
  beforeAll(async () => {
    t = await openTestDb(kind);
    store = new AlertStore(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('opens an occurrence once, holds it, resolves it once, and opens it again unacknowledged', async () => {
    expect(await store.raise(alert('a', 1000))).toBe('opened');
    expect(await store.raise(alert('a', 2000, { message: 'still offline' }))).toBe('held');
    let [a] = await store.list('active');
    expect(a).toMatchObject({ id: 'site_offline:a', firstSeenMs: 1000, message: 'still offline' });

    expect(await store.ack('site_offline:a', 'alice', 2500)).toMatchObject({
      ackedAtMs: 2500,
      ackedBy: 'alice',
    });
    // a second acknowledgement keeps the first
    expect(await store.ack('site_offline:a', 'bob', 2600)).toMatchObject({ ackedBy: 'alice' });

    expect(await store.resolve('site_offline:a', 3000)).toMatchObject({ resolvedAtMs: 3000 });
    expect(await store.resolve('site_offline:a', 3100)).toBeUndefined();
    expect(await store.ack('site_offline:a', 'bob', 3200)).toBeUndefined(); // resolved: nothing to ack
    expect(await store.list('active')).toEqual([]);
    expect(await store.list('resolved')).toMatchObject([{ id: 'site_offline:a' }]);

    expect(await store.raise(alert('a', 4000))).toBe('opened');
    [a] = await store.list('active');
    expect(a).toMatchObject({
      firstSeenMs: 4000,
      resolvedAtMs: null,
      ackedAtMs: null,
      ackedBy: null,
    });
  });

  it('lists critical first, then oldest first, and by site', async () => {
    await store.raise(
      alert('b', 500, { id: 'telemetry_stale:b', kind: 'telemetry_stale', severity: 'warning' }),
    );
    await store.raise(alert('c', 5000));
    expect((await store.list('active')).map((x) => x.id)).toEqual([
      'site_offline:a',
      'site_offline:c',
      'telemetry_stale:b',
    ]);
    expect((await store.list('active', 'b')).map((x) => x.id)).toEqual(['telemetry_stale:b']);
    expect((await store.list('all', 'zzz')).length).toBe(0);
  });

  it('is one list for every replica: what one raises and acks, another sees and resolves', async () => {
    const other = new AlertStore(await t.sibling());
    expect(await other.raise(alert('c', 5100))).toBe('held'); // already open through the first replica
    expect(await other.ack('site_offline:c', 'carol', 5200)).toMatchObject({ ackedBy: 'carol' });
    expect((await store.list('active', 'c'))[0]).toMatchObject({ ackedBy: 'carol' });
    expect(await store.resolve('site_offline:c', 6000)).toBeDefined();
    expect(await other.resolve('site_offline:c', 6001)).toBeUndefined();
    // two replicas raising the same new condition at once: exactly one opens it (one notification)
    const both = await Promise.all([store.raise(alert('d', 7000)), other.raise(alert('d', 7001))]);
    expect(both.sort()).toEqual(['held', 'opened']);
  });

  it('refreshes what a replica still sees, and sweeps what nobody has seen since a time', async () => {
    // The earlier cases' rows (all last seen before 8000) are swept first, so this case sees its own.
    await store.sweepStale(8000, 7999);
    await store.raise(alert('e', 8000)); // seen by a replica that goes on
    await store.raise(alert('f', 8000)); // left open by a replica that stopped
    expect(await store.refresh(['site_offline:e', 'site_offline:gone'], 9000)).toEqual(
      new Set(['site_offline:e']),
    );
    const swept = await store.sweepStale(8500, 9100);
    expect(swept.map((a) => a.id)).toEqual(['site_offline:f']);
    expect(swept[0]).toMatchObject({ resolvedAtMs: 9100 });
    expect((await store.list('active')).map((a) => a.id)).toEqual(['site_offline:e']);
    // a resolved row is not refreshed: the caller learns it must raise it again
    expect(await store.refresh(['site_offline:f'], 9200)).toEqual(new Set());
  });
});
