import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { ChangeFeed } from '../fleet/change-feed.js';
import { HardwareResolver } from './hardware-resolver.js';
import {
  HardwareMappingStore,
  HardwareProfileUnknownError,
  type HardwareMappingChange,
} from './mapping-store.js';

const log = createLogger('test', 'error');
const b200 = { vendor: 'nvidia', model: 'NVIDIA B200' };

describe.each(TEST_BACKENDS)('hardware mappings on %s', (kind) => {
  let t: TestDb;
  // Opening PGlite takes a while on a loaded machine: not part of what is tested.
  beforeAll(async () => {
    t = await openTestDb(kind);
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('persists a mapping, applies it here at once and on another replica after a poll', async () => {
    let changedHere = 0;
    let changedThere = 0;
    const here = new HardwareMappingStore(t.db, new HardwareResolver(), () => changedHere++);
    const there = new HardwareMappingStore(
      await t.sibling(),
      new HardwareResolver(),
      () => changedThere++,
    );
    await here.load();
    const from = await there.lastChangeSeq();
    await there.load();
    const feed = new ChangeFeed<HardwareMappingChange>({
      name: 'hardware mappings',
      changesSince: (s, l) => there.changesSince(s, l),
      apply: (c) => there.apply(c),
      from,
      log,
    });
    expect(here.resolver.resolve(b200).kind).toBe('unknown');

    const m = await here.map('  NVIDIA B200 ', 'h200', 'noc-alice');
    expect(m).toMatchObject({
      modelString: 'NVIDIA B200',
      profileId: 'h200',
      createdBy: 'noc-alice',
    });
    expect(here.resolver.resolve(b200)).toMatchObject({ kind: 'known', matchedBy: 'operator' });
    expect(changedHere).toBe(2); // load, then the mapping
    expect(there.resolver.resolve(b200).kind).toBe('unknown');
    expect(await feed.poll()).toBe(1);
    expect(there.resolver.resolve(b200)).toMatchObject({ kind: 'known', matchedBy: 'operator' });
    expect(changedThere).toBe(2);

    // Mapping the same model string again (another case) replaces it: one row.
    await here.map('nvidia b200', 'h100-80gb-sxm', 'noc-bob');
    const rows = await here.list();
    expect(rows.map((r) => [r.modelString, r.profileId, r.createdBy])).toEqual([
      ['nvidia b200', 'h100-80gb-sxm', 'noc-bob'],
    ]);
    expect(await feed.poll()).toBe(1);
    const r = there.resolver.resolve(b200);
    expect(r.kind === 'known' && r.profile.id).toBe('h100-80gb-sxm');

    // A replica started now loads the same mappings.
    const later = new HardwareMappingStore(await t.sibling(), new HardwareResolver());
    await later.load();
    const l = later.resolver.resolve(b200);
    expect(l.kind === 'known' && l.profile.id).toBe('h100-80gb-sxm');
  });

  it('refuses a mapping to a simulation profile, the fallback or no profile', async () => {
    const store = new HardwareMappingStore(t.db, new HardwareResolver());
    for (const id of ['fake-h100', 'unknown', 'no-such-card'])
      await expect(store.map('NVIDIA X1', id, 'noc')).rejects.toBeInstanceOf(
        HardwareProfileUnknownError,
      );
    expect((await store.list()).some((m) => m.modelString === 'NVIDIA X1')).toBe(false);
  });
});
