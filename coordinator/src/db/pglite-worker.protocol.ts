/** Messages between the main thread and the PGlite worker thread (pglite-worker.thread.ts). */

/** workerData: where PGlite keeps its files (memory:// or a directory). */
export interface WorkerInit {
  location: string;
  /** PostgreSQL settings to open with (pglite-init.ts PGLITE_SETTINGS; the thread imports nothing from the workspace). */
  settings: string[];
  /** An in-memory database loads this PGlite dump instead of running initdb (pglite-init.ts pgliteTemplateTar). */
  templateTar?: string;
}

/** `begin`: run this BEGIN first (a transaction's first statement carries it: one thread hop less). */
export type WorkerCall =
  | { op: 'query'; sql: string; params: unknown[]; begin?: string }
  | { op: 'exec'; sql: string; begin?: string }
  /** A whole transaction on one message: `begin`, the statements, COMMIT (ROLLBACK if one fails); rows: each statement's rows. */
  | { op: 'tx'; begin: string; steps: { sql: string; params: unknown[] }[] }
  | { op: 'close' };

export type WorkerRequest = WorkerCall & { id: number };

/** An error as it crosses the thread boundary: name, message and PostgreSQL's fields (code, detail, …). */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, string | number>;
}

export type WorkerReply =
  | { id: number; ok: true; rows: unknown[] }
  | { id: number; ok: false; error: WireError }
  | { id: 0; ready: true }
  | { id: 0; ready: false; error: WireError };

/** Set in a failed `tx` reply's fields when the ROLLBACK after the failure failed too (the connection state is unknown). */
export const ROLLBACK_FAILED = 'rollbackFailed';

/** Name the worker's BIGINT parser gives its error, rebuilt as UnsafeIntegerError on the main thread. */
export const UNSAFE_INTEGER = 'UnsafeIntegerError';
