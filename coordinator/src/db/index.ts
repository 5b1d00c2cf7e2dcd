export type {
  Db,
  DbKind,
  OpenDbOptions,
  PgliteMode,
  Queryable,
  Row,
  Statement,
  TxOptions,
} from './types.js';
export { openDb, isPostgresUrl } from './open.js';
export {
  migrate,
  loadMigrations,
  defaultMigrationsDir,
  MigrationError,
  type Migration,
} from './migrate.js';
export { parseInt8, UnsafeIntegerError, INT8_OID } from './int8.js';
export { isRetryable, withRetries } from './retry.js';
export { Mutex } from './mutex.js';
export { PgliteWorkerError } from './pglite-worker.js';
export {
  DatabaseUnavailableError,
  unavailableReason,
  asUnavailable,
  withUnavailableErrors,
} from './unavailable.js';
