import { writeFileDurably } from './durable-file.js';
import { OutboxSiteMismatchError } from './errors.js';
import { encodeFrame, scanFrames } from './frame.js';
import type { OutboxFs } from './fs-port.js';
import { decodeLeaseTotals, encodeLeaseTotals, type AckedLeaseTotals } from './lease-totals.js';
import type { ChainPoint } from './log-format.js';

/**
 * The ack mark: the highest seq the coordinator reconciled, with that record's hash, so the
 * chain can continue after compaction has dropped every record, and the acknowledged µT per lease
 * (`leases`), so that budgets are still enforced after a restart. One frame, replaced atomically.
 */
export const ACK_FORMAT = 'edgefleet-burn-ack';

export type AckMarkRead =
  | { state: 'missing' }
  | { state: 'ok'; mark: ChainPoint; leases: AckedLeaseTotals }
  /** Unreadable (bad checksum or shape): recovery falls back to the log's anchor and resends more. */
  | { state: 'unreadable'; reason: string };

export async function readAckMark(
  fs: OutboxFs,
  path: string,
  siteId: string,
): Promise<AckMarkRead> {
  const buf = await fs.readFile(path);
  if (buf === undefined) return { state: 'missing' };
  let payload: Buffer;
  try {
    const scan = scanFrames(buf, path);
    const first = scan.frames[0];
    if (scan.frames.length !== 1 || scan.torn !== undefined || first === undefined)
      return { state: 'unreadable', reason: 'expected exactly one valid frame' };
    payload = first.payload;
  } catch (err) {
    return { state: 'unreadable', reason: (err as Error).message };
  }
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  } catch {
    return { state: 'unreadable', reason: 'payload is not JSON' };
  }
  if (o === null || typeof o !== 'object' || o.format !== ACK_FORMAT || o.v !== 1)
    return { state: 'unreadable', reason: 'not an ack mark' };
  if (
    typeof o.site_id !== 'string' ||
    typeof o.hash !== 'string' ||
    typeof o.seq !== 'number' ||
    !Number.isSafeInteger(o.seq) ||
    o.seq < 0
  ) {
    return { state: 'unreadable', reason: 'malformed ack mark' };
  }
  if (o.site_id !== siteId) throw new OutboxSiteMismatchError(path, siteId, o.site_id);
  // Marks written before per-lease totals existed have no `leases`: read as none acknowledged.
  const leases = decodeLeaseTotals(o.leases);
  if (leases === undefined) return { state: 'unreadable', reason: 'malformed lease totals' };
  return { state: 'ok', mark: { seq: o.seq, hash: o.hash }, leases };
}

export async function writeAckMark(
  fs: OutboxFs,
  path: string,
  siteId: string,
  mark: ChainPoint,
  leases: AckedLeaseTotals = new Map(),
): Promise<void> {
  const payload = {
    format: ACK_FORMAT,
    v: 1,
    site_id: siteId,
    seq: mark.seq,
    hash: mark.hash,
    leases: encodeLeaseTotals(leases),
  };
  await writeFileDurably(fs, path, encodeFrame(Buffer.from(JSON.stringify(payload))));
}
