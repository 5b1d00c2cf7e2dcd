import { appendFile, copyFile, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chainBurn } from '@edgefleet/proto';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAckMark } from './ack-mark.js';
import { OutboxCorruptError } from './errors.js';
import { openOutbox, type FileOutbox, type OpenOutboxOptions } from './file-outbox.js';
import { encodeFrame, scanFrames } from './frame.js';
import { nodeFs } from './fs-port.js';
import { encodeBatchFrame } from './log-format.js';
import { SITE, assertChain, burn, tempDir } from './testdata/burns.js';
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

/** A closed outbox in a fresh directory holding records 1..n, one frame each. */
async function outboxWith(
  n: number,
): Promise<{ dir: string; log: string; records: Awaited<ReturnType<FileOutbox['append']>>[] }> {
  const dir = await tempDir();
  const o = await openOutbox({ dir, siteId: SITE });
  const records = [];
  for (let i = 1; i <= n; i++) records.push(await o.append(burn(i)));
  await o.close();
  return { dir, log: join(dir, 'outbox.log'), records };
}

async function openError(dir: string): Promise<OutboxCorruptError> {
  try {
    await openAt(dir);
  } catch (err) {
    if (err instanceof OutboxCorruptError) return err;
    throw err;
  }
  throw new Error('expected OutboxCorruptError');
}

describe('recovery at open', () => {
  it('cuts off a torn tail (half a record written by hand), reports it, and continues the chain', async () => {
    const { dir, log, records } = await outboxWith(3);
    const goodSize = (await stat(log)).size;
    const next = chainBurn(records[2], { ...burn(4), site_id: SITE });
    const frame = encodeBatchFrame([next]);
    await appendFile(log, frame.subarray(0, Math.floor(frame.length / 2)));

    const warnings: OutboxWarning[] = [];
    const o = await openAt(dir, { onWarning: (w) => warnings.push(w) });
    expect(o.recovered.tornTail).toEqual({
      offset: goodSize,
      bytes: Math.floor(frame.length / 2),
      reason: expect.any(String) as unknown,
    });
    expect(warnings).toEqual([expect.objectContaining({ kind: 'torn_tail', offset: goodSize })]);
    expect((await stat(log)).size).toBe(goodSize);
    expect(o.pending()).toEqual(records);
    const r4 = await o.append(burn(4));
    expect(r4.seq).toBe(4);
    assertChain(undefined, [...records, r4]);
    await o.close();
    const again = await openAt(dir);
    expect(again.recovered.tornTail).toBeUndefined();
    expect(again.lastSeq).toBe(4);
  });

  it('cuts off a zero-filled tail (file size extended, data never reached the disk)', async () => {
    const { dir, log, records } = await outboxWith(2);
    await appendFile(log, Buffer.alloc(700));
    const o = await openAt(dir);
    expect(o.recovered.tornTail?.bytes).toBe(700);
    expect(o.pending()).toEqual(records);
  });

  it('refuses to open when a byte in the middle is corrupted, naming the offset, and leaves the file as it was', async () => {
    const { dir, log } = await outboxWith(5);
    const buf = await readFile(log);
    const frames = scanFrames(buf, log).frames;
    const victim = frames[2]!; // the second record's frame; three valid frames follow it
    const bad = Buffer.from(buf);
    bad[victim.offset + 40] = bad[victim.offset + 40]! ^ 0x01;
    await writeFile(log, bad);

    const err = await openError(dir);
    expect(err.code).toBe('OUTBOX_CORRUPT');
    expect(err.data).toMatchObject({
      file: log,
      offset: victim.offset,
      nextValidOffset: victim.end,
    });
    expect(err.message).toContain(`offset ${victim.offset}`);
    expect(await readFile(log)).toEqual(bad);
    // and the lock was released: a repaired file opens again
    await writeFile(log, buf);
    expect((await openAt(dir)).lastSeq).toBe(5);
  });

  it('refuses a record rewritten with a valid checksum but a broken hash chain', async () => {
    const { dir, log } = await outboxWith(4);
    const buf = await readFile(log);
    const frames = scanFrames(buf, log).frames;
    const target = frames[3]!; // record seq 3
    const payload = JSON.parse(target.payload.toString()) as { records: Record<string, unknown>[] };
    payload.records[0]!.micro_tokens = 999_999_999;
    const forged = encodeFrame(Buffer.from(JSON.stringify(payload)));
    await writeFile(
      log,
      Buffer.concat([buf.subarray(0, target.offset), forged, buf.subarray(target.end)]),
    );
    const err = await openError(dir);
    expect(err.data).toMatchObject({ seq: 3, problem: 'hash_mismatch' });
  });

  it('refuses a replayed (duplicated) record', async () => {
    const { dir, log } = await outboxWith(3);
    const buf = await readFile(log);
    const frames = scanFrames(buf, log).frames;
    await writeFile(log, Buffer.concat([buf, buf.subarray(frames[3]!.offset, frames[3]!.end)]));
    expect((await openError(dir)).data).toMatchObject({ seq: 3, problem: 'seq_gap' });
  });

  it('falls back to the log anchor when the ack file is unreadable (resends, never loses)', async () => {
    const { dir, records } = await outboxWith(4);
    const a = await openAt(dir);
    await a.ack(2);
    await a.close();
    await writeFile(join(dir, 'outbox.ack'), 'garbage');
    const o = await openAt(dir);
    expect(o.recovered.warnings).toEqual([
      expect.objectContaining({ kind: 'ack_mark_unreadable' }),
    ]);
    expect(o.ackedSeq).toBe(0);
    expect(o.pending()).toEqual(records);
  });

  it('refuses an ack mark whose hash disagrees with the log', async () => {
    const { dir } = await outboxWith(4);
    await writeAckMark(nodeFs, join(dir, 'outbox.ack'), SITE, { seq: 3, hash: 'f'.repeat(64) });
    const err = await openError(dir);
    expect(err.data).toMatchObject({ file: join(dir, 'outbox.ack'), seq: 3 });
  });

  it('continues seq and chain from the ack mark when the log is behind it or gone', async () => {
    const { dir, log } = await outboxWith(5);
    await copyFile(log, join(dir, 'old.log'));
    const a = await openAt(dir);
    const more = [];
    for (let i = 6; i <= 10; i++) more.push(await a.append(burn(i)));
    await a.ack(10);
    await a.close();

    await copyFile(join(dir, 'old.log'), log); // a log restored from before seq 6..10
    const b = await openAt(dir);
    expect(b.recovered.warnings).toEqual([
      expect.objectContaining({ kind: 'log_behind_ack', logLastSeq: 5, ackedSeq: 10 }),
    ]);
    expect([b.lastSeq, b.ackedSeq, b.depth]).toEqual([10, 10, 0]);
    const r11 = await b.append(burn(11));
    assertChain(more.at(-1), [r11]);
    await b.close();

    const c = await openAt(dir);
    await c.ack(11);
    await c.close();
    await rm(log);
    const d = await openAt(dir);
    expect(d.recovered.warnings).toEqual([
      expect.objectContaining({ kind: 'log_missing', ackedSeq: 11 }),
    ]);
    const r12 = await d.append(burn(12));
    assertChain(r11, [r12]);
  });

  it('removes temp files left by a crash during compaction or an ack write, keeping the old files', async () => {
    const { dir, log, records } = await outboxWith(3);
    await writeFile(`${log}.tmp`, Buffer.alloc(100, 7)); // half-built compacted log
    await writeFile(join(dir, 'outbox.ack.tmp'), 'half an ack');
    const o = await openAt(dir);
    expect(o.pending()).toEqual(records);
    expect((await readdir(dir)).sort()).toEqual(['outbox.lock', 'outbox.log']);
  });
});
