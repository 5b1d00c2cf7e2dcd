import { crc32 } from 'node:zlib';
import { OutboxCorruptError } from './errors.js';

/**
 * Framing shared by the log and the ack file. A frame is
 *
 *   magic u32 | payload length u32 | crc32(payload) u32 | crc32(first 12 bytes) u32 | payload
 *
 * all big-endian. The header has its own checksum so that a flipped length cannot make the
 * reader mistake durable records for a torn tail.
 */
export const FRAME_HEADER_BYTES = 16;
export const MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;
const MAGIC = 0xedf1b0e5;
const MAGIC_BYTES = Buffer.from([0xed, 0xf1, 0xb0, 0xe5]);

export function encodeFrame(payload: Buffer): Buffer {
  if (payload.length === 0 || payload.length > MAX_FRAME_PAYLOAD)
    throw new RangeError(`frame payload of ${payload.length} bytes`);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32BE(MAGIC, 0);
  frame.writeUInt32BE(payload.length, 4);
  frame.writeUInt32BE(crc32(payload), 8);
  frame.writeUInt32BE(crc32(frame.subarray(0, 12)), 12);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export interface Frame {
  offset: number;
  /** Offset just past the frame. */
  end: number;
  payload: Buffer;
}

type FrameCheck =
  | { kind: 'ok'; frame: Frame }
  /** The frame cannot be complete: the file ends inside it. */
  | { kind: 'truncated'; reason: string }
  | { kind: 'bad'; reason: string };

function checkFrameAt(buf: Buffer, offset: number): FrameCheck {
  if (buf.length - offset < FRAME_HEADER_BYTES)
    return { kind: 'truncated', reason: 'partial frame header' };
  if (buf.readUInt32BE(offset) !== MAGIC) return { kind: 'bad', reason: 'bad frame magic' };
  if (crc32(buf.subarray(offset, offset + 12)) !== buf.readUInt32BE(offset + 12))
    return { kind: 'bad', reason: 'frame header checksum mismatch' };
  const length = buf.readUInt32BE(offset + 4);
  if (length === 0 || length > MAX_FRAME_PAYLOAD)
    return { kind: 'bad', reason: `implausible frame length ${length}` };
  const end = offset + FRAME_HEADER_BYTES + length;
  if (end > buf.length)
    return { kind: 'truncated', reason: `frame of ${length} bytes runs past the end of the file` };
  const payload = buf.subarray(offset + FRAME_HEADER_BYTES, end);
  if (crc32(payload) !== buf.readUInt32BE(offset + 8))
    return { kind: 'bad', reason: 'frame payload checksum mismatch' };
  return { kind: 'ok', frame: { offset, end, payload } };
}

/** The first offset > from where a complete, valid frame starts, if any. */
function nextValidFrame(buf: Buffer, from: number): number | undefined {
  for (let at = buf.indexOf(MAGIC_BYTES, from); at !== -1; at = buf.indexOf(MAGIC_BYTES, at + 1)) {
    if (checkFrameAt(buf, at).kind === 'ok') return at;
  }
  return undefined;
}

export interface TornTail {
  offset: number;
  bytes: number;
  reason: string;
}

export interface FrameScan {
  frames: Frame[];
  /** Offset just past the last valid frame. */
  validEnd: number;
  /** Set when the bytes after validEnd hold no valid frame: a write the crash cut short. */
  torn?: TornTail;
}

/**
 * Reads every frame in `buf`. A bad or incomplete frame with no valid frame anywhere after it is
 * a torn tail (the one write that was in flight at a crash: appends resolve only after fsync, so
 * none of it was promised to anyone). A bad frame followed by a valid one is corruption of data
 * that was durable; that throws rather than silently dropping the records behind it.
 */
export function scanFrames(buf: Buffer, file: string): FrameScan {
  const frames: Frame[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const check = checkFrameAt(buf, offset);
    if (check.kind === 'ok') {
      frames.push(check.frame);
      offset = check.frame.end;
      continue;
    }
    if (check.kind === 'bad') {
      const next = nextValidFrame(buf, offset + 1);
      if (next !== undefined)
        throw new OutboxCorruptError(
          file,
          offset,
          `${check.reason}; a valid frame follows at offset ${next}`,
          { nextValidOffset: next },
        );
    }
    return {
      frames,
      validEnd: offset,
      torn: { offset, bytes: buf.length - offset, reason: check.reason },
    };
  }
  return { frames, validEnd: offset };
}
