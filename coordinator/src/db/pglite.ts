import { PGlite, type Transaction } from '@electric-sql/pglite';
import { INT8_OID, parseInt8 } from './int8.js';
import { Mutex } from './mutex.js';
import { readFile } from 'node:fs/promises';
import { initPgliteOutOfProcess, PGLITE_SETTINGS, pgliteTemplateTar } from './pglite-init.js';
import { pgliteLocation, singleConnectionDb } from './single-connection.js';
import type { Db, Queryable, Row } from './types.js';

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
  const location = await pgliteLocation(dataDir);
  await initPgliteOutOfProcess(location);
  const tar = pgliteTemplateTar(location);
  const pg = new PGlite(location, {
    parsers: { [INT8_OID]: parseInt8 },
    postgresqlconf: [...PGLITE_SETTINGS],
    ...(tar !== undefined ? { loadDataDir: new Blob([await readFile(tar)]) } : {}),
  });
  await pg.waitReady;
  return singleConnectionDb(new Mutex(), {
    direct: queryable(pg),
    transaction: (fn, opts) =>
      pg.transaction(async (t) => {
        if (opts?.isolation === 'serializable')
          await t.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
        return fn(queryable(t));
      }),
    close: () => pg.close(),
  });
}
