import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { INT8_OID, parseInt8 } from './int8.js';
import { Mutex } from './mutex.js';
import { withRetries } from './retry.js';
import { runStatements } from './statements.js';
import type { Db, Queryable, Row, TxOptions } from './types.js';

/** Statements sent on one PGlite handle (the database or an open transaction). */
function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const res = await target.query<T>(sql, [...params]);
      return res.rows;
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * Embedded PGlite: one connection in this process. Every statement and every transaction takes
 * one FIFO mutex, so a plain query can never slip into somebody else's open transaction and
 * transactions run one after another (PGlite's own queueing does not cover the first case).
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  let location = 'memory://';
  if (dataDir !== undefined) {
    await mkdir(dataDir, { recursive: true });
    location = join(dataDir, 'ledger');
  }
  const pg = new PGlite(location, { parsers: { [INT8_OID]: parseInt8 } });
  await pg.waitReady;
  const mutex = new Mutex();
  const direct = queryable(pg);
  let closing: Promise<void> | undefined;

  const db: Db = {
    kind: 'pglite',
    query: (sql, params) => mutex.run(() => direct.query(sql, params)),
    exec: (sql) => mutex.run(() => direct.exec(sql)),
    tx<T>(fn: (q: Queryable) => Promise<T>, opts?: TxOptions): Promise<T> {
      return withRetries(() =>
        mutex.run(() =>
          pg.transaction(async (t) => {
            if (opts?.isolation === 'serializable') await t.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
            return fn(queryable(t));
          }),
        ),
      );
    },
    txStatements: (steps, opts) => db.tx((q) => runStatements(q, steps), opts),
    close(): Promise<void> {
      // Wait for whatever holds the connection, then close it once.
      closing ??= mutex.run(() => pg.close());
      return closing;
    },
  };
  return db;
}
