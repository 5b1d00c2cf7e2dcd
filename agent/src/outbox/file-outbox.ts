import { join } from 'node:path';
import { EdgefleetError } from '@edgefleet/common';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';
import { writeAckMark } from './ack-mark.js';
import {
  OutboxAckRangeError,
  OutboxClosedError,
  OutboxDiskFullError,
  OutboxFullError,
  OutboxOpenError,
  OutboxWriteError,
} from './errors.js';
import { isDiskFull, probeSpace } from './disk-space.js';
import {
  DEFAULT_DURABILITY,
  DEFAULT_SYNC_INTERVAL_MS,
  type OutboxDurability,
} from './durability.js';
import {
  nodeFs,
  writeFully,
  writeFullyNow,
  type OutboxFileHandle,
  type OutboxFs,
} from './fs-port.js';
import { DEFAULT_LEASE_TOTALS_RETENTION_MS, LeaseTotals } from './lease-totals.js';
import { createLog, type LogEntry } from './log-file.js';
import { encodeBatchFrame, type ChainPoint } from './log-format.js';
import { lockDir } from './lock.js';
import { normalizeBurnInput, type BurnInput } from './record-fields.js';
import { recover, type OutboxPaths, type RecoveredState } from './recover.js';
import type { Outbox } from './types.js';
import type { OutboxWarning, RecoveryInfo } from './warnings.js';

export interface OpenOutboxOptions {
  /** Directory holding outbox.log, outbox.ack and outbox.lock; created if missing. */
  dir: string;
  siteId: string;
  /** Most unacknowledged records (written + being written); append() throws OutboxFullError beyond it. Default 100,000. */
  capacity?: number;
  /**
   * Compaction runs when acknowledged bytes exceed both the live bytes and this. Default 1 MiB: a
   * compaction holds up appends for a few fsyncs, so it should come seldom (about every 2,500 burns).
   */
  compactMinBytes?: number;
  /** Most records per group-commit write (one frame, one fsync). Default 1024. */
  maxBatchRecords?: number;
  /** File operations; tests inject faults here. Default: node:fs. */
  fs?: OutboxFs;
  /**
   * Acknowledged per-lease totals are kept (in the ack mark) until the lease's newest burn is this much
   * older than the newest acknowledged burn. Default 24 h.
   */
  leaseTotalsRetentionMs?: number;
  /**
   * When append() resolves: after the fdatasync of its frame (default), or after its write(2) with the
   * fdatasync in the background within `syncIntervalMs` (durability.ts, README "Durability").
   */
  durability?: OutboxDurability;
  /** write-before-answer: most ms from a record's write to the start of the fdatasync that covers it. Default 5. */
  syncIntervalMs?: number;
  /** Told about recoveries and degraded conditions (also listed in `recovered.warnings` for those found at open). */
  onWarning?: (warning: OutboxWarning) => void;
}

/** The file-backed outbox: the Outbox contract plus what an operator wants to see. */
export interface FileOutbox extends Outbox {
  readonly dir: string;
  /** What open() found and repaired. */
  readonly recovered: RecoveryInfo;
  /**
   * Set after a failure that left the disk in an unknown state (an fsync of the log or of its
   * directory failed, or a failed write could not be rolled back). Every later append/ack rejects with OutboxWriteError; close the
   * outbox and open it again to continue from what is on disk.
   */
  readonly broken: unknown;
  /**
   * Set by a write that failed for lack of space (OutboxDiskFullError), cleared by the next write
   * that succeeds or by recheckDisk(): while set, the agent admits no new lease.
   */
  readonly diskFull: boolean;
  /** When append() resolves: see durability.ts. */
  readonly durability: OutboxDurability;
  /** While diskFull: probes whether space returned (clears diskFull if so). Resolves diskFull. */
  recheckDisk(): Promise<boolean>;
}

export const DEFAULT_CAPACITY = 100_000;
const DEFAULT_COMPACT_MIN_BYTES = 1024 * 1024;
const DEFAULT_MAX_BATCH = 1024;

interface QueuedAppend {
  fields: BurnInput;
  resolve: (rec: BurnRecordData) => void;
  reject: (err: unknown) => void;
}

function positiveInt(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  return v;
}

export async function openOutbox(opts: OpenOutboxOptions): Promise<FileOutbox> {
  const capacity = positiveInt('capacity', opts.capacity, DEFAULT_CAPACITY);
  const compactMinBytes = positiveInt(
    'compactMinBytes',
    opts.compactMinBytes,
    DEFAULT_COMPACT_MIN_BYTES,
  );
  const maxBatch = Math.max(
    1,
    positiveInt('maxBatchRecords', opts.maxBatchRecords, DEFAULT_MAX_BATCH),
  );
  const fs = opts.fs ?? nodeFs;
  const paths: OutboxPaths = {
    dir: opts.dir,
    log: join(opts.dir, 'outbox.log'),
    ack: join(opts.dir, 'outbox.ack'),
  };
  let release: (() => Promise<void>) | undefined;
  try {
    await fs.mkdirp(opts.dir);
    release = await lockDir(opts.dir);
    const state = await recover(fs, paths, opts.siteId);
    // What recovery read may still be only in the page cache (a write-before-answer process killed
    // before its background fsync): make it durable before any of it is published.
    if (state.entries.length > 0) await state.handle.datasync();
    const totals = new LeaseTotals(
      state.ackedLeases,
      state.entries.map((e) => e.rec),
      positiveInt(
        'leaseTotalsRetentionMs',
        opts.leaseTotalsRetentionMs,
        DEFAULT_LEASE_TOTALS_RETENTION_MS,
      ),
    );
    const outbox = new FileOutboxImpl(
      {
        durability: opts.durability ?? DEFAULT_DURABILITY,
        syncIntervalMs: positiveInt(
          'syncIntervalMs',
          opts.syncIntervalMs,
          DEFAULT_SYNC_INTERVAL_MS,
        ),
      },
      fs,
      paths,
      opts.siteId,
      capacity,
      compactMinBytes,
      maxBatch,
      state,
      totals,
      release,
      opts.onWarning,
    );
    for (const w of state.warnings) opts.onWarning?.(w);
    await outbox.compactIfWorthIt();
    return outbox;
  } catch (err) {
    await release?.();
    if (err instanceof EdgefleetError) throw err;
    throw new OutboxOpenError(opts.dir, err);
  }
}

class FileOutboxImpl implements FileOutbox {
  readonly recovered: RecoveryInfo;
  private handle: OutboxFileHandle;
  private logSize: number;
  private headerBytes: number;
  /** Unacknowledged records on disk, seq acked.seq+1 .. last.seq. */
  private entries: LogEntry[];
  private liveBytes: number;
  private acked: ChainPoint;
  private last: ChainPoint;
  private queue: QueuedAppend[] = [];
  private inflight = 0;
  private flushScheduled = false;
  /** Log writes (group commits, compaction) run in this chain, one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Ack marks run in this one, one at a time; an ack that compacts takes the log's chain as well. */
  private ackChain: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private brokenCause: unknown;
  private diskFullCause: unknown;
  /** Highest seq whose frame has been fdatasync'd (or written into a synced compacted log). */
  private synced: number;
  /** write-before-answer: the timer of the next background fdatasync, and the one running. */
  private syncTimer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly mode: { durability: OutboxDurability; syncIntervalMs: number },
    private readonly fs: OutboxFs,
    private readonly paths: OutboxPaths,
    private readonly siteId: string,
    readonly capacity: number,
    private readonly compactMinBytes: number,
    private readonly maxBatch: number,
    state: RecoveredState,
    private readonly totals: LeaseTotals,
    private readonly release: () => Promise<void>,
    private readonly onWarning: ((w: OutboxWarning) => void) | undefined,
  ) {
    this.handle = state.handle;
    this.logSize = state.logSize;
    this.headerBytes = state.headerBytes;
    this.entries = state.entries;
    this.liveBytes = state.entries.reduce((sum, e) => sum + e.bytes, 0);
    this.acked = state.acked;
    this.last = state.last;
    this.synced = state.last.seq; // fsync'd at open
    this.recovered = {
      pending: state.entries.length,
      ackedSeq: state.acked.seq,
      lastSeq: state.last.seq,
      ...(state.tornTail ? { tornTail: state.tornTail } : {}),
      warnings: state.warnings,
    };
  }

  get dir(): string {
    return this.paths.dir;
  }
  get depth(): number {
    return this.entries.length;
  }
  get lastSeq(): number {
    return this.last.seq;
  }
  get durableSeq(): number {
    return this.synced;
  }
  get durability(): OutboxDurability {
    return this.mode.durability;
  }
  get ackedSeq(): number {
    return this.acked.seq;
  }
  get isFull(): boolean {
    return this.admitted() >= this.capacity;
  }
  get broken(): unknown {
    return this.brokenCause;
  }
  get diskFull(): boolean {
    return this.diskFullCause !== undefined;
  }

  recheckDisk(): Promise<boolean> {
    if (this.diskFullCause === undefined) return Promise.resolve(false);
    return this.serial(async () => {
      if (this.diskFullCause === undefined) return false; // a write succeeded meanwhile
      if (await probeSpace(this.fs, this.paths.dir)) this.diskFullCause = undefined;
      return this.diskFull;
    });
  }

  /** The error for a failed write: OutboxDiskFullError (and diskFull set) when the disk is full. */
  private writeFailure(
    op: string,
    path: string,
    err: unknown,
    extra: Record<string, unknown>,
  ): OutboxWriteError {
    if (!isDiskFull(err)) return new OutboxWriteError(op, path, err, extra);
    this.diskFullCause = err;
    return new OutboxDiskFullError(op, path, err, extra);
  }

  burnedFor(leaseId: string): number {
    return this.totals.burned(leaseId);
  }

  /** Records written plus those waiting for or inside a write: what counts against capacity. */
  private admitted(): number {
    return this.entries.length + this.queue.length + this.inflight;
  }

  append(fields: BurnInput): Promise<BurnRecordData> {
    if (this.closing) return Promise.reject(new OutboxClosedError());
    if (this.brokenCause !== undefined) return Promise.reject(this.brokenError('append'));
    const admitted = this.admitted();
    if (admitted >= this.capacity)
      return Promise.reject(new OutboxFullError(admitted, this.capacity));
    let normalized: BurnInput;
    try {
      normalized = normalizeBurnInput(fields);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ fields: normalized, resolve, reject });
      this.scheduleFlush();
    });
  }

  pending(fromSeq?: number, limit?: number): BurnRecordData[] {
    const first = this.acked.seq + 1;
    const from =
      fromSeq === undefined || Number.isNaN(fromSeq) ? first : Math.max(Math.ceil(fromSeq), first);
    const max = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
    if (max === 0) return [];
    const start = from - first;
    return this.entries.slice(start, start + max).map((e) => e.rec);
  }

  ack(seq: number): Promise<void> {
    if (this.closing) return Promise.reject(new OutboxClosedError());
    if (!Number.isSafeInteger(seq))
      return Promise.reject(new OutboxAckRangeError(seq, this.last.seq));
    // The ack mark is its own file: writing it never holds up an append's group commit (the records
    // it acknowledges are already durable, and appends only add after them). Compaction replaces the
    // log and the in-memory entries, so it takes the log's chain too, while this ack holds its own.
    return this.serialAck(async () => {
      if (this.brokenCause !== undefined) throw this.brokenError('ack');
      if (seq <= this.acked.seq) return;
      if (seq > this.last.seq) throw new OutboxAckRangeError(seq, this.last.seq);
      const n = seq - this.acked.seq;
      const entry = this.entries[n - 1];
      if (entry === undefined)
        throw new Error(`outbox invariant: no pending record for seq ${seq}`);
      const mark: ChainPoint = { seq, hash: entry.rec.hash };
      const ackedRecords = this.entries.slice(0, n).map((e) => e.rec);
      const ackedLeases = this.totals.ackedAfter(ackedRecords);
      try {
        await writeAckMark(this.fs, this.paths.ack, this.siteId, mark, ackedLeases);
      } catch (err) {
        throw this.writeFailure('ack', this.paths.ack, err, { seq });
      }
      this.totals.commitAck(ackedRecords, ackedLeases);
      for (const e of this.entries.splice(0, n)) this.liveBytes -= e.bytes;
      this.acked = mark;
      await this.serial(() => this.compactIfWorthIt());
    });
  }

  close(): Promise<void> {
    // after the acks already asked for, then after the appends already queued
    this.closing ??= this.serialAck(() =>
      this.serial(async () => {
        while (this.queue.length > 0) await this.flush();
        try {
          await this.syncNow(); // write-before-answer: what is still unsynced (rejects close if it fails)
        } finally {
          try {
            await this.handle.close();
          } finally {
            await this.release();
          }
        }
      }),
    );
    return this.closing;
  }

  /** The log's chain: group commits, compaction, the disk probe. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op, op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The ack mark's chain: one ack at a time, beside the log's chain. */
  private serialAck<T>(op: () => Promise<T>): Promise<T> {
    const run = this.ackChain.then(op, op);
    this.ackChain = run.catch(() => undefined);
    return run;
  }

  private brokenError(op: string): OutboxWriteError {
    return new OutboxWriteError(op, this.paths.log, this.brokenCause, { broken: true });
  }

  /** Appends made in the same tick, or while a write is in flight, go out together in the next write. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      void this.serial(() => this.flush());
    });
  }

  /** Writes one group of queued appends as one frame with one fsync. Never throws: each append gets its own outcome. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    if (this.queue.length > 0) this.scheduleFlush(); // the rest goes next, after any ack already waiting
    this.inflight += batch.length;
    try {
      const outcome = await this.writeBatch(batch.map((q) => q.fields));
      if (outcome.ok) batch.forEach((q, i) => q.resolve(outcome.records[i] as BurnRecordData));
      else for (const q of batch) q.reject(outcome.error);
    } finally {
      this.inflight -= batch.length;
    }
  }

  private async writeBatch(
    batch: BurnInput[],
  ): Promise<{ ok: true; records: BurnRecordData[] } | { ok: false; error: unknown }> {
    if (this.brokenCause !== undefined) return { ok: false, error: this.brokenError('append') };
    const records: BurnRecordData[] = [];
    let prev: ChainPoint = this.last;
    for (const fields of batch) {
      const rec = Object.freeze(chainBurn(prev, { ...fields, site_id: this.siteId }));
      records.push(rec);
      prev = rec;
    }
    const frame = encodeBatchFrame(records);
    const at = this.logSize;
    try {
      const { writeNow } = this.handle;
      // write-before-answer: the write is the whole wait, so skip the thread-pool round trip (on a
      // loaded host each thread wake-up costs about a millisecond); the fsync stays in the background
      if (this.mode.durability === 'write-before-answer' && writeNow)
        writeFullyNow(writeNow, frame, at);
      else await writeFully(this.handle, frame, at);
    } catch (err) {
      await this.rollback(at); // ENOSPC and friends: cut the partial frame off and stay usable
      return {
        ok: false,
        error: this.writeFailure('append', this.paths.log, err, { records: batch.length }),
      };
    }
    if (this.mode.durability === 'write-before-answer') {
      // in the page cache now: a killed process cannot lose it; the fdatasync follows in the background
      this.commitWritten(records, at + frame.length, frame.length);
      this.scheduleSync();
      return { ok: true, records };
    }
    try {
      await this.handle.datasync();
    } catch (err) {
      // after a failed fsync the kernel's view of the file is untrustworthy: roll back, then refuse
      // further writes until the outbox is reopened from what is really on disk
      await this.rollback(at);
      this.brokenCause ??= err;
      return {
        ok: false,
        error: new OutboxWriteError('append', this.paths.log, err, {
          records: batch.length,
          broken: true,
        }),
      };
    }
    this.commitWritten(records, at + frame.length, frame.length);
    this.synced = this.last.seq;
    return { ok: true, records };
  }

  /** A batch's frame is in the log: its records become pending (and count in burnedFor). */
  private commitWritten(records: BurnRecordData[], logSize: number, frameBytes: number): void {
    this.logSize = logSize;
    const share = frameBytes / records.length;
    for (const rec of records) {
      this.entries.push({ rec, bytes: share });
      this.totals.addPending(rec);
    }
    this.liveBytes += frameBytes;
    this.last = records[records.length - 1] as BurnRecordData;
    this.diskFullCause = undefined; // a frame fit: there is space again
  }

  /**
   * write-before-answer: the background group commit. One fdatasync at most `syncIntervalMs` after
   * the first write it covers; writes made while it runs get the next one. Outside the log's chain,
   * so a write never waits for an fsync (pwrite and fdatasync on one fd may overlap: the fsync covers
   * at least what was written before it started).
   */
  private scheduleSync(): void {
    if (this.syncTimer !== undefined || this.syncing !== undefined) return; // the running one reschedules
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      this.syncing = this.backgroundSync().finally(() => {
        this.syncing = undefined;
        if (this.last.seq > this.synced && this.brokenCause === undefined && !this.closing)
          this.scheduleSync();
      });
    }, this.mode.syncIntervalMs);
    this.syncTimer.unref();
  }

  private async backgroundSync(): Promise<void> {
    const handle = this.handle;
    const target = this.last.seq;
    try {
      await handle.datasync();
      if (handle === this.handle) this.synced = Math.max(this.synced, target);
    } catch (error) {
      if (handle !== this.handle) return; // a compaction replaced (and synced) the log meanwhile
      // The records were answered already, so they cannot be rolled back; what the disk holds is now
      // unknown, so stop writing until reopened (as after a failed fsync-before-answer).
      this.brokenCause ??= error;
      this.onWarning?.({ kind: 'background_sync_failed', error, unsyncedFrom: this.synced + 1 });
    }
  }

  /** Cancels the timer and makes everything written durable (close). */
  private async syncNow(): Promise<void> {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    await this.syncing;
    if (this.last.seq > this.synced && this.brokenCause === undefined) {
      await this.handle.datasync();
      this.synced = this.last.seq;
    }
  }

  /** Cuts the log back to `size` bytes after a failed write. If that fails too, the outbox is broken. */
  private async rollback(size: number): Promise<void> {
    try {
      await this.handle.truncate(size);
      await this.handle.datasync();
    } catch (err) {
      this.brokenCause ??= err;
    }
  }

  /**
   * Rewrites the log without the acknowledged records when they are more than half of it (and at
   * least compactMinBytes). Crash-safe: the new log is built aside and renamed over the old one. A failure is a warning.
   */
  async compactIfWorthIt(): Promise<void> {
    if (this.brokenCause !== undefined) return;
    const dead = this.logSize - this.headerBytes - this.liveBytes;
    if (!(dead > this.liveBytes && dead >= this.compactMinBytes)) return;
    let created;
    try {
      const survivors = this.entries.map((e) => e.rec);
      created = await createLog(
        this.fs,
        this.paths.log,
        { siteId: this.siteId, anchor: this.acked },
        survivors,
        this.maxBatch,
      );
    } catch (error) {
      this.onWarning?.({ kind: 'compaction_failed', error });
      return;
    }
    if (created.dirSyncError !== undefined) {
      // the rename may not survive power loss; appends to the new file could then vanish with it
      this.brokenCause ??= created.dirSyncError;
      this.onWarning?.({ kind: 'compaction_dir_sync_failed', error: created.dirSyncError });
    }
    const old = this.handle;
    await this.syncing; // a background fsync of the old log ends before the old log is closed
    this.handle = created.handle;
    this.logSize = created.size;
    this.headerBytes = created.headerBytes;
    this.entries = created.entries;
    this.liveBytes = created.entries.reduce((sum, e) => sum + e.bytes, 0);
    // The new log was fsync'd whole, but it holds what the old one did not sync only if its name
    // survives: after a failed directory fsync a power cut may bring back the old log, which has
    // nothing the old log had not synced. (A fixed fault: durableSeq jumped here, so the uploader
    // could publish records a power cut then took back, forking the chain.)
    if (created.dirSyncError === undefined) this.synced = this.last.seq;
    await old.close().catch(() => undefined);
  }
}
