import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BURN_RECORD_LIMITS, GENESIS_HASH, type BurnRecordData } from '@edgefleet/proto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OutboxAckRangeError,
  OutboxClosedError,
  OutboxFullError,
  OutboxInvalidRecordError,
  OutboxLockedError,
  OutboxSiteMismatchError,
} from './errors.js';
import { openOutbox, type FileOutbox, type OpenOutboxOptions } from './file-outbox.js';
import { SITE, assertChain, burn, tempDir } from './testdata/burns.js';
import { FaultyFs } from './testdata/faulty-fs.js';

const open: FileOutbox[] = [];
async function openAt(dir: string, extra: Partial<OpenOutboxOptions> = {}): Promise<FileOutbox> {
  const o = await openOutbox({ dir, siteId: SITE, ...extra });
  open.push(o);
  return o;
}
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

describe('file outbox', () => {
  it('appends, acks and reopens with the same state', async () => {
    const dir = await tempDir();
    const a = await openAt(dir);
    expect(a.lastSeq).toBe(0);
    const r1 = await a.append(burn(1));
    expect(r1).toMatchObject({
      site_id: SITE,
      seq: 1,
      prev_hash: GENESIS_HASH,
      micro_tokens: 1235,
    });
    for (let i = 2; i <= 10; i++) await a.append(burn(i));
    await a.ack(4);
    expect([a.depth, a.ackedSeq, a.lastSeq]).toEqual([6, 4, 10]);
    const before = a.pending();
    await a.close();

    const b = await openAt(dir);
    expect([b.depth, b.ackedSeq, b.lastSeq]).toEqual([6, 4, 10]);
    expect(b.pending()).toEqual(before);
    expect(b.recovered).toMatchObject({ pending: 6, ackedSeq: 4, lastSeq: 10, warnings: [] });
    expect(b.recovered.tornTail).toBeUndefined();
    const r11 = await b.append(burn(11));
    expect(r11.seq).toBe(11);
    expect(r11.prev_hash).toBe(before.at(-1)?.hash);
    assertChain(undefined, [r1]);
    assertChain(before[0], [...before.slice(1), r11]);
  });

  it('serves pending() by seq and limit', async () => {
    const o = await openAt(await tempDir());
    for (let i = 1; i <= 10; i++) await o.append(burn(i));
    await o.ack(3);
    expect(o.pending().map((r) => r.seq)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(o.pending(6, 2).map((r) => r.seq)).toEqual([6, 7]);
    expect(o.pending(1, 2).map((r) => r.seq)).toEqual([4, 5]); // acked records are gone
    expect(o.pending(11)).toEqual([]);
    expect(o.pending(4, 0)).toEqual([]);
  });

  it('ignores acks at or below the mark and rejects acks past the last seq', async () => {
    const o = await openAt(await tempDir());
    for (let i = 1; i <= 3; i++) await o.append(burn(i));
    await o.ack(2);
    await o.ack(1);
    await o.ack(2);
    expect(o.ackedSeq).toBe(2);
    await expect(o.ack(4)).rejects.toBeInstanceOf(OutboxAckRangeError);
    await expect(o.ack(1.5)).rejects.toBeInstanceOf(OutboxAckRangeError);
    expect(o.ackedSeq).toBe(2);
  });

  it('group-commits concurrent appends: seqs in call order, one write and one fsync, all durable', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const o = await openAt(dir, { fs });
    const writes = fs.calls.write;
    const syncs = fs.calls.datasync;
    const records = await Promise.all(Array.from({ length: 100 }, (_, i) => o.append(burn(i))));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(records.map((r) => r.micro_tokens)).toEqual(
      Array.from({ length: 100 }, (_, i) => burn(i).micro_tokens),
    );
    expect(fs.calls.write - writes).toBe(1);
    expect(fs.calls.datasync - syncs).toBe(1);
    assertChain(undefined, records);
    await o.close();
    const again = await openAt(dir);
    expect(again.pending()).toEqual(records);
  });

  it('queues appends made while a write is in flight into the next single write', async () => {
    const fs = new FaultyFs();
    const o = await openAt(await tempDir(), { fs });
    const syncs = fs.calls.datasync;
    const late: Promise<BurnRecordData>[] = [];
    fs.onWrite = () => {
      fs.onWrite = undefined;
      for (let i = 0; i < 50; i++) late.push(o.append(burn(100 + i)));
    };
    const early = await Promise.all(Array.from({ length: 10 }, (_, i) => o.append(burn(i))));
    const rest = await Promise.all(late);
    expect(early.map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(rest.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 11));
    expect(fs.calls.datasync - syncs).toBe(2);
    assertChain(undefined, [...early, ...rest]);
  });

  it('splits a queue longer than maxBatchRecords into several writes', async () => {
    const fs = new FaultyFs();
    const o = await openAt(await tempDir(), { fs, maxBatchRecords: 30 });
    const syncs = fs.calls.datasync;
    const all = await Promise.all(Array.from({ length: 100 }, (_, i) => o.append(burn(i))));
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(fs.calls.datasync - syncs).toBe(4); // 30 + 30 + 30 + 10
    assertChain(undefined, all);
  });

  it('refuses appends past capacity with OutboxFullError and admits again after an ack', async () => {
    const o = await openAt(await tempDir(), { capacity: 5 });
    const first = await Promise.all([1, 2, 3].map((i) => o.append(burn(i))));
    expect(o.isFull).toBe(false);
    // two more fit even while queued; the sixth is refused before any I/O
    const inFlight = [o.append(burn(4)), o.append(burn(5))];
    expect(o.isFull).toBe(true);
    const refused = o.append(burn(6));
    await expect(refused).rejects.toBeInstanceOf(OutboxFullError);
    await expect(refused).rejects.toMatchObject({
      code: 'OUTBOX_FULL',
      data: { depth: 5, capacity: 5 },
    });
    await Promise.all(inFlight);
    expect([o.depth, o.lastSeq]).toEqual([5, 5]);
    await o.ack(first[1]!.seq);
    expect(o.isFull).toBe(false);
    expect((await o.append(burn(7))).seq).toBe(6);
  });

  it('loads more records than capacity at open rather than dropping any, and reports full', async () => {
    const dir = await tempDir();
    const a = await openAt(dir);
    for (let i = 1; i <= 8; i++) await a.append(burn(i));
    await a.close();
    const b = await openAt(dir, { capacity: 5 });
    expect([b.depth, b.isFull]).toEqual([8, true]);
    await expect(b.append(burn(9))).rejects.toBeInstanceOf(OutboxFullError);
  });

  it('compacts once more than half of the log is acknowledged, keeping the survivors and the chain', async () => {
    const dir = await tempDir();
    const o = await openAt(dir, { compactMinBytes: 0 });
    const all = [];
    for (let i = 1; i <= 20; i++) all.push(await o.append(burn(i)));
    const logPath = join(dir, 'outbox.log');
    const full = (await stat(logPath)).size;
    await o.ack(8); // 8 of 20 acked: not yet
    expect((await stat(logPath)).size).toBe(full);
    await o.ack(12); // 12 of 20: compact
    const compacted = (await stat(logPath)).size;
    expect(compacted).toBeLessThan(full / 2);
    expect(o.pending()).toEqual(all.slice(12));
    const r21 = await o.append(burn(21));
    await o.close();

    const b = await openAt(dir);
    expect([b.ackedSeq, b.lastSeq]).toEqual([12, 21]);
    expect(b.pending()).toEqual([...all.slice(12), r21]);
    assertChain(all[11], b.pending());
  });

  it('keeps the chain going after everything is acked and compacted away', async () => {
    const dir = await tempDir();
    const o = await openAt(dir, { compactMinBytes: 0 });
    let last;
    for (let i = 1; i <= 5; i++) last = await o.append(burn(i));
    await o.ack(5);
    await o.close();
    const log = await readFile(join(dir, 'outbox.log'));
    expect(log.toString()).not.toContain('lease-'); // no records left, only the header with the anchor

    const b = await openAt(dir);
    expect([b.depth, b.ackedSeq, b.lastSeq]).toEqual([0, 5, 5]);
    const r6 = await b.append(burn(6));
    expect(r6.seq).toBe(6);
    assertChain(last, [r6]);
  });

  it('commits appends while an ack mark is still being written, and both survive a reopen', async () => {
    const dir = await tempDir();
    const fs = new FaultyFs();
    const base = fs.openForWrite.bind(fs);
    let reached!: () => void;
    const ackSyncing = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The ack mark's temp file: its fsync waits until the test lets it go.
    fs.openForWrite = async (path, mode) => {
      const h = await base(path, mode);
      if (!path.endsWith('outbox.ack.tmp')) return h;
      return {
        ...h,
        sync: async () => {
          reached();
          await held;
          await h.sync();
        },
      };
    };
    const o = await openAt(dir, { fs });
    const first = [await o.append(burn(1)), await o.append(burn(2)), await o.append(burn(3))];
    const ack = o.ack(2);
    await ackSyncing;
    const during = await Promise.all([o.append(burn(4)), o.append(burn(5))]);
    expect(during.map((r) => r.seq)).toEqual([4, 5]);
    expect(o.ackedSeq).toBe(0); // the ack mark is not durable yet
    release();
    await ack;
    expect([o.ackedSeq, o.lastSeq, o.depth]).toEqual([2, 5, 3]);
    const lease = first[0]!.lease_id;
    const total = [...first, ...during]
      .filter((r) => r.lease_id === lease)
      .reduce((a, r) => a + r.micro_tokens, 0);
    expect(o.burnedFor(lease)).toBe(total);
    await o.close();

    const b = await openAt(dir);
    expect([b.ackedSeq, b.lastSeq]).toEqual([2, 5]);
    expect(b.pending()).toEqual([first[2], ...during]);
    assertChain(first[1], b.pending());
    expect(b.burnedFor(lease)).toBe(total);
  });

  it('does not compact a small log below compactMinBytes', async () => {
    const dir = await tempDir();
    const o = await openAt(dir);
    for (let i = 1; i <= 5; i++) await o.append(burn(i));
    const size = (await stat(join(dir, 'outbox.log'))).size;
    await o.ack(5);
    expect((await stat(join(dir, 'outbox.log'))).size).toBe(size);
  });

  it('rejects fields it cannot store exactly', async () => {
    const o = await openAt(await tempDir());
    await expect(o.append({ ...burn(1), micro_tokens: 1.5 })).rejects.toBeInstanceOf(
      OutboxInvalidRecordError,
    );
    await expect(o.append({ ...burn(1), micro_tokens: -1 })).rejects.toMatchObject({
      data: { field: 'micro_tokens' },
    });
    await expect(o.append({ ...burn(1), lease_id: 'x'.repeat(5000) })).rejects.toMatchObject({
      data: { field: 'lease_id' },
    });
    await expect(o.append({ ...burn(1), slot: 7 as unknown as string })).rejects.toMatchObject({
      data: { field: 'slot' },
    });
    expect(o.lastSeq).toBe(0);
  });

  it("refuses what the coordinator would refuse (proto's burn-record limits), not only what it cannot store", async () => {
    const o = await openAt(await tempDir());
    await expect(
      o.append({ ...burn(1), lease_id: 'l'.repeat(BURN_RECORD_LIMITS.leaseIdMaxChars + 1) }),
    ).rejects.toMatchObject({ data: { field: 'lease_id' } });
    await expect(
      o.append({ ...burn(1), slot: 's'.repeat(BURN_RECORD_LIMITS.slotMaxChars + 1) }),
    ).rejects.toMatchObject({ data: { field: 'slot' } });
    await expect(o.append({ ...burn(1), lease_id: '' })).rejects.toMatchObject({
      data: { field: 'lease_id' },
    });
    const b = burn(1);
    await expect(o.append({ ...b, ended_at_ms: b.started_at_ms - 1 })).rejects.toMatchObject({
      data: { field: 'ended_at_ms' },
    });
    expect(o.lastSeq).toBe(0);
    expect(
      await o.append({ ...b, slot: 's'.repeat(BURN_RECORD_LIMITS.slotMaxChars) }),
    ).toMatchObject({ seq: 1 });
  });

  it('stores, chains and reads back the MIG instance of a pinned burn (v2 hash), and none for a whole device', async () => {
    const dir = await tempDir();
    const a = await openAt(dir);
    const mig = 'MIG-4b1c6f5e-2a3d-5e6f-8a9b-0c1d2e3f4a5b';
    const r1 = await a.append({ ...burn(1), mig_instance_uuid: mig });
    const r2 = await a.append({ ...burn(2), mig_instance_uuid: '' });
    expect(r1.mig_instance_uuid).toBe(mig);
    expect(Object.keys(r2)).not.toContain('mig_instance_uuid');
    assertChain(undefined, [r1, r2]);
    await expect(
      a.append({
        ...burn(3),
        mig_instance_uuid: 'M'.repeat(BURN_RECORD_LIMITS.migInstanceUuidMaxChars + 1),
      }),
    ).rejects.toMatchObject({ data: { field: 'mig_instance_uuid' } });
    await a.close();
    const b = await openAt(dir);
    expect(b.pending()).toEqual([r1, r2]);
    expect(b.pending()[0]?.mig_instance_uuid).toBe(mig);
  });

  it('keeps only the burn fields of what it is given', async () => {
    const o = await openAt(await tempDir());
    const extra = {
      ...burn(1),
      seq: 99,
      site_id: 'other',
      note: 'ignored',
    } as unknown as ReturnType<typeof burn>;
    expect(await o.append(extra)).toMatchObject({ seq: 1, site_id: SITE });
  });

  it('refuses to open another site’s outbox', async () => {
    const dir = await tempDir();
    const a = await openAt(dir);
    await a.append(burn(1));
    await a.close();
    await expect(openOutbox({ dir, siteId: 'someone-else' })).rejects.toBeInstanceOf(
      OutboxSiteMismatchError,
    );
  });

  it('lets one writer at a time hold a directory, and takes over a lock left by a dead process', async () => {
    const dir = await tempDir();
    const a = await openAt(dir);
    await expect(openOutbox({ dir, siteId: SITE })).rejects.toBeInstanceOf(OutboxLockedError);
    await a.close();
    await writeFile(join(dir, 'outbox.lock'), `${2 ** 22 + 12345}\n`); // beyond pid_max: not running
    const b = await openAt(dir);
    expect(b.lastSeq).toBe(0);
  });

  it('flushes appends queued before close and refuses new ones after', async () => {
    const dir = await tempDir();
    const o = await openOutbox({ dir, siteId: SITE });
    const p = o.append(burn(1));
    const closed = o.close();
    await expect(o.append(burn(2))).rejects.toBeInstanceOf(OutboxClosedError);
    expect((await p).seq).toBe(1);
    await closed;
    const b = await openAt(dir);
    expect(b.lastSeq).toBe(1);
  });
});
