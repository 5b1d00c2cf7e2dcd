import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mutex } from './mutex.js';
import { withRetries } from './retry.js';
import { runStatements } from './statements.js';
import type { Db, Queryable, Row, Statement, TxOptions } from './types.js';

/** Where PGlite keeps its files: `<dataDir>/ledger` (the directory created), or memory without a dataDir. */
export async function pgliteLocation(dataDir: string | undefined): Promise<string> {
  if (dataDir === undefined) return 'memory://';
  await mkdir(dataDir, { recursive: true });
  return join(dataDir, 'ledger');
}

/**
 * The Db over one connection (embedded PGlite, in this thread or a worker thread). Every statement
 * and every transaction takes `mutex`, one FIFO lock, so a plain query can never slip into somebody
 * else's open transaction and transactions run one after another; a serialization failure re-runs
 * the transaction (withRetries). What differs per connection is passed in.
 */
export function singleConnectionDb(
  mutex: Mutex,
  c: {
    /** Statements sent straight to the connection (called with the mutex held). */
    direct: Queryable;
    /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws (called with the mutex held). */
    transaction<T>(fn: (q: Queryable) => Promise<T>, opts?: TxOptions): Promise<T>;
    /** Db.txStatements when the connection has a better way than one tx of runStatements (it takes the mutex itself). */
    txStatements?: (steps: readonly Statement[], opts?: TxOptions) => Promise<Row[][]>;
    /** Called at every close(), before it waits for the mutex. */
    closing?: () => void;
    /** Closes the connection, once, with the mutex held. */
    close(): Promise<void>;
  },
): Db {
  let closed: Promise<void> | undefined;
  const db: Db = {
    kind: 'pglite',
    query: (sql, params) => mutex.run(() => c.direct.query(sql, params)),
    exec: (sql) => mutex.run(() => c.direct.exec(sql)),
    tx: (fn, opts) => withRetries(() => mutex.run(() => c.transaction(fn, opts))),
    txStatements: c.txStatements ?? ((steps, opts) => db.tx((q) => runStatements(q, steps), opts)),
    close(): Promise<void> {
      c.closing?.();
      // Wait for whatever holds the connection, then close it once.
      closed ??= mutex.run(() => c.close());
      return closed;
    },
  };
  return db;
}
