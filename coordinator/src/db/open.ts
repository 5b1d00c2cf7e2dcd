import { loadMigrations, defaultMigrationsDir, migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPgliteWorker } from './pglite-worker.js';
import { openPostgres } from './postgres.js';
import type { Db, OpenDbOptions, PgliteMode } from './types.js';
import { withUnavailableErrors } from './unavailable.js';

/**
 * opts.pglite, else EDGEFLEET_PGLITE_MODE (for tools and benchmark fixtures that open the ledger
 * without a coordinator config), else the caller's thread.
 */
function pgliteMode(opts: OpenDbOptions): PgliteMode {
  if (opts.pglite !== undefined) return opts.pglite;
  return process.env['EDGEFLEET_PGLITE_MODE'] === 'worker' ? 'worker' : 'main-thread';
}

export function isPostgresUrl(url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * PostgreSQL when `url` is postgres://…, else embedded PGlite under `<dataDir>/ledger` (in memory
 * without a dataDir). Pending migrations are applied before it returns. A call that fails because the
 * database is unreachable fails with DatabaseUnavailableError (unavailable.ts).
 */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  if (opts.url !== undefined && opts.url !== '' && !isPostgresUrl(opts.url)) {
    throw new Error(
      `database url must start with postgres:// or postgresql:// (got ${opts.url.split(':')[0] ?? ''}:…)`,
    );
  }
  const db = withUnavailableErrors(
    opts.url !== undefined && isPostgresUrl(opts.url)
      ? openPostgres({
          url: opts.url,
          ...(opts.schema !== undefined ? { schema: opts.schema } : {}),
          ...(opts.poolSize !== undefined ? { poolSize: opts.poolSize } : {}),
          ...(opts.connectTimeoutMs !== undefined
            ? { connectTimeoutMs: opts.connectTimeoutMs }
            : {}),
        })
      : pgliteMode(opts) === 'worker'
        ? await openPgliteWorker(opts.dataDir, opts.onFatal)
        : await openPglite(opts.dataDir),
  );
  if (opts.migrate !== false) {
    try {
      await migrate(
        db,
        await loadMigrations(opts.migrationsDir ?? defaultMigrationsDir()),
        db.kind === 'postgres' ? opts.schema : undefined,
      );
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}
