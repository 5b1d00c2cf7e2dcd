import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyBinaryChunks,
  CopyEncodeError,
  encodeCopyBinary,
  type CopyColumnType,
  type CopyValue,
} from './copy-binary.js';
import { openTestDb, TEST_BACKENDS, type TestDb } from './db.test-support.js';
import type { Queryable } from './types.js';

const TYPES: readonly CopyColumnType[] = ['text', 'int8', 'text', 'int8'];
const SQL = 'COPY copied (k, v, note, n) FROM STDIN (FORMAT binary)';
const copy = (q: Queryable, rows: readonly CopyValue[][]): Promise<number> => {
  if (!q.copyFrom) throw new Error('no copyFrom on this Queryable');
  return q.copyFrom(SQL, encodeCopyBinary(TYPES, rows));
};

describe('encodeCopyBinary', () => {
  it('refuses a row of the wrong width and values not of their column type', () => {
    expect(() => encodeCopyBinary(TYPES, [['a', 1, 'x']])).toThrow(CopyEncodeError);
    expect(() => encodeCopyBinary(TYPES, [['a', '1', 'x', 1]])).toThrow(CopyEncodeError);
    expect(() => encodeCopyBinary(TYPES, [['a', 2 ** 53, 'x', 1]])).toThrow(CopyEncodeError);
    expect(() => encodeCopyBinary(TYPES, [['a', 1.5, 'x', 1]])).toThrow(CopyEncodeError);
    expect(() => encodeCopyBinary(TYPES, [[7, 1, 'x', 1]])).toThrow(CopyEncodeError);
  });

  it('in pieces: header in the first, trailer in the last, the same bytes in all', () => {
    const rows: CopyValue[][] = Array.from({ length: 7 }, (_, i) => [
      `k${i}`,
      i,
      i % 2 ? null : 'ü',
      -i,
    ]);
    const pieces = [...copyBinaryChunks(TYPES, rows, 3)];
    expect(pieces).toHaveLength(3);
    expect(Buffer.concat(pieces)).toEqual(encodeCopyBinary(TYPES, rows));
    expect(pieces[0]?.subarray(0, 6).toString('latin1')).toBe('PGCOPY');
    expect([...copyBinaryChunks(TYPES, [], 3)]).toEqual([encodeCopyBinary(TYPES, [])]);
    expect(() => [...copyBinaryChunks(TYPES, rows, 0)]).toThrow(RangeError);
  });
});

// Only PostgreSQL transactions offer copyFrom; PGlite callers keep their INSERT.
describe.each(TEST_BACKENDS)('copyFrom on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
    await t.db.exec(
      'CREATE TABLE copied (k text PRIMARY KEY, v bigint NOT NULL CHECK (v <> 13), note text, n bigint)',
    );
  });
  afterAll(async () => {
    await t.dispose();
  });

  it(kind === 'postgres' ? 'is offered inside a transaction' : 'is not offered', async () => {
    const offered = await t.db.tx(async (q) => typeof q.copyFrom === 'function');
    expect(offered).toBe(kind === 'postgres');
  });

  it.runIf(kind === 'postgres')(
    'copies text (multi-byte too), NULLs and int8 across the whole safe range',
    async () => {
      const rows: CopyValue[][] = [
        ['plain', 0, 'x', null],
        ['unicode-é€😀', -1, '', 1],
        ['max', Number.MAX_SAFE_INTEGER, null, Number.MIN_SAFE_INTEGER],
        ['words', 4294967296, 'a\tb\nc\\d"e', 4294967295],
        ['neg', -4294967297, 'ü'.repeat(3000), -2147483649],
      ];
      const n = await t.db.tx((q) => copy(q, rows));
      expect(n).toBe(rows.length);
      const got = await t.db.query<{ k: string; v: number; note: string | null; n: number | null }>(
        'SELECT k, v, note, n FROM copied ORDER BY k COLLATE "C"',
      );
      const byKey = (a: CopyValue[], b: CopyValue[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
      expect(got.map((r) => [r.k, r.v, r.note, r.n])).toEqual([...rows].sort(byKey));
    },
  );

  it.runIf(kind === 'postgres')('copies many rows in one go', async () => {
    const rows: CopyValue[][] = Array.from({ length: 5000 }, (_, i) => [
      `many-${i}`,
      i * 1_000_003,
      `note ${i}`,
      i,
    ]);
    expect(await t.db.tx((q) => copy(q, rows))).toBe(5000);
    const [row] = await t.db.query<{ c: number; s: number }>(
      "SELECT count(*) AS c, sum(n)::bigint AS s FROM copied WHERE k LIKE 'many-%'",
    );
    expect(row).toEqual({ c: 5000, s: (4999 * 5000) / 2 });
  });

  it.runIf(kind === 'postgres')('copies pieces as they are produced', async () => {
    const rows: CopyValue[][] = Array.from({ length: 2500 }, (_, i) => [
      `piece-${i}`,
      100 + i,
      null,
      -i,
    ]);
    const n = await t.db.tx((q) => {
      if (!q.copyFrom) throw new Error('no copyFrom on this Queryable');
      return q.copyFrom(SQL, copyBinaryChunks(TYPES, rows, 300));
    });
    expect(n).toBe(2500);
    const [row] = await t.db.query<{ c: number; s: number }>(
      "SELECT count(*) AS c, sum(v)::bigint AS s FROM copied WHERE k LIKE 'piece-%'",
    );
    expect(row).toEqual({ c: 2500, s: 2500 * 100 + (2499 * 2500) / 2 });
  });

  it.runIf(kind === 'postgres')(
    'a piece that cannot be produced aborts the COPY with its error; nothing is stored',
    async () => {
      const rows: CopyValue[][] = [
        ...Array.from({ length: 900 }, (_, i): CopyValue[] => [
          `aborted-${i}`,
          100 + i,
          null,
          null,
        ]),
        ['aborted-bad', 'not a number', null, null],
      ];
      await expect(
        t.db.tx((q) => {
          if (!q.copyFrom) throw new Error('no copyFrom on this Queryable');
          return q.copyFrom(SQL, copyBinaryChunks(TYPES, rows, 100));
        }),
      ).rejects.toThrow(CopyEncodeError);
      const [row] = await t.db.query<{ c: number }>(
        "SELECT count(*) AS c FROM copied WHERE k LIKE 'aborted-%'",
      );
      expect(row?.c).toBe(0);
      expect(await t.db.tx((q) => copy(q, [['after-abort', 1, null, null]]))).toBe(1);
    },
  );

  it.runIf(kind === 'postgres')(
    'fails the transaction on a refused row (constraint, duplicate key), and the connection goes on',
    async () => {
      for (const bad of [
        [['check', 13, null, null]],
        [['plain', 1, null, null]],
      ] as CopyValue[][][]) {
        await expect(
          t.db.tx(async (q) => {
            await q.query("INSERT INTO copied (k, v) VALUES ('rolled-back', 1)");
            return copy(q, [['ok-row', 1, null, null], ...bad]);
          }),
        ).rejects.toThrow(/violates/);
      }
      const [row] = await t.db.query<{ c: number }>(
        "SELECT count(*) AS c FROM copied WHERE k IN ('rolled-back', 'ok-row', 'check')",
      );
      expect(row?.c).toBe(0);
      // Every pooled connection still works after the refused COPYs.
      const ns = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.db.tx((q) => copy(q, [[`after-${i}`, i, null, null]])),
        ),
      );
      expect(ns).toEqual(Array.from({ length: 12 }, () => 1));
    },
  );
});
