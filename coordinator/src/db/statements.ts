import type { Queryable, Row, Statement } from './types.js';

/** Sends the statements one after another on `q` (an open transaction): Db.txStatements where nothing better exists. */
export async function runStatements(q: Queryable, steps: readonly Statement[]): Promise<Row[][]> {
  const out: Row[][] = [];
  for (const s of steps) out.push(await q.query(s.sql, s.params));
  return out;
}
