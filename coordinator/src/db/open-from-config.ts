import { describeError, type Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { ShutdownRegistry } from '../shutdown.js';
import { openDb } from './open.js';
import type { Db } from './types.js';

/**
 * The ledger database the configuration names: PostgreSQL at `databaseUrl`, else PGlite under
 * `<dataDir>/ledger` (in a worker thread or this one, `pglite`), migrated and closed at shutdown.
 * A PGlite worker that dies is for good: it is logged as fatal and `onFatal` is told (the process
 * should exit).
 */
export async function openDbFromConfig(
  config: Pick<CoordinatorConfig, 'databaseUrl' | 'pglite'> &
    Partial<Pick<CoordinatorConfig, 'databaseConnectTimeoutMs'>>,
  d: {
    dataDir: string;
    log: Logger;
    onFatal?: ((err: Error) => void) | undefined;
    shutdown: ShutdownRegistry;
  },
): Promise<Db> {
  const onFatal = (err: Error) => {
    d.log.fatal({ err: describeError(err) }, 'ledger database lost; the coordinator must restart');
    d.onFatal?.(err);
  };
  const db = await openDb(
    config.databaseUrl
      ? {
          url: config.databaseUrl,
          ...(config.databaseConnectTimeoutMs !== undefined
            ? { connectTimeoutMs: config.databaseConnectTimeoutMs }
            : {}),
        }
      : { dataDir: d.dataDir, pglite: config.pglite, onFatal },
  );
  d.shutdown.add(() => db.close());
  return db;
}
