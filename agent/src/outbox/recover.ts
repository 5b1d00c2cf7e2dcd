import { join } from 'node:path';
import { GENESIS_HASH } from '@edgefleet/proto';
import { readAckMark } from './ack-mark.js';
import { PROBE_FILE } from './disk-space.js';
import { tempPathFor } from './durable-file.js';
import type { AckedLeaseTotals } from './lease-totals.js';
import { OutboxCorruptError } from './errors.js';
import type { TornTail } from './frame.js';
import type { OutboxFileHandle, OutboxFs } from './fs-port.js';
import { createLog, readLog, type LogEntry } from './log-file.js';
import type { ChainPoint } from './log-format.js';
import type { OutboxWarning } from './warnings.js';

export interface OutboxPaths {
  dir: string;
  log: string;
  ack: string;
}

/** The outbox's state rebuilt from disk, with the log open for appending. */
export interface RecoveredState {
  handle: OutboxFileHandle;
  logSize: number;
  headerBytes: number;
  /** Unacknowledged records, seq acked.seq+1 .. last.seq. */
  entries: LogEntry[];
  acked: ChainPoint;
  /** Acknowledged µT per lease, from the ack mark (empty when there is none). */
  ackedLeases: AckedLeaseTotals;
  last: ChainPoint;
  tornTail?: TornTail;
  warnings: OutboxWarning[];
}

const GENESIS: ChainPoint = { seq: 0, hash: GENESIS_HASH };

async function freshLog(
  fs: OutboxFs,
  paths: OutboxPaths,
  siteId: string,
  anchor: ChainPoint,
  ackedLeases: AckedLeaseTotals,
  warnings: OutboxWarning[],
): Promise<RecoveredState> {
  const created = await createLog(fs, paths.log, { siteId, anchor }, [], 1);
  if (created.dirSyncError !== undefined) {
    await created.handle.close().catch(() => undefined);
    throw created.dirSyncError;
  }
  return {
    handle: created.handle,
    logSize: created.size,
    headerBytes: created.headerBytes,
    entries: [],
    acked: anchor,
    ackedLeases,
    last: anchor,
    warnings,
  };
}

/**
 * Replays the outbox directory: verifies every frame and the whole hash chain, checks the ack mark
 * against the log, and cuts off a torn tail. The next seq continues from max(ack mark, last record),
 * and the chain from that point's hash.
 */
export async function recover(
  fs: OutboxFs,
  paths: OutboxPaths,
  siteId: string,
): Promise<RecoveredState> {
  await fs.remove(tempPathFor(paths.log));
  await fs.remove(tempPathFor(paths.ack));
  await fs.remove(join(paths.dir, PROBE_FILE));
  const warnings: OutboxWarning[] = [];
  const ackRead = await readAckMark(fs, paths.ack, siteId);
  if (ackRead.state === 'unreadable')
    warnings.push({ kind: 'ack_mark_unreadable', file: paths.ack, reason: ackRead.reason });
  const mark = ackRead.state === 'ok' ? ackRead.mark : undefined;
  const ackedLeases: AckedLeaseTotals = ackRead.state === 'ok' ? ackRead.leases : new Map();

  const log = await readLog(fs, paths.log, siteId);
  if (log === undefined) {
    if (mark !== undefined)
      warnings.push({ kind: 'log_missing', file: paths.log, ackedSeq: mark.seq });
    return freshLog(fs, paths, siteId, mark ?? GENESIS, ackedLeases, warnings);
  }

  const anchor = log.header.anchor;
  let acked = anchor;
  if (mark !== undefined && mark.seq > log.last.seq) {
    warnings.push({
      kind: 'log_behind_ack',
      file: paths.log,
      logLastSeq: log.last.seq,
      ackedSeq: mark.seq,
    });
    return freshLog(fs, paths, siteId, mark, ackedLeases, warnings);
  }
  if (mark !== undefined && mark.seq >= anchor.seq) {
    const logHash =
      mark.seq === anchor.seq ? anchor.hash : log.entries[mark.seq - anchor.seq - 1]?.rec.hash;
    if (logHash !== mark.hash) {
      throw new OutboxCorruptError(
        paths.ack,
        0,
        `ack mark says seq ${mark.seq} has hash ${mark.hash}, the log says ${String(logHash)}`,
        { seq: mark.seq },
      );
    }
    acked = mark;
  }

  const handle = await fs.openForWrite(paths.log, 'existing');
  try {
    if (log.torn !== undefined) {
      await handle.truncate(log.validEnd);
      await handle.datasync();
      warnings.push({ kind: 'torn_tail', file: paths.log, ...log.torn });
    }
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
  return {
    handle,
    logSize: log.validEnd,
    headerBytes: log.headerBytes,
    entries: log.entries.slice(acked.seq - anchor.seq),
    acked,
    ackedLeases,
    last: log.last,
    ...(log.torn ? { tornTail: log.torn } : {}),
    warnings,
  };
}
