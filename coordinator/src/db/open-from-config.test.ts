import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { ShutdownSteps } from '../shutdown.js';
import { openDbFromConfig } from './open-from-config.js';

const log = createLogger('test', 'silent');
/** Each test opens and migrates a fresh PGlite: slow on a loaded machine. */
const MIGRATE_TIMEOUT_MS = 90_000;
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function dataDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'edgefleet-db-config-'));
  dirs.push(d);
  return d;
}

describe('openDbFromConfig', () => {
  it(
    'without databaseUrl opens PGlite under dataDir/ledger, migrated, and the shutdown closes it',
    async () => {
      const dir = await dataDir();
      const shutdown = new ShutdownSteps(log);
      const db = await openDbFromConfig({ pglite: 'main-thread' }, { dataDir: dir, log, shutdown });
      expect(db.kind).toBe('pglite');
      expect(existsSync(join(dir, 'ledger'))).toBe(true);
      // Migrated: the ledger's own tables are there.
      const tables = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'accounts'",
      );
      expect(tables).toEqual([{ n: 1 }]);
      await shutdown.close();
      await expect(db.query('SELECT 1')).rejects.toThrow();
    },
    MIGRATE_TIMEOUT_MS,
  );

  it(
    'a PGlite worker that dies is logged as fatal and reported once',
    async () => {
      const shutdown = new ShutdownSteps(log);
      const fatalLog = vi.spyOn(log, 'fatal');
      const onFatal = vi.fn();
      const db = await openDbFromConfig(
        { pglite: 'worker' },
        { dataDir: await dataDir(), log, onFatal, shutdown },
      );
      const kill = (db as unknown as Record<symbol, () => Promise<void>>)[
        Symbol.for('edgefleet.pgliteWorker.kill')
      ];
      expect(kill).toBeTypeOf('function');
      await kill?.();
      await vi.waitFor(() => expect(onFatal).toHaveBeenCalledTimes(1));
      expect(fatalLog).toHaveBeenCalledTimes(1);
      await shutdown.close();
      expect(onFatal).toHaveBeenCalledTimes(1);
    },
    MIGRATE_TIMEOUT_MS,
  );

  it('with databaseUrl opens that database instead (a URL that is not PostgreSQL is refused)', async () => {
    const shutdown = new ShutdownSteps(log);
    await expect(
      openDbFromConfig(
        { databaseUrl: 'mysql://db/ledger', pglite: 'main-thread' },
        { dataDir: await dataDir(), log, shutdown },
      ),
    ).rejects.toThrow(/postgres:\/\//);
  });
});
