import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxWriteError } from './errors.js';
import { openOutbox, type FileOutbox, type OpenOutboxOptions } from './file-outbox.js';
import { SITE, assertChain, burn, tempDir } from './testdata/burns.js';
import { FaultyFs } from './testdata/faulty-fs.js';
import type { OutboxWarning } from './warnings.js';

const open: FileOutbox[] = [];
async function openAt(dir: string, extra: Partial<OpenOutboxOptions> = {}): Promise<FileOutbox> {
  const o = await openOutbox({ dir, siteId: SITE, durability: 'write-before-answer', ...extra });
  open.push(o);
  return o;
}
afterEach(async () => {
  for (const o of open.splice(0)) await o.close().catch(() => undefined);
});

/** A FaultyFs whose log fdatasyncs, once `hold.on`, wait until the test lets them go. */
function heldSyncs(): {
  fs: FaultyFs;
  hold: { on: boolean };
  release: () => void;
  reached: Promise<void>;
} {
  const hold = { on: false };
  const fs = new FaultyFs();
  const base = fs.openForWrite.bind(fs);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let reach!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  fs.openForWrite = async (path, mode) => {
    const h = await base(path, mode);
    if (!path.includes('outbox.log')) return h; // a fresh log is built as outbox.log.tmp
    return {
      ...h,
      datasync: async () => {
        if (!hold.on) return h.datasync();
        reach();
        await held;
        await h.datasync();
      },
    };
  };
  return { fs, hold, release, reached };
}

describe('outbox durability write-before-answer', () => {
  it('resolves appends once written, before their fsync; durableSeq follows when the background fsync ends', async () => {
    const dir = await tempDir();
    const { fs, hold, release, reached } = heldSyncs();
    const o = await openAt(dir, { fs, syncIntervalMs: 0 });
    hold.on = true;
    expect(o.durability).toBe('write-before-answer');
    const recs = await Promise.all([o.append(burn(1)), o.append(burn(2))]);
    const third = await o.append(burn(3)); // written while the first fsync is held
    expect([...recs, third].map((r) => r.seq)).toEqual([1, 2, 3]);
    await reached;
    expect([o.lastSeq, o.durableSeq]).toEqual([3, 0]);
    expect(o.pending().map((r) => r.seq)).toEqual([1, 2, 3]);
    release();
    await expect.poll(() => o.durableSeq).toBe(3);
  });

  it('runs one background fsync per interval, not one per write', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs, syncIntervalMs: 50 });
    const syncs = fs.calls.datasync;
    // The interval's timer only moves by hand, so a slow host cannot let it fire between writes.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (let i = 1; i <= 5; i++) await o.append(burn(i)); // five writes within the interval
      expect(fs.calls.datasync - syncs).toBe(0);
      vi.advanceTimersByTime(50);
    } finally {
      vi.useRealTimers();
    }
    await expect.poll(() => o.durableSeq).toBe(5);
    expect(fs.calls.datasync - syncs).toBe(1);
  });

  it('fsyncs what is unsynced at close, and a reopen reads it all back', async () => {
    const dir = await tempDir();
    const o = await openAt(dir, { syncIntervalMs: 1000 });
    const recs = [await o.append(burn(1)), await o.append(burn(2))];
    expect(o.durableSeq).toBe(0);
    await o.close();
    const b = await openAt(dir);
    expect(b.pending()).toEqual(recs);
    expect(b.durableSeq).toBe(2);
    assertChain(undefined, b.pending());
  });

  it('a failed background fsync warns and stops further appends (the outbox is broken until reopened)', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const warnings: OutboxWarning[] = [];
    const o = await openAt(dir, { fs, syncIntervalMs: 0, onWarning: (w) => warnings.push(w) });
    fs.failNext('datasync', 'EIO');
    await o.append(burn(1)); // answered: in the page cache
    await expect.poll(() => o.broken).toBeDefined();
    expect(warnings).toMatchObject([{ kind: 'background_sync_failed', unsyncedFrom: 1 }]);
    await expect(o.append(burn(2))).rejects.toBeInstanceOf(OutboxWriteError);
    expect(o.durableSeq).toBe(0);
  });

  it('a compaction makes every written record durable (the new log is fsynced whole)', async () => {
    const dir = await tempDir();
    const o = await openAt(dir, { compactMinBytes: 0, syncIntervalMs: 1000 });
    for (let i = 1; i <= 6; i++) await o.append(burn(i));
    expect(o.durableSeq).toBe(0);
    await o.ack(4); // more than half acknowledged: compacts
    expect([o.ackedSeq, o.lastSeq, o.durableSeq]).toEqual([4, 6, 6]);
  });
});
