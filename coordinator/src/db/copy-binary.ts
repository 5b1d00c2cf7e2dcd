/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
 * Format"), for the two column types bulk ingestion needs: text (UTF-8) and bigint (int8). The whole
 * input is built as one buffer: header, one tuple per row (field count, then each field as a 32-bit
 * length and its bytes, -1 for NULL), trailer.
 */
import { EdgefleetError } from '@edgefleet/common';

export type CopyColumnType = 'text' | 'int8';
export type CopyValue = string | number | null;

/** A row that does not fit the columns (wrong count, or a value not of its column's type): nothing is sent. */
export class CopyEncodeError extends EdgefleetError {
  constructor(row: number, column: number | null, why: string) {
    super(
      'DB_COPY_ENCODE',
      `binary COPY: row ${row}${column === null ? '' : `, column ${column}`}: ${why}`,
      { row, column },
    );
  }
}

const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]); // PGCOPY\n\377\r\n\0
const TWO_32 = 4294967296;

/**
 * Encodes rows (each one value per column, in `types` order) as the complete input of
 * `COPY table (columns) FROM STDIN (FORMAT binary)`. int8 values must be safe integers.
 */
export function encodeCopyBinary(
  types: readonly CopyColumnType[],
  rows: readonly (readonly CopyValue[])[],
): Buffer {
  return Buffer.concat([...copyBinaryChunks(types, rows, Math.max(1, rows.length))]);
}

/**
 * The same input in pieces of `rowsPerChunk` rows (the header in the first, the trailer in the
 * last), encoded one at a time as they are taken: the server can work on one while the next is
 * being encoded (Queryable.copyFrom takes them so).
 */
export function* copyBinaryChunks(
  types: readonly CopyColumnType[],
  rows: readonly (readonly CopyValue[])[],
  rowsPerChunk: number,
): Generator<Buffer> {
  if (!Number.isSafeInteger(rowsPerChunk) || rowsPerChunk < 1)
    throw new RangeError(`rowsPerChunk must be a positive integer, got ${rowsPerChunk}`);
  for (let from = 0; from === 0 || from < rows.length; from += rowsPerChunk) {
    const to = Math.min(rows.length, from + rowsPerChunk);
    yield encodeRows(types, rows, from, to, from === 0, to === rows.length);
  }
}

function encodeRows(
  types: readonly CopyColumnType[],
  rows: readonly (readonly CopyValue[])[],
  from: number,
  to: number,
  header: boolean,
  trailer: boolean,
): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(1024, (to - from) * (2 + types.length * 24)));
  let o = 0;
  if (header) {
    SIGNATURE.copy(buf, 0);
    buf.writeInt32BE(0, 11); // flags
    buf.writeInt32BE(0, 15); // header extension length
    o = 19;
  }
  const room = (n: number): void => {
    if (o + n <= buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, o + n));
    buf.copy(bigger, 0, 0, o);
    buf = bigger;
  };
  for (let r = from; r < to; r++) {
    const row = rows[r] ?? [];
    if (row.length !== types.length)
      throw new CopyEncodeError(r, null, `${row.length} values for ${types.length} columns`);
    room(2);
    buf.writeInt16BE(types.length, o);
    o += 2;
    for (let c = 0; c < types.length; c++) {
      const v = row[c];
      if (v === null || v === undefined) {
        room(4);
        buf.writeInt32BE(-1, o);
        o += 4;
      } else if (types[c] === 'text') {
        if (typeof v !== 'string') throw new CopyEncodeError(r, c, `not a string: ${typeof v}`);
        room(4 + v.length * 3);
        const b = buf;
        const start = o + 4;
        const len = v.length;
        let i = 0;
        while (i < len) {
          const ch = v.charCodeAt(i);
          if (ch > 0x7f) break;
          b[start + i] = ch;
          i++;
        }
        const n = i === len ? len : b.write(v, start, 'utf8');
        b.writeInt32BE(n, o);
        o = start + n;
      } else {
        if (typeof v !== 'number' || !Number.isSafeInteger(v))
          throw new CopyEncodeError(r, c, `not a safe integer: ${String(v)}`);
        room(12);
        buf.writeInt32BE(8, o);
        // Two's complement over 64 bits: the high word is floor(v / 2^32) (negative for v < 0), the low word v mod 2^32.
        const hi = Math.floor(v / TWO_32);
        buf.writeInt32BE(hi, o + 4);
        buf.writeUInt32BE(v - hi * TWO_32, o + 8);
        o += 12;
      }
    }
  }
  if (trailer) {
    room(2);
    buf.writeInt16BE(-1, o);
    o += 2;
  }
  return buf.subarray(0, o);
}
