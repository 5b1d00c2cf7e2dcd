import { once } from 'node:events';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { INT8_OID, parseInt8 } from './int8.js';
import { withRetries } from './retry.js';
import { runStatements } from './statements.js';
import type { Db, Queryable, Row, TxOptions } from './types.js';

type Runner = { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> };

function queryable(c: Runner): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const res = await c.query(sql, [...params]);
      return res.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await c.query(sql); // no parameters: the simple protocol, several statements allowed
    },
  };
}

/** A transaction's client: statements, plus COPY FROM STDIN (pg-copy-streams: pg itself has no COPY). */
function txQueryable(client: pg.PoolClient): Queryable {
  return {
    ...queryable(client),
    async copyFrom(sql: string, data: Uint8Array | Iterable<Uint8Array>): Promise<number> {
      const stream = client.query(copyFromStdin(sql));
      // 'finish' comes once the server has confirmed the COPY; 'error' when it refused it.
      const finished = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      await Promise.all([finished, feed(stream, data instanceof Uint8Array ? [data] : data)]);
      return stream.rowCount;
    },
  };
}

/**
 * Writes the pieces in order, turning the event loop once after each (the server's replies are
 * read, and the socket takes the piece while the next is produced), then ends the stream. A piece
 * that cannot be produced (the iterator throws) aborts the COPY (CopyFail) with that error.
 */
async function feed(stream: Writable, pieces: Iterable<Uint8Array>): Promise<void> {
  try {
    for (const piece of pieces) {
      if (stream.destroyed) return; // refused by the server: `finished` has its error
      if (stream.write(piece)) await new Promise<void>((resolve) => setImmediate(resolve));
      else await once(stream, 'drain');
    }
    stream.end();
  } catch (err) {
    stream.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
}

/** How long a new PostgreSQL connection may take by default (TCP connect and start-up). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: letters, digits and _ only`);
}

/** PostgreSQL through a pg Pool; BIGINT parsed to number for this pool only. */
export function openPostgres(opts: {
  url: string;
  schema?: string;
  poolSize?: number;
  /** See OpenDbOptions.connectTimeoutMs (default {@link DEFAULT_CONNECT_TIMEOUT_MS}). */
  connectTimeoutMs?: number;
  onIdleError?: (err: Error) => void;
}): Db {
  if (opts.schema !== undefined) assertSchemaName(opts.schema);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    // TCP keepalive on every connection, so one whose peer vanished (a failover, a cut link) is
    // found dead by the kernel instead of hanging the next statement.
    keepAlive: true,
    ...(opts.schema !== undefined ? { options: `-c search_path=${opts.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? parseInt8
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled it would kill the process.
  pool.on('error', (err) => opts.onIdleError?.(err));
  const direct = queryable(pool);
  let closing: Promise<void> | undefined;

  async function attempt<T>(fn: (q: Queryable) => Promise<T>, txOpts?: TxOptions): Promise<T> {
    const client = await pool.connect();
    // A checked-out client has no pool listener: its connection ending between two statements
    // (the server shutting down, pg_terminate_backend) would be an uncaught 'error' that kills the
    // process. Noted here; the next statement then fails, and the client is dropped on release.
    let lost: Error | undefined;
    const onLost = (err: Error) => {
      lost ??= err;
      opts.onIdleError?.(err);
    };
    client.on('error', onLost);
    try {
      return await attemptOn(client, fn, txOpts, () => lost);
    } finally {
      client.off('error', onLost);
    }
  }

  async function attemptOn<T>(
    client: pg.PoolClient,
    fn: (q: Queryable) => Promise<T>,
    txOpts: TxOptions | undefined,
    lost: () => Error | undefined,
  ): Promise<T> {
    try {
      await client.query(
        txOpts?.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN',
      );
    } catch (err) {
      client.release(err as Error); // the connection is unusable: drop it from the pool
      throw err;
    }
    try {
      const result = await fn(txQueryable(client));
      await client.query('COMMIT');
      client.release(lost());
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
        client.release(lost());
      } catch (rollbackErr) {
        client.release(rollbackErr as Error);
      }
      throw err;
    }
  }

  return {
    kind: 'postgres',
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),
    tx: (fn, txOpts) => withRetries(() => attempt(fn, txOpts)),
    txStatements: (steps, txOpts) =>
      withRetries(() => attempt((q) => runStatements(q, steps), txOpts)),
    close(): Promise<void> {
      closing ??= pool.end();
      return closing;
    },
  };
}
