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
    super('DB_COPY_ENCODE', `binary COPY: row ${row}${column === null ? '' : `, column ${column}`}: ${why}`, { row, column });
  }
}

const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]); // PGCOPY\n\377\r\n\0
const TWO_32 = 4294967296;

/**
 * Encodes rows (each one value per column, in `types` order) as the complete input of
 * `COPY table (columns) FROM STDIN (FORMAT binary)`. int8 values must be safe integers.
 */
export function encodeCopyBinary(types: readonly CopyColumnType[], rows: readonly (readonly CopyValue[])[]): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(1024, rows.length * (2 + types.length * 24)));
  SIGNATURE.copy(buf, 0);
  buf.writeInt32BE(0, 11); // flags
  buf.writeInt32BE(0, 15); // header extension length
  let o = 19;
  const room = (n: number): void => {
    if (o + n <= buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, o + n));
    buf.copy(bigger, 0, 0, o);
    buf = bigger;
  };
  for (const [r, row] of rows.entries()) {
    if (row.length !== types.length) throw new CopyEncodeError(r, null, `${row.length} values for ${types.length} columns`);
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
        room(4 + Buffer.byteLength(v, 'utf8'));
        const n = buf.write(v, o + 4, 'utf8');
        buf.writeInt32BE(n, o);
        o += 4 + n;
      } else {
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new CopyEncodeError(r, c, `not a safe integer: ${String(v)}`);
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
  room(2);
  buf.writeInt16BE(-1, o);
  o += 2;
  return buf.subarray(0, o);
}
