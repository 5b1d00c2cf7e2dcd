import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAckMark } from './ack-mark.js';
import { openOutbox } from './file-outbox.js';
import { nodeFs } from './fs-port.js';
import { SITE, burn, tempDir } from './testdata/burns.js';

const lease = (id: string, micro: number, endedAt = 1_700_000_000_000) => ({
  ...burn(0),
  lease_id: id,
  micro_tokens: micro,
  started_at_ms: endedAt - 10,
  ended_at_ms: endedAt,
});

describe('per-lease burned totals (budget enforcement across restarts)', () => {
  it('counts pending and acknowledged µT per lease, and keeps both across a reopen', async () => {
    const dir = await tempDir();
    let o = await openOutbox({ dir, siteId: SITE, compactMinBytes: 0 });
    for (const [id, m] of [
      ['a', 10],
      ['b', 5],
      ['a', 7],
      ['b', 1],
      ['a', 3],
    ] as const)
      await o.append(lease(id, m));
    expect([o.burnedFor('a'), o.burnedFor('b'), o.burnedFor('c')]).toEqual([20, 6, 0]);
    await o.ack(3); // a:10, b:5, a:7 acknowledged (and compacted away)
    expect([o.burnedFor('a'), o.burnedFor('b')]).toEqual([20, 6]);
    await o.close();
    o = await openOutbox({ dir, siteId: SITE });
    expect(o.depth).toBe(2);
    expect([o.burnedFor('a'), o.burnedFor('b')]).toEqual([20, 6]);
    await o.ack(5);
    await o.close();
    o = await openOutbox({ dir, siteId: SITE });
    expect(o.depth).toBe(0);
    expect([o.burnedFor('a'), o.burnedFor('b')]).toEqual([20, 6]);
    const mark = (await readFile(join(dir, 'outbox.ack'))).toString('utf8');
    expect(mark).toContain('"leases":{"a":[20,');
    await o.close();
  });

  it('forgets a lease once its newest burn is older than the retention, counted from the newest acknowledged burn', async () => {
    const dir = await tempDir();
    const o = await openOutbox({ dir, siteId: SITE, leaseTotalsRetentionMs: 1000 });
    await o.append(lease('old', 4, 1_000_000));
    await o.append(lease('new', 6, 1_000_500));
    await o.ack(2);
    expect([o.burnedFor('old'), o.burnedFor('new')]).toEqual([4, 6]);
    await o.append(lease('new', 1, 1_002_000));
    await o.ack(3);
    expect([o.burnedFor('old'), o.burnedFor('new')]).toEqual([0, 7]);
    await o.close();
  });

  it('reads an ack mark written before per-lease totals existed (none acknowledged), and refuses malformed totals as unreadable', async () => {
    const dir = await tempDir();
    const o = await openOutbox({ dir, siteId: SITE });
    const r = await o.append(lease('a', 9));
    await o.close();
    // The old format: no `leases` field.
    const path = join(dir, 'outbox.ack');
    await writeAckMark(nodeFs, path, SITE, { seq: 0, hash: r.prev_hash });
    const raw = (await readFile(path)).toString('utf8');
    expect(raw).toContain('"leases":{}');
    const reopened = await openOutbox({ dir, siteId: SITE });
    expect(reopened.burnedFor('a')).toBe(9);
    expect(reopened.recovered.warnings).toEqual([]);
    await reopened.close();
    await writeFile(path, Buffer.from('garbage'));
    const again = await openOutbox({ dir, siteId: SITE });
    expect(again.recovered.warnings.map((w) => w.kind)).toEqual(['ack_mark_unreadable']);
    expect(again.burnedFor('a')).toBe(9);
    await again.close();
  });
});
