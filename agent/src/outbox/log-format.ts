import type { BurnRecordData } from '@edgefleet/proto';
import { OutboxCorruptError } from './errors.js';
import { encodeFrame } from './frame.js';
import { parseStoredRecord } from './record-fields.js';

/**
 * Payloads of the log's frames (JSON, so that an operator can read a log with `strings`).
 * The first frame of every log file is a header naming the site and the chain anchor: the
 * (seq, hash) the first record follows. A fresh log anchors at (0, GENESIS_HASH); a compacted one
 * at the ack mark it was compacted to. Every later frame is one group-commit batch of records.
 */
export const LOG_FORMAT = 'edgefleet-burn-outbox';
export const LOG_VERSION = 1;

/** A point in a site's chain: the record with this seq has this hash (seq 0 = genesis). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export interface LogHeader {
  siteId: string;
  anchor: ChainPoint;
}

export function encodeHeaderFrame(h: LogHeader): Buffer {
  const payload = {
    format: LOG_FORMAT,
    v: LOG_VERSION,
    site_id: h.siteId,
    anchor_seq: h.anchor.seq,
    anchor_hash: h.anchor.hash,
  };
  return encodeFrame(Buffer.from(JSON.stringify(payload)));
}

export function encodeBatchFrame(records: readonly BurnRecordData[]): Buffer {
  return encodeFrame(Buffer.from(JSON.stringify({ records })));
}

function parseJson(payload: Buffer, file: string, offset: number): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new OutboxCorruptError(file, offset, 'frame payload is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new OutboxCorruptError(file, offset, 'frame payload is not an object');
  return v as Record<string, unknown>;
}

export function decodeHeader(payload: Buffer, file: string, offset: number): LogHeader {
  const o = parseJson(payload, file, offset);
  if (o.format !== LOG_FORMAT)
    throw new OutboxCorruptError(file, offset, 'not an edgefleet burn outbox log header');
  if (o.v !== LOG_VERSION)
    throw new OutboxCorruptError(file, offset, `unsupported log version ${String(o.v)}`);
  const { site_id, anchor_seq, anchor_hash } = o;
  if (
    typeof site_id !== 'string' ||
    typeof anchor_hash !== 'string' ||
    typeof anchor_seq !== 'number' ||
    !Number.isSafeInteger(anchor_seq) ||
    anchor_seq < 0
  ) {
    throw new OutboxCorruptError(file, offset, 'malformed log header');
  }
  return { siteId: site_id, anchor: { seq: anchor_seq, hash: anchor_hash } };
}

export function decodeBatch(payload: Buffer, file: string, offset: number): BurnRecordData[] {
  const o = parseJson(payload, file, offset);
  if (!Array.isArray(o.records) || o.records.length === 0)
    throw new OutboxCorruptError(file, offset, 'batch frame without records');
  return o.records.map((raw: unknown, i: number) => {
    const rec = parseStoredRecord(raw);
    if (typeof rec === 'string')
      throw new OutboxCorruptError(file, offset, `record ${i} of the batch: ${rec}`);
    return rec;
  });
}
