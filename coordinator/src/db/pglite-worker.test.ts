import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from './open.js';
import { PgliteWorkerError, openPgliteWorker } from './pglite-worker.js';
import type { Db } from './types.js';
import { DatabaseUnavailableError } from './unavailable.js';

/** What a caller of openDb sees when the worker died: DATABASE_UNAVAILABLE, the worker's error as cause. */
async function expectWorkerGone(p: Promise<unknown>, message?: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseUnavailableError);
  expect((err as Error).cause).toBeInstanceOf(PgliteWorkerError);
  if (message) expect(((err as Error).cause as Error).message).toMatch(message);
}

async function withDb(fn: (db: Db) => Promise<void>): Promise<void> {
  const db = await openDb({ pglite: 'worker', migrate: false });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

describe('PGlite in a worker thread', () => {
  it('hands PostgreSQL errors back with their code, detail and constraint', async () => {
    await withDb(async (db) => {
      await db.exec('CREATE TABLE u (k text CONSTRAINT u_pk PRIMARY KEY, n int CHECK (n >= 0))');
      await db.query("INSERT INTO u VALUES ('a', 1)");
      const dup = await db.query("INSERT INTO u VALUES ('a', 2)").catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(Error);
      expect(dup).toMatchObject({
        code: '23505',
        constraint: 'u_pk',
        table: 'u',
        detail: 'Key (k)=(a) already exists.',
      });
      expect((dup as Error).message).toMatch(/duplicate key/);
      await expect(db.query("INSERT INTO u VALUES ('b', -1)")).rejects.toMatchObject({
        code: '23514',
      });
    });
  });

  it('rolls back a transaction whose statement failed and keeps serving', async () => {
    await withDb(async (db) => {
      await db.exec('CREATE TABLE v (k text PRIMARY KEY)');
      await expect(
        db.tx(async (q) => {
          await q.query("INSERT INTO v VALUES ('x')");
          await q.query("INSERT INTO v VALUES ('x')");
        }),
      ).rejects.toMatchObject({ code: '23505' });
      // not left inside the aborted transaction: the next statement runs and sees nothing of it
      expect(await db.query('SELECT k FROM v')).toEqual([]);
      await db.tx(async (q) => q.query("INSERT INTO v VALUES ('y')"), {
        isolation: 'serializable',
      });
      expect(await db.query<{ k: string }>('SELECT k FROM v')).toEqual([{ k: 'y' }]);
    });
  });

  it('txStatements in flight together with a multi-statement transaction: each stays whole', async () => {
    await withDb(async (db) => {
      await db.exec('CREATE TABLE w (k text PRIMARY KEY)');
      const a = db.txStatements([
        { sql: "INSERT INTO w VALUES ('a')" },
        { sql: 'SELECT pg_sleep(0.1)' },
      ]);
      const t = db.tx(async (q) => {
        await q.query("INSERT INTO w VALUES ('t')");
        await q.query("INSERT INTO w VALUES ('a')"); // duplicate: the whole transaction rolls back
      });
      const b = db.txStatements([{ sql: "INSERT INTO w VALUES ('b')" }]);
      await a;
      await expect(t).rejects.toMatchObject({ code: '23505' });
      await b;
      // 't' rolled back alone: 'b' was neither inside that transaction nor lost with it.
      expect((await db.query<{ k: string }>('SELECT k FROM w ORDER BY k')).map((r) => r.k)).toEqual(
        ['a', 'b'],
      );
    });
  });

  it('returns timestamps, bytea and arrays as the in-thread PGlite does', async () => {
    await withDb(async (db) => {
      const [row] = await db.query<{ t: Date; b: Uint8Array; a: string[]; j: unknown }>(
        "SELECT '2026-01-02T03:04:05Z'::timestamptz AS t, '\\x0102'::bytea AS b, ARRAY['p','q'] AS a, '{\"x\":1}'::jsonb AS j",
      );
      expect(row?.t).toBeInstanceOf(Date);
      expect(row?.t.toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect([...(row?.b ?? [])]).toEqual([1, 2]);
      expect(row?.a).toEqual(['p', 'q']);
      expect(row?.j).toEqual({ x: 1 });
    });
  });

  it('rejects every pending call with PgliteWorkerError when the thread dies, and every later one; onFatal is told once', async () => {
    const fatal: Error[] = [];
    const db = await openDb({ pglite: 'worker', migrate: false, onFatal: (e) => fatal.push(e) });
    // A statement that never returns in time, then the thread is killed under it.
    const pending = [
      db.query('SELECT pg_sleep(30)'),
      db.query('SELECT 1'),
      db.tx(async (q) => q.query('SELECT 2')),
    ];
    await new Promise((r) => setTimeout(r, 200));
    await killThread(db);
    for (const p of pending) await expectWorkerGone(p);
    await expectWorkerGone(db.query('SELECT 1'), /PGlite worker thread exited/);
    await db.close(); // still resolves: nothing left to close
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toBeInstanceOf(PgliteWorkerError);
  });

  it('does not call onFatal when the Db is closed on purpose', async () => {
    const fatal: Error[] = [];
    const db = await openDb({ pglite: 'worker', migrate: false, onFatal: (e) => fatal.push(e) });
    await db.query('SELECT 1');
    await db.close();
    expect(fatal).toEqual([]);
  });

  it('persists to dataDir/ledger and reopens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgefleet-pgw-'));
    try {
      const a = await openPgliteWorker(dir);
      await a.exec('CREATE TABLE p (k text)');
      await a.query("INSERT INTO p VALUES ('kept')");
      await a.close();
      await a.close();
      await expect(a.query('SELECT 1')).rejects.toBeInstanceOf(PgliteWorkerError);
      const b = await openPgliteWorker(dir);
      try {
        expect(await b.query('SELECT k FROM p')).toEqual([{ k: 'kept' }]);
      } finally {
        await b.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Test-only: reaches the Worker behind the Db (see KILL_FOR_TESTS in pglite-worker.ts). */
async function killThread(db: Db): Promise<void> {
  const kill = (db as unknown as Record<symbol, () => Promise<void>>)[
    Symbol.for('edgefleet.pgliteWorker.kill')
  ];
  if (kill === undefined) throw new Error('not a worker Db');
  await kill();
}
