import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxDiskFullError, OutboxWriteError } from './errors.js';
import { openOutbox, type FileOutbox, type OpenOutboxOptions } from './file-outbox.js';
import { SITE, assertChain, burn, tempDir } from './testdata/burns.js';
import { FaultyFs } from './testdata/faulty-fs.js';
import { spawnTs } from './testdata/spawn-ts.js';
import type { OutboxWarning } from './warnings.js';

const open: FileOutbox[] = [];
async function openAt(dir: string, extra: Partial<OpenOutboxOptions> = {}): Promise<FileOutbox> {
  const o = await openOutbox({ dir, siteId: SITE, ...extra });
  open.push(o);
  return o;
}
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function writeError(p: Promise<unknown>): Promise<OutboxWriteError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof OutboxWriteError) return err;
    throw err;
  }
  throw new Error('expected OutboxWriteError');
}

describe('disk errors (simulated through an injected file system: a byte quota and one-shot errno faults)', () => {
  it('ENOSPC mid-write: the append fails with the cause, its seq is not used, the partial frame is cut off', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs });
    const before = [await o.append(burn(1)), await o.append(burn(2))];
    const size = (await stat(join(dir, 'outbox.log'))).size;
    fs.quota = 60; // the kernel writes 60 bytes of the frame, then the disk is full
    const burst = Array.from({ length: 5 }, (_, i) => o.append(burn(10 + i)));
    const errors = await Promise.all(burst.map(writeError));
    for (const err of errors) {
      expect(err).toBeInstanceOf(OutboxDiskFullError);
      expect(err.code).toBe('OUTBOX_DISK_FULL');
      expect(err.data).toMatchObject({ op: 'append', errno: 'ENOSPC' });
      expect((err.cause as { code?: string }).code).toBe('ENOSPC');
    }
    expect([o.lastSeq, o.depth, o.broken, o.diskFull]).toEqual([2, 2, undefined, true]);
    expect((await stat(join(dir, 'outbox.log'))).size).toBe(size);

    fs.quota = Infinity; // space freed
    const r3 = await o.append(burn(3));
    expect(r3.seq).toBe(3);
    expect(o.diskFull).toBe(false); // a frame fit: the disk has room again
    assertChain(undefined, [...before, r3]);
    await o.close();
    const again = await openAt(dir);
    expect(again.recovered.tornTail).toBeUndefined();
    expect(again.pending()).toEqual([...before, r3]);
  });

  it('a full disk: diskFull until space returns (a space probe says when), no committed burn lost, the chain continues', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs });
    const committed = [await o.append(burn(1)), await o.append(burn(2))];
    expect(await o.recheckDisk()).toBe(false); // nothing to recheck: not full
    fs.quota = 0;
    expect(await writeError(o.append(burn(3)))).toBeInstanceOf(OutboxDiskFullError);
    expect(o.diskFull).toBe(true);
    // still full: the probe cannot write, and says so (diskFull stays set)
    expect(await o.recheckDisk()).toBe(true);
    expect(o.diskFull).toBe(true);
    // what is on disk is untouched, and acks still drain it (an ack mark fits where a frame did not)
    expect(o.pending()).toEqual(committed);
    fs.quota = 2048;
    await o.ack(1);
    expect(o.pending()).toEqual(committed.slice(1));
    expect(o.diskFull).toBe(true); // a small ack mark is no proof of room for a frame
    fs.quota = Infinity; // space returned
    expect(await o.recheckDisk()).toBe(false);
    expect(o.diskFull).toBe(false);
    const r3 = await o.append(burn(3));
    expect(r3.seq).toBe(3);
    assertChain(committed[1], [r3]);
    await o.close();
    const again = await openAt(dir);
    expect(again.pending()).toEqual([committed[1], r3]);
    expect(again.diskFull).toBe(false);
  });

  it('a failed fsync (EIO) fails the append and refuses further writes until reopened from disk', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs });
    const r1 = await o.append(burn(1));
    fs.failNext('datasync', 'EIO');
    const err = await writeError(o.append(burn(2)));
    expect(err.data).toMatchObject({ errno: 'EIO', broken: true });
    expect(o.broken).toMatchObject({ code: 'EIO' });
    expect(o.lastSeq).toBe(1);
    expect((await writeError(o.append(burn(3)))).data).toMatchObject({ broken: true });
    expect((await writeError(o.ack(1))).data).toMatchObject({ broken: true });
    await o.close();

    const again = await openAt(dir);
    expect(again.pending()).toEqual([r1]); // the failed record was rolled back
    const r2 = await again.append(burn(2));
    assertChain(r1, [r2]);
  });

  it('a failed write whose rollback also fails breaks the outbox; reopening cuts the partial frame as a torn tail', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs });
    const r1 = await o.append(burn(1));
    fs.quota = 50;
    fs.failNext('truncate', 'EIO');
    expect((await writeError(o.append(burn(2)))).data).toMatchObject({ errno: 'ENOSPC' });
    expect(o.broken).toMatchObject({ code: 'EIO' });
    await o.close();
    const again = await openAt(dir);
    expect(again.recovered.tornTail?.bytes).toBe(50);
    expect(again.pending()).toEqual([r1]);
  });

  it('a failed ack write leaves the ack mark where it was, in memory and on disk', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs });
    for (let i = 1; i <= 4; i++) await o.append(burn(i));
    await o.ack(1);
    fs.failNext('sync', 'EIO');
    const err = await writeError(o.ack(3));
    expect(err.data).toMatchObject({ op: 'ack', seq: 3, errno: 'EIO' });
    expect([o.ackedSeq, o.depth]).toEqual([1, 3]);
    fs.quota = 10;
    expect((await writeError(o.ack(3))).data).toMatchObject({ errno: 'ENOSPC' });
    fs.quota = Infinity;
    await o.close();
    const again = await openAt(dir);
    expect([again.ackedSeq, again.depth]).toEqual([1, 3]);
    await again.ack(3);
    expect(again.ackedSeq).toBe(3);
  });

  it('a failed compaction is a warning: the ack holds, the old log stays in use, nothing is lost', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const warnings: OutboxWarning[] = [];
    const o = await openAt(dir, { fs, compactMinBytes: 0, onWarning: (w) => warnings.push(w) });
    const all = [];
    for (let i = 1; i <= 10; i++) all.push(await o.append(burn(i)));
    fs.failNext('rename', 'EIO', 1); // the ack mark's rename succeeds, the compacted log's fails
    await o.ack(8);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'compaction_failed' })]);
    expect(o.ackedSeq).toBe(8);
    const r11 = await o.append(burn(11));
    await o.close();
    const again = await openAt(dir);
    expect(again.pending()).toEqual([...all.slice(8), r11]);
  });

  it('a compacted log whose directory fsync fails: the ack holds, writes stop until reopen, both logs are valid', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const warnings: OutboxWarning[] = [];
    const o = await openAt(dir, { fs, compactMinBytes: 0, onWarning: (w) => warnings.push(w) });
    const all = [];
    for (let i = 1; i <= 10; i++) all.push(await o.append(burn(i)));
    fs.failNext('syncDir', 'EIO', 1);
    await o.ack(9);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'compaction_dir_sync_failed' })]);
    expect(o.ackedSeq).toBe(9);
    expect(o.broken).toMatchObject({ code: 'EIO' });
    expect((await writeError(o.append(burn(11)))).data).toMatchObject({ broken: true });
    await o.close();
    const again = await openAt(dir);
    expect(again.pending()).toEqual([all[9]]);
    assertChain(all[9], [await again.append(burn(11))]);
  });
});

describe('disk errors from the real kernel (RLIMIT_FSIZE via `ulimit -f`: a short write, then EFBIG)', () => {
  it('fails the append that does not fit, keeps every append that resolved, and leaves no torn tail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgefleet-outbox-fsize-'));
    const script = fileURLToPath(new URL('./testdata/fsize-child.ts', import.meta.url));
    const run = spawnTs(script, [dir, SITE], { shellPrefix: 'ulimit -f 32' }); // 32 KiB
    const { code, stderr } = await run.exited;
    expect(code, stderr).toBe(0);
    const msgs = run.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const oks = msgs.filter((m) => 'ok' in m);
    expect(oks.length).toBeGreaterThan(10);
    const failed = msgs.find((m) => 'failed' in m);
    expect(failed).toEqual({
      failed: 'OUTBOX_WRITE_FAILED',
      errno: 'EFBIG',
      lastSeq: oks.length,
      depth: oks.length,
      broken: false,
    });
    expect(msgs.find((m) => 'second' in m)).toEqual({
      second: 'OUTBOX_WRITE_FAILED',
      lastSeq: oks.length,
    });
    expect(msgs.at(-1)).toEqual({ closed: true });

    const again = await openAt(dir);
    expect(again.recovered.tornTail).toBeUndefined();
    expect(again.pending().map((r) => [r.seq, r.hash])).toEqual(oks.map((m) => [m.ok, m.hash]));
    expect((await again.append(burn(0))).seq).toBe(oks.length + 1);
  });
});
