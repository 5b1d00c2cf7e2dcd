import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, type Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { Db } from '../db/index.js';
import type { ShutdownRegistry } from '../shutdown.js';
import { SLICE_REPLICA_ID } from './accounts.js';
import { createLedger, type SqlLedger } from './ledger.js';
import type { SliceBackgroundStep } from './slices.js';
import { throttledWarn } from '../throttled-warn.js';

/**
 * This replica's id: ledger.replicaId, or the one kept in dataDir/ledger-replica-id (written once,
 * exclusively), so that a restarted replica finds the slices a crash left escrowed and returns them.
 */
export function replicaIdFor(config: Pick<CoordinatorConfig, 'ledger'>, dataDir: string): string {
  if (config.ledger.replicaId !== undefined) return config.ledger.replicaId;
  const file = join(dataDir, 'ledger-replica-id');
  try {
    writeFileSync(file, `r-${randomBytes(8).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  const id = readFileSync(file, 'utf8').trim();
  if (!SLICE_REPLICA_ID.test(id))
    throw new Error(
      `${file} holds no valid replica id (${JSON.stringify(id)}); delete it or set ledger.replicaId`,
    );
  return id;
}

/**
 * The slice book's background failures, logged: with the database gone the tick fails every
 * second, so each step's failure is logged once a minute at most, with the count held back.
 */
function sliceErrorLog(log: Logger): (step: SliceBackgroundStep, err: unknown) => void {
  const warn = throttledWarn(log, 'ledger slices: background step failed (retried every tick)');
  return (step, err) => warn(step, { step, err: describeError(err) });
}

/** The coordinator's ledger (slices on by default), its slices returned at shutdown before the database closes. */
export async function ledgerFromConfig(
  config: Pick<CoordinatorConfig, 'ledger'>,
  d: { db: Db; dataDir: string; shutdown: ShutdownRegistry; log?: Logger },
): Promise<SqlLedger> {
  const s = config.ledger.slices;
  const ledger = await createLedger(d.db, {
    closeDb: false,
    ...(s.enabled
      ? {
          slices: {
            replicaId: replicaIdFor(config, d.dataDir),
            demandWindowMs: s.demandWindowMs,
            minHolds: s.minHolds,
            maxShare: s.maxShare,
            idleReturnMs: s.idleReturnMs,
            goneAfterMs: s.goneAfterMs,
            tickMs: s.tickMs,
            ...(d.log ? { onBackgroundError: sliceErrorLog(d.log) } : {}),
          },
        }
      : {}),
  });
  d.shutdown.add(() => ledger.close());
  return ledger;
}
