import { randomBytes } from 'node:crypto';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';
import type { Db, Queryable } from '../db/index.js';
import type { Ledger } from './types.js';

/** Test helpers: ids that never collide between tests sharing one database, chains, leases. */
export const uid = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

export const T0 = 1_700_000_000_000;

/** An account's balance as stored (0 when it has no row). */
export const accountBalance = async (db: Queryable, account: string): Promise<number> =>
  Number(
    (await db.query<{ n: number }>('SELECT balance AS n FROM accounts WHERE id = $1', [account]))[0]
      ?.n ?? 0,
  );

/** Builds a site's hash chain the way an agent does. */
/** The number (column `n`) a one-row query answers, e.g. `SELECT count(*) AS n FROM …`. */
export const countRows = async (
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<number> => Number((await db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

/** A lease of `amount` µT on a hold, issued at T0 for 10 minutes, with a fresh id. */
export const testLease = (holdId: string, customerId: string, siteId: string, amount: number) => ({
  leaseId: uid('lease'),
  holdId,
  siteId,
  customerId,
  model: 'm',
  budgetMicroTokens: amount,
  issuedAtMs: T0,
  expiresAtMs: T0 + 600_000,
});

export class TestChain {
  last: BurnRecordData | undefined;
  constructor(readonly siteId: string) {}

  next(
    leaseId: string,
    microTokens: number,
    at: { startedAtMs?: number; endedAtMs?: number; migInstanceUuid?: string } = {},
  ): BurnRecordData {
    const startedAt = at.startedAtMs ?? T0 + 1_000;
    const r = chainBurn(this.last, {
      site_id: this.siteId,
      lease_id: leaseId,
      accelerator_model: 'H100-80GB',
      accelerator_serial: `SN-${this.siteId}-0`,
      slot: 'gpu0',
      started_at_ms: startedAt,
      ended_at_ms: at.endedAtMs ?? startedAt + 1_000,
      micro_tokens: microTokens,
      ...(at.migInstanceUuid !== undefined ? { mig_instance_uuid: at.migInstanceUuid } : {}),
    });
    this.last = r;
    return r;
  }

  many(leaseId: string, amounts: readonly number[]): BurnRecordData[] {
    return amounts.map((a) => this.next(leaseId, a));
  }
}

export interface TestLease {
  customerId: string;
  holdId: string;
  leaseId: string;
  siteId: string;
}

/** Tops up a fresh customer, places a hold and registers one lease on a fresh site. */
export async function openLease(
  ledger: Ledger,
  opts: {
    topUp: number;
    hold: number;
    budget?: number;
    issuedAtMs?: number;
    expiresAtMs?: number;
    customerId?: string;
    siteId?: string;
    slotFraction?: number;
    multiplier?: number;
    /** Pins the lease to a MIG instance (leases.mig_instance_uuid). */
    migInstanceUuid?: string;
  },
): Promise<TestLease> {
  const customerId = opts.customerId ?? uid('cust');
  const siteId = opts.siteId ?? uid('site');
  const holdId = uid('hold');
  const leaseId = uid('lease');
  const issuedAtMs = opts.issuedAtMs ?? T0;
  const expiresAtMs = opts.expiresAtMs ?? T0 + 600_000;
  if (opts.topUp > 0) await ledger.topUp(customerId, opts.topUp, uid('pay'));
  await ledger.placeHold({ holdId, customerId, microTokens: opts.hold, expiresAtMs });
  await ledger.registerLease({
    leaseId,
    holdId,
    siteId,
    customerId,
    model: 'llama-3-8b',
    budgetMicroTokens: opts.budget ?? opts.hold,
    issuedAtMs,
    expiresAtMs,
    ...(opts.slotFraction !== undefined && opts.multiplier !== undefined
      ? { slotFraction: opts.slotFraction, multiplier: opts.multiplier }
      : {}),
    ...(opts.migInstanceUuid !== undefined ? { migInstanceUuid: opts.migInstanceUuid } : {}),
  });
  return { customerId, holdId, leaseId, siteId };
}

/** A Db that counts the statements sent inside its transactions (to prove batching). */
export function countingDb(db: Db): {
  db: Db;
  statements: () => number;
  transactions: () => number;
  reset: () => void;
} {
  let n = 0;
  let txs = 0;
  const wrap = (q: Queryable): Queryable => {
    const copyFrom = q.copyFrom?.bind(q);
    return {
      query: <T>(sql: string, params?: readonly unknown[]) => {
        n++;
        return q.query<T>(sql, params);
      },
      exec: (sql) => {
        n++;
        return q.exec(sql);
      },
      ...(copyFrom
        ? {
            copyFrom: (sql: string, data: Uint8Array | Iterable<Uint8Array>) => {
              n++;
              return copyFrom(sql, data);
            },
          }
        : {}),
    };
  };
  const counted: Db = {
    kind: db.kind,
    query: <T>(sql: string, params?: readonly unknown[]) => db.query<T>(sql, params),
    exec: (sql) => db.exec(sql),
    tx: (fn, opts) => {
      txs++;
      return db.tx((q) => fn(wrap(q)), opts);
    },
    txStatements: (steps, opts) => {
      txs++;
      n += steps.length;
      return db.txStatements(steps, opts);
    },
    close: () => db.close(),
  };
  return {
    db: counted,
    statements: () => n,
    transactions: () => txs,
    reset: () => {
      n = 0;
      txs = 0;
    },
  };
}
