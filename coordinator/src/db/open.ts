import { loadMigrations, defaultMigrationsDir, migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import type { Db, OpenDbOptions } from './types.js';

export function isPostgresUrl(url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * PostgreSQL when `url` is postgres://…, else embedded PGlite under `<dataDir>/ledger` (in memory
 * without a dataDir). Pending migrations are applied before it returns.
 */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  if (opts.url !== undefined && opts.url !== '' && !isPostgresUrl(opts.url)) {
    throw new Error(`database url must start with postgres:// or postgresql:// (got ${opts.url.split(':')[0] ?? ''}:…)`);
  }
  const db = opts.url !== undefined && isPostgresUrl(opts.url)
    ? openPostgres({ url: opts.url, ...(opts.schema !== undefined ? { schema: opts.schema } : {}), ...(opts.poolSize !== undefined ? { poolSize: opts.poolSize } : {}) })
    : await openPglite(opts.dataDir);
  if (opts.migrate !== false) {
    try {
      await migrate(db, await loadMigrations(opts.migrationsDir ?? defaultMigrationsDir()), db.kind === 'postgres' ? opts.schema : undefined);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}
