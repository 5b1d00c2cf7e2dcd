import { createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL } from './db.test-support.js';
import { openDb } from './open.js';
import { PgliteWorkerError } from './pglite-worker.js';
import { DatabaseUnavailableError, asUnavailable, unavailableReason } from './unavailable.js';

/** A port nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('DatabaseUnavailableError: an unreachable database, told apart from a failed statement', () => {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  afterAll(async () => {
    await admin.end();
  });

  it('a refused connection (PostgreSQL) fails openDb and every call with DATABASE_UNAVAILABLE', async () => {
    const url = new URL(TEST_PG_URL);
    url.host = `127.0.0.1:${await closedPort()}`;
    const db = await openDb({ url: url.toString(), migrate: false });
    const err = await db
      .query('SELECT 1')
      .catch((e: unknown) => e)
      .finally(() => db.close());
    await expect(openDb({ url: url.toString() })).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    const e = err as DatabaseUnavailableError;
    expect(e.code).toBe('DATABASE_UNAVAILABLE');
    expect(e.data).toEqual({ database: 'postgres', reason: 'connection refused' });
    expect(e.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect((e.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('a server that accepts and then says nothing (a hung host, a black hole) times out as DATABASE_UNAVAILABLE', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((s) => {
      sockets.add(s); // accepted, never answered: the start-up message waits for ever
      s.on('error', () => sockets.delete(s));
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const url = new URL(TEST_PG_URL);
    url.host = `127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const db = await openDb({ url: url.toString(), migrate: false, connectTimeoutMs: 300 });
      const err = await db
        .query('SELECT 1')
        .catch((e: unknown) => e)
        .finally(() => db.close());
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as DatabaseUnavailableError).data).toEqual({
        database: 'postgres',
        reason: 'connection timed out',
      });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('a backend ended by pg_terminate_backend (57P01) in the middle of a transaction', async () => {
    await admin.connect();
    const db = await openDb({ url: TEST_PG_URL, migrate: false, poolSize: 1 });
    try {
      const err = await db
        .tx(async (q) => {
          const [me] = await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await admin.query('SELECT pg_terminate_backend($1)', [me?.pid]);
          await q.query('SELECT 1');
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      // The pool drops the dead connection: the next call opens a new one and succeeds.
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('a failed statement, a constraint or a syntax error, is not an unavailable database', async () => {
    const db = await openDb({ url: TEST_PG_URL, migrate: false });
    try {
      const err = await db.query('SELEC 1').catch((e: unknown) => e);
      expect(err).not.toBeInstanceOf(DatabaseUnavailableError);
      expect((err as { code?: string }).code).toBe('42601');
    } finally {
      await db.close();
    }
  });

  it('classifies the PGlite worker dying, node-postgres messages and connect AggregateErrors', () => {
    expect(unavailableReason(new PgliteWorkerError('PGlite worker thread exited (code 1)'))).toBe(
      'the PGlite worker thread stopped',
    );
    expect(unavailableReason(new Error('Connection terminated unexpectedly'))).toBe(
      'connection terminated',
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(unavailableReason(new AggregateError([refused]))).toBe('connection refused');
    expect(unavailableReason(Object.assign(new Error('x'), { code: '23505' }))).toBeUndefined();
    expect(unavailableReason('text')).toBeUndefined();
    const plain = new Error('not a database problem');
    expect(asUnavailable('postgres', plain)).toBe(plain);
    const wrapped = asUnavailable('pglite', new PgliteWorkerError('gone'));
    expect(wrapped).toBeInstanceOf(DatabaseUnavailableError);
    expect(asUnavailable('pglite', wrapped)).toBe(wrapped);
  });
});
