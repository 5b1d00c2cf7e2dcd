import { verifyLink, type BurnRecordData } from '@edgefleet/proto';
import { replaceFile, type ReplacedFile } from './durable-file.js';
import { OutboxCorruptError, OutboxSiteMismatchError } from './errors.js';
import { scanFrames, type TornTail } from './frame.js';
import type { OutboxFs } from './fs-port.js';
import {
  decodeBatch,
  decodeHeader,
  encodeBatchFrame,
  encodeHeaderFrame,
  type ChainPoint,
  type LogHeader,
} from './log-format.js';

/** A record with its share of the log's bytes (its batch frame's size / records in it), for the compaction rule. */
export interface LogEntry {
  rec: BurnRecordData;
  bytes: number;
}

export interface LogContents {
  header: LogHeader;
  headerBytes: number;
  /** Every record in the log, in seq order, each verified against the one before (the first against the anchor). */
  entries: LogEntry[];
  /** The last record, or the anchor when there is none. */
  last: ChainPoint;
  /** Bytes of valid frames; the file is to be cut here when there is a torn tail. */
  validEnd: number;
  torn?: TornTail;
}

/** Reads and verifies a log; undefined when the file does not exist. Throws OutboxCorruptError / OutboxSiteMismatchError. */
export async function readLog(
  fs: OutboxFs,
  path: string,
  siteId: string,
): Promise<LogContents | undefined> {
  const buf = await fs.readFile(path);
  if (buf === undefined) return undefined;
  const scan = scanFrames(buf, path);
  const [first, ...batches] = scan.frames;
  if (first === undefined) {
    // logs are created whole (temp file + rename), so a missing header is damage, not a crash
    throw new OutboxCorruptError(
      path,
      0,
      `no valid log header${scan.torn ? ` (${scan.torn.reason})` : ''}`,
    );
  }
  const header = decodeHeader(first.payload, path, first.offset);
  if (header.siteId !== siteId) throw new OutboxSiteMismatchError(path, siteId, header.siteId);

  const entries: LogEntry[] = [];
  let prev: ChainPoint = header.anchor;
  for (const frame of batches) {
    const records = decodeBatch(frame.payload, path, frame.offset);
    const share = (frame.end - frame.offset) / records.length;
    for (const rec of records) {
      if (rec.site_id !== siteId)
        throw new OutboxCorruptError(
          path,
          frame.offset,
          `record seq ${rec.seq} belongs to site ${JSON.stringify(rec.site_id)}`,
          { seq: rec.seq },
        );
      const link = verifyLink(prev, rec);
      if (!link.ok) {
        throw new OutboxCorruptError(
          path,
          frame.offset,
          `hash chain broken at seq ${rec.seq}: ${link.problem} (expected ${link.expected}, got ${link.got})`,
          {
            seq: rec.seq,
            problem: link.problem,
          },
        );
      }
      entries.push({ rec, bytes: share });
      prev = rec;
    }
  }
  return {
    header,
    headerBytes: first.end,
    entries,
    last: prev,
    validEnd: scan.validEnd,
    ...(scan.torn ? { torn: scan.torn } : {}),
  };
}

export interface CreatedLog extends ReplacedFile {
  size: number;
  headerBytes: number;
  entries: LogEntry[];
}

/**
 * Writes a complete log (header + the given records, in frames of at most `maxBatch`) and renames
 * it over `path`; crash-safe by {@link replaceFile}. Used to start a log and to compact one.
 */
export async function createLog(
  fs: OutboxFs,
  path: string,
  header: LogHeader,
  records: readonly BurnRecordData[],
  maxBatch: number,
): Promise<CreatedLog> {
  const headerFrame = encodeHeaderFrame(header);
  const frames: Buffer[] = [headerFrame];
  const entries: LogEntry[] = [];
  for (let i = 0; i < records.length; i += maxBatch) {
    const chunk = records.slice(i, i + maxBatch);
    const frame = encodeBatchFrame(chunk);
    frames.push(frame);
    for (const rec of chunk) entries.push({ rec, bytes: frame.length / chunk.length });
  }
  const data = Buffer.concat(frames);
  const replaced = await replaceFile(fs, path, data);
  return { ...replaced, size: data.length, headerBytes: headerFrame.length, entries };
}
