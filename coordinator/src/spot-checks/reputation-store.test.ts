import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { ReputationStore } from './reputation-store.js';
import { spotCheckSettingsSchema } from './settings.js';

const rules = spotCheckSettingsSchema.parse({}).reputation;

describe.each(TEST_BACKENDS)('ReputationStore on %s', (kind) => {
  let t: TestDb;
  let store: ReputationStore;
  beforeAll(async () => {
    t = await openTestDb(kind);
    store = new ReputationStore(t.db, rules);
  }, 180_000); // migrations on a loaded shared box
  afterAll(async () => t?.dispose());

  it('a site never checked is at 1', async () => {
    expect(await store.get('never')).toMatchObject({
      reputation: 1,
      quarantined: false,
      passes: 0,
    });
  });

  it('counts verdicts, drains once below the threshold, and stays drained until reinstated', async () => {
    const from = await store.lastChangeSeq();
    const a = await store.record('s1', 'pass', undefined, 1_000);
    expect(a).toMatchObject({ drainedNow: false, after: { reputation: 1, passes: 1 } });
    const b = await store.record('s1', 'wrong', 'echo: word 2', 2_000);
    expect(b.drainedNow).toBe(false);
    expect(b.after.reputation).toBeCloseTo(0.6, 9);
    const c = await store.record('s1', 'wrong', 'echo: word 0', 3_000);
    expect(c).toMatchObject({
      drainedNow: true,
      after: { quarantined: true, wrong: 2, quarantinedAtMs: 3_000, lastDetail: 'echo: word 0' },
    });
    // Passes afterwards raise the score but do not undo the drain: only an operator does.
    const d = await store.record('s1', 'pass', undefined, 4_000);
    expect(d.drainedNow).toBe(false);
    expect(d.after.quarantined).toBe(true);
    expect(await store.quarantinedSites()).toEqual(['s1']);

    const r = await store.reinstate('s1', rules.reinstateTo, 'ops', 5_000);
    expect(r).toMatchObject({
      reputation: rules.reinstateTo,
      quarantined: false,
      reinstatedBy: 'ops',
      wrong: 2,
    });
    expect(await store.quarantinedSites()).toEqual([]);

    // Another replica follows changes by their numbers: a row carries its site's state now.
    const changes = await store.changesSince(from);
    expect(changes).toHaveLength(1);
    expect(changes.at(-1)).toMatchObject({
      siteId: 's1',
      reputation: rules.reinstateTo,
      quarantined: false,
    });
    expect(await store.lastChangeSeq()).toBe(changes.at(-1)?.seq);
  });

  it('two replicas recording at once both count (row lock)', async () => {
    const other = new ReputationStore(await t.sibling(), rules);
    await Promise.all([
      store.record('s2', 'slow', undefined, 1),
      other.record('s2', 'slow', undefined, 1),
      store.record('s2', 'slow', undefined, 1),
      other.record('s2', 'slow', undefined, 1),
    ]);
    const s = await store.get('s2');
    expect(s.slow).toBe(4);
    expect(s.reputation).toBeCloseTo(0.9 ** 4, 9);
  });
});
