/** A row as the query layer returns it: BIGINT columns already converted to `number`. */
export type Row = Record<string, unknown>;

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1…$n` parameters; returns the rows (empty for statements without RETURNING). */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations, scripts). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY … FROM STDIN` with `data` as its whole input (e.g. encodeCopyBinary's), or its pieces in
   * order (copyBinaryChunks': each is taken, sent, and the event loop turned once before the next,
   * so the server works on one while the next is encoded); resolves to the number of rows copied.
   * PostgreSQL transactions only (absent on PGlite and outside a transaction): callers keep an
   * INSERT for where it is missing.
   */
  copyFrom?(sql: string, data: Uint8Array | Iterable<Uint8Array>): Promise<number>;
}

/** One statement of Db.txStatements. */
export interface Statement {
  sql: string;
  params?: readonly unknown[];
}

export type DbKind = 'pglite' | 'postgres';

/** Where embedded PGlite runs: a worker thread of its own, or the caller's thread. */
export type PgliteMode = 'worker' | 'main-thread';

export interface TxOptions {
  /**
   * READ COMMITTED (the default) relies on explicit row locks (SELECT … FOR UPDATE), which is what
   * the ledger does; SERIALIZABLE lets PostgreSQL detect conflicts instead. Either way a
   * serialization failure (40001) or deadlock (40P01) re-runs `fn` a few times.
   */
  isolation?: 'read committed' | 'serializable';
}

/**
 * The thin query layer. `tx` runs `fn` in one transaction: committed if it resolves, rolled back if
 * it throws. `fn` may run more than once (retries), so it must only talk to the database: never hold
 * a transaction open across network I/O, and never call `db.tx` or `db.query` from inside `fn`
 * (on PGlite, one connection, that would wait for itself).
 */
export interface Db extends Queryable {
  readonly kind: DbKind;
  tx<T>(fn: (q: Queryable) => Promise<T>, opts?: TxOptions): Promise<T>;
  /**
   * The statements, in order, in one transaction: committed if every one succeeds, rolled back if
   * one fails; resolves with each statement's rows. For statements that need none of each other's
   * results in JavaScript: the PGlite worker runs BEGIN, the statements and COMMIT in its thread on
   * one message (one round trip instead of one per statement); elsewhere it is tx. Retried as tx.
   */
  txStatements(steps: readonly Statement[], opts?: TxOptions): Promise<Row[][]>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** postgres://… (or postgresql://…): PostgreSQL through a pg Pool. Otherwise embedded PGlite. */
  url?: string;
  /** PGlite stores its files under `<dataDir>/ledger`; without it PGlite lives in memory (tests). */
  dataDir?: string;
  /**
   * PGlite only: 'worker' runs it in a worker thread (off the event loop), 'main-thread' in this
   * thread (default 'main-thread' here; the coordinator's config picks its own default).
   */
  pglite?: PgliteMode;
  /** PostgreSQL only: use (and create) this schema instead of `public` (one schema per test file). */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL only: how long a new connection (TCP connect and start-up) may take before the call
   * fails with DatabaseUnavailableError, "connection timed out" (default 5000 ms). Without it a
   * database host that drops packets instead of refusing holds every request for the kernel's TCP
   * timeout (minutes).
   */
  connectTimeoutMs?: number;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Where the NNN_name.sql files are (default: the migrations/ folder beside this module). */
  migrationsDir?: string;
  /**
   * Called once when the database is gone for good while open (today: the PGlite worker thread
   * died); every later call fails, so a server should exit and let its supervisor restart it.
   */
  onFatal?: (err: Error) => void;
}
