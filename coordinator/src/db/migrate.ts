import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EdgefleetError } from '@edgefleet/common';
import type { Db } from './types.js';

export class MigrationError extends EdgefleetError {
  constructor(message: string, data: Record<string, unknown> = {}, cause?: unknown) {
    super('DB_MIGRATION', message, data, { cause });
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/**
 * The migrations/ folder beside this module: src/db/migrations from source, dist/db/migrations
 * once built (the package's build copies the .sql files there; the installed package ships dist only).
 */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

export async function loadMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = FILE.exec(file);
    if (!m) throw new MigrationError(`migration file ${file} is not named NNN_name.sql`, { file });
    const version = Number(m[1]);
    if (out.some((x) => x.version === version))
      throw new MigrationError(`two migrations share version ${version}`, { file });
    const sql = await readFile(join(dir, file), 'utf8');
    out.push({
      version,
      name: m[2] ?? '',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return out;
}

/**
 * Applies the pending migrations in version order, all in one transaction under a transaction-level
 * advisory lock: two replicas starting together apply each migration once (the second waits, then
 * finds them recorded). An applied migration whose file has changed is refused, not re-run.
 * Returns the versions applied now.
 */
export async function migrate(db: Db, migrations: Migration[], schema?: string): Promise<number[]> {
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `edgefleet.migrate:${schema ?? ''}`,
    ]);
    if (schema !== undefined) await q.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await q.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = new Map(
      (
        await q.query<{ version: number; checksum: string }>(
          'SELECT version, checksum FROM schema_migrations',
        )
      ).map((r) => [r.version, r.checksum]),
    );
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      const sum = applied.get(m.version);
      if (sum !== undefined) {
        if (sum !== m.checksum)
          throw new MigrationError(
            `migration ${m.version}_${m.name} was changed after it was applied`,
            { version: m.version },
          );
        continue;
      }
      try {
        await q.exec(m.sql);
      } catch (err) {
        throw new MigrationError(
          `migration ${m.version}_${m.name} failed: ${(err as Error).message}`,
          { version: m.version },
          err,
        );
      }
      await q.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      done.push(m.version);
    }
    return done;
  });
}
