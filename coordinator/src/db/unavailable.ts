import { EdgefleetError } from '@edgefleet/common';
import { PgliteWorkerError } from './pglite-worker.js';
import type { Db, DbKind, Queryable } from './types.js';

/**
 * The ledger database cannot be reached: the connection was refused, lost or shut down
 * (PostgreSQL), or the PGlite worker thread is gone. Not a fault of the request: the REST API
 * answers 503 with Retry-After, gRPC UNAVAILABLE, both with code DATABASE_UNAVAILABLE and this
 * message, never the driver's text (that stays in `cause`, for the log).
 */
export class DatabaseUnavailableError extends EdgefleetError {
  constructor(database: DbKind, reason: string, cause: unknown) {
    super(
      'DATABASE_UNAVAILABLE',
      `the ledger database is unavailable (${reason}); retry later`,
      { database, reason },
      { cause },
    );
  }
}

/** SQLSTATEs of a connection the server refused or ended (classes 08 and 57P, and 53300). */
const SQLSTATE_REASONS: Record<string, string> = {
  '08000': 'connection exception',
  '08001': 'cannot establish a connection',
  '08003': 'connection does not exist',
  '08004': 'connection rejected by the server',
  '08006': 'connection failure',
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is not accepting connections yet',
  '53300': 'the server has no connection slots left',
};

/** Socket errors on the way to the server. */
const ERRNO_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
};

/** node-postgres raises these as plain Errors, without a code. */
const PG_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated due to connection timeout/, 'connection timed out'],
  [/^Connection terminated/, 'connection terminated'],
  [/^Client has encountered a connection error/, 'connection lost'],
  [/^timeout exceeded when trying to connect/, 'connection timed out'],
  [/^Cannot use a pool after calling end on the pool/, 'closed'],
];

/** Why `err` means the database is unreachable (a short reason in this module's words), or undefined. */
export function unavailableReason(err: unknown): string | undefined {
  if (err instanceof PgliteWorkerError) return 'the PGlite worker thread stopped';
  if (err === null || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    const r = SQLSTATE_REASONS[code] ?? ERRNO_REASONS[code];
    if (r !== undefined) return r;
  }
  // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
  if (err instanceof AggregateError)
    for (const e of err.errors as unknown[]) {
      const r = unavailableReason(e);
      if (r !== undefined) return r;
    }
  if (err instanceof Error && typeof code !== 'string')
    for (const [re, reason] of PG_MESSAGES) if (re.test(err.message)) return reason;
  return undefined;
}

/** `err` as a DatabaseUnavailableError when it means the database is unreachable, else `err` itself. */
export function asUnavailable(kind: DbKind, err: unknown): unknown {
  if (err instanceof DatabaseUnavailableError) return err;
  const reason = unavailableReason(err);
  return reason === undefined ? err : new DatabaseUnavailableError(kind, reason, err);
}

/**
 * The same Db, whose every call fails with DatabaseUnavailableError where the database is
 * unreachable (inside a transaction too: that error leaves `tx` as it is). Any other error passes
 * through unchanged.
 */
export function withUnavailableErrors(db: Db): Db {
  const map = <T>(p: Promise<T>): Promise<T> =>
    p.catch((err: unknown) => Promise.reject(asUnavailable(db.kind, err)));
  const wrapQ = (q: Queryable): Queryable => {
    const copyFrom = q.copyFrom?.bind(q);
    return {
      query: (sql, params) => map(q.query(sql, params)),
      exec: (sql) => map(q.exec(sql)),
      ...(copyFrom
        ? {
            copyFrom: (sql: string, data: Parameters<typeof copyFrom>[1]) =>
              map(copyFrom(sql, data)),
          }
        : {}),
    };
  };
  const wrapped: Db = {
    kind: db.kind,
    ...wrapQ(db),
    tx: (fn, opts) => map(db.tx((q) => fn(wrapQ(q)), opts)),
    txStatements: (steps, opts) => map(db.txStatements(steps, opts)),
    close: () => db.close(),
  };
  // Symbol-keyed hooks of the handle (the PGlite worker's test-only kill) stay reachable.
  for (const key of Object.getOwnPropertySymbols(db)) {
    Object.defineProperty(wrapped, key, { value: (db as unknown as Record<symbol, unknown>)[key] });
  }
  return wrapped;
}
