import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from './open.js';
import type { Db, DbKind, PgliteMode } from './types.js';

/** The PostgreSQL every test run uses (trust auth); each test database lives in its own schema. */
export const TEST_PG_URL =
  process.env['EDGEFLEET_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The storage a test runs on: PGlite in this thread, PGlite in a worker thread, or PostgreSQL. */
export type TestBackend = DbKind | 'pglite-worker';

/**
 * The two SQL engines: every ledger test runs on both. The worker thread is a transport in front of
 * the same PGlite, so the suites that run on it are the ones for the transport itself and for what
 * production sends through it per request: ALL_TEST_BACKENDS (db, holds, the burn fast path, restart).
 */
export const TEST_BACKENDS: readonly TestBackend[] = ['pglite', 'postgres'];
export const ALL_TEST_BACKENDS: readonly TestBackend[] = ['pglite', 'pglite-worker', 'postgres'];

export interface TestDb {
  db: Db;
  /**
   * Another handle on the same storage, as a second coordinator replica would have (PostgreSQL: its
   * own pool; PGlite, one connection per process: the same handle, whose close is then a no-op).
   */
  sibling(): Promise<Db>;
  /** Closes the current handle and opens the same storage again (a restart). */
  reopen(): Promise<Db>;
  /** Closes and deletes the storage (drops the schema / removes the directory). */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for a test file: a new schema `t_<random>` on PostgreSQL, or PGlite in
 * memory, in this thread or a worker thread (on disk in a temp directory with `persistent`, so that it can be reopened).
 */
export async function openTestDb(
  kind: TestBackend,
  opts: { persistent?: boolean; poolSize?: number } = {},
): Promise<TestDb> {
  if (kind === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const open = (): Promise<Db> =>
      openDb({ url: TEST_PG_URL, schema, poolSize: opts.poolSize ?? 10 });
    const handle: TestDb = {
      db: await open(),
      sibling: open,
      async reopen() {
        await handle.db.close();
        handle.db = await open();
        return handle.db;
      },
      async dispose() {
        await handle.db.close();
        await dropSchema(schema);
      },
    };
    return handle;
  }
  const dir = opts.persistent === true ? await mkdtemp(join(tmpdir(), 'edgefleet-db-')) : undefined;
  const pglite: PgliteMode = kind === 'pglite-worker' ? 'worker' : 'main-thread';
  const open = (): Promise<Db> => openDb(dir !== undefined ? { dataDir: dir, pglite } : { pglite });
  const handle: TestDb = {
    db: await open(),
    sibling: async () => ({ ...handle.db, close: async () => {} }),
    async reopen() {
      if (dir === undefined)
        throw new Error('an in-memory PGlite cannot be reopened; pass { persistent: true }');
      await handle.db.close();
      handle.db = await open();
      return handle.db;
    },
    async dispose() {
      await handle.db.close();
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Drops a test's PostgreSQL schema (and everything in it). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
