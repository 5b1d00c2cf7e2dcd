import { randomUUID } from 'node:crypto';
import type { BurnRecordData } from '@edgefleet/proto';
import type { Db } from '../db/index.js';
import { chainHeads, reconLagSeconds } from './chains.js';
import { disputeAccount, MINT, siteAccount } from './accounts.js';
import { checkInvariants, customerBalance, siteEarnings, totalOfAllBalances } from './balances.js';
import { lockForCredit } from './credit-lock.js';
import {
  DisputeBalanceError,
  DuplicateReferenceError,
  InvalidLedgerArgumentError,
} from './errors.js';
import { GroupCommit, type Outcome } from './group-commit.js';
import {
  expireHoldBatch,
  readHold,
  releaseDueBatch,
  releaseHold,
  remainingOf,
  writeAcquireBatch,
  type AcquireWrite,
} from './holds.js';
import { postTransfers } from './postings.js';
import { reconcileAll } from './reconcile.js';
import { ingestBatches, type BurnBatch, type IngestResult } from './reconcile-fast.js';
import { getRun, listRuns } from './reports.js';
import {
  endLeases,
  holdChangeHead,
  holdChangesSince,
  liveLeasesOf,
  readHoldViews,
  renewLiveHold,
  scheduleFirstRelease,
} from './shared-holds.js';
import { SliceBook, type SliceOptions } from './slices.js';
import { stageBurns } from './stage.js';
import { customerStatement, siteStatement } from './statements.js';
import { burnTotals } from './burn-rates.js';
import { checkReceipts } from './receipts-check.js';
import type { Ledger } from './types.js';
import { assertAmount, assertId, assertTime } from './validate.js';
import { assertTopUpWithinLimit } from './balance-limit.js';

export interface LedgerOptions {
  /** A burn may start this long before its lease was issued (default 60 s). */
  clockSkewMs?: number;
  /** A burn may end this long after its lease expired before it counts as late (default 60 s). */
  lateGraceMs?: number;
  /** Staged records of one site decided per transaction (default 5000). */
  reconcileChunk?: number;
  /** Holds voided per transaction by expireHolds (default 500). */
  expireBatch?: number;
  /** Most Acquire writes (holds and lease rows) together in one transaction (group commit; default 512). */
  holdBatch?: number;
  /** Most burn batches decided together in one ingestBurns transaction (group commit; default 256). */
  burnBatch?: number;
  /** Wall clock for created-at stamps (default Date.now). */
  now?: () => number;
  /** ledger.close() also closes the Db (default true). */
  closeDb?: boolean;
  /**
   * Holds decided in memory against this replica's slices of customers' balances (slices.ts;
   * docs/ledger.md "Slices"): placeHold runs no SQL while the slice covers it, and the hold is
   * written with its first lease row. Without it, every hold is placed in the database at once.
   */
  slices?: SliceOptions;
}

/** The SQL ledger: the Ledger contract plus what operators and tests need. */
export interface SqlLedger extends Ledger {
  readonly db: Db;
  /** Re-derives every maintained figure from the immutable transfers; throws LedgerInvariantError. */
  checkInvariants(): Promise<void>;
  /** A site's chain head: the last decided seq and its hash (seq 0 = nothing yet). */
  chainHead(siteId: string): Promise<{ seq: number; hash: string }>;
  /** This replica's slices, when holds are decided against them (LedgerOptions.slices). */
  readonly slices: SliceBook | undefined;
  /** What a site claimed beyond its leases' bounds and is held until an operator decides (µT, ≥ 0). */
  disputeBalance(siteId: string): Promise<number>;
  /**
   * An operator's decision on a site's disputed µT (the whole balance when `amount` is omitted):
   * 'pay' credits the site (dispute:{site} → site:{site}, kind dispute_paid: the operator funds it,
   * as the µT came from the mint), 'reject' returns them to the mint (dispute_rejected). The customer
   * is never charged either way. Idempotent per (site, ref): the same ref with the same decision and
   * amount is a no-op, with others DuplicateReferenceError; more than is held: DisputeBalanceError.
   * Returns what is left in dispute. (The HTTP/CLI route for it is a later step.)
   */
  resolveDispute(
    siteId: string,
    decision: 'pay' | 'reject',
    opts: { amount?: number; ref: string },
  ): Promise<{ resolved: number; left: number }>;
  /**
   * Holds a site's unsettled earnings (its whole site:{site} balance) on its dispute account
   * (kind earnings_disputed): a site drained by its spot-check reputation is paid nothing more until
   * an operator decides (resolveDispute). Returns the µT moved (0 when there were none).
   */
  disputeEarnings(siteId: string, ref: string): Promise<number>;
}

export async function createLedger(db: Db, opts: LedgerOptions = {}): Promise<SqlLedger> {
  const now = opts.now ?? Date.now;
  const recon = {
    clockSkewMs: opts.clockSkewMs ?? 60_000,
    lateGraceMs: opts.lateGraceMs ?? 60_000,
    chunkSize: opts.reconcileChunk ?? 5000,
    now,
    rowFormat: db.kind === 'pglite' ? ('json' as const) : ('rows' as const),
  };
  const expireBatch = opts.expireBatch ?? 500;
  // Acquire's writes (its hold, then a lease row per admitted site) of one event-loop turn share one transaction (as a rule).
  // Two batches in flight: the PGlite worker runs the next while the event loop answers the previous.
  const acquireCommits = new GroupCommit<AcquireWrite, void>(
    (reqs) => writeAcquireBatch(db, reqs, now()),
    opts.holdBatch ?? 512,
    2,
  );
  // Fast-path decisions are reported under a rolling run, replaced by a new one at every reconcile().
  let fastRun = { runId: randomUUID(), startedAtMs: now() };
  const fast = { clockSkewMs: recon.clockSkewMs, lateGraceMs: recon.lateGraceMs };
  const ingestOne = (b: BurnBatch): Promise<IngestResult | undefined> =>
    db.tx(
      async (q) =>
        (await ingestBatches(q, [b], now(), { ...fast, verifyHashes: 'js', run: fastRun }))[0],
    );
  // Burn batches of one event-loop turn share one transaction. On PGlite each record's hash is
  // checked by the INSERT; on PostgreSQL in JavaScript, so that the burns go in by binary COPY (which
  // cannot check them, and is the faster of the two there). If the group fails (a hash mismatch at
  // the INSERT, a deadlock between two replicas' groups, one bad batch), each batch is retried alone
  // with the hashes checked in JavaScript, so one cannot fail the others.
  const groupHashes = db.kind === 'postgres' ? ('js' as const) : ('sql' as const);
  const burnCommits = new GroupCommit<BurnBatch, IngestResult>(async (reqs) => {
    try {
      const res = await db.tx((q) =>
        ingestBatches(q, reqs, now(), { ...fast, verifyHashes: groupHashes, run: fastRun }),
      );
      return res.map((value) => ({ ok: true as const, value }));
    } catch {
      // Retried below, batch by batch; an error that persists is that batch's answer.
    }
    const out: Outcome<IngestResult>[] = [];
    for (const r of reqs) {
      try {
        const value = await ingestOne(r);
        out.push(
          value
            ? { ok: true, value }
            : { ok: false, error: new Error(`burn batch of ${r.siteId}: no result`) },
        );
      } catch (error) {
        out.push({ ok: false, error });
      }
    }
    return out;
  }, opts.burnBatch ?? 256);
  await db.query(
    "INSERT INTO accounts (id, kind) VALUES ($1, 'mint') ON CONFLICT (id) DO NOTHING",
    [MINT],
  );
  const slices = opts.slices ? new SliceBook(db, opts.slices, now) : undefined;
  await slices?.start();

  return {
    db,
    slices,

    async topUp(customerId, microTokens, ref) {
      assertId('customerId', customerId);
      assertAmount('microTokens', microTokens);
      return db.tx(async (q) => {
        const { account, debt, balance, mintBalance, owed } = await lockForCredit(q, customerId);
        if (ref !== '') {
          const [prior] = await q.query<{ amount: number }>(
            "SELECT amount FROM transfers WHERE kind = 'top_up' AND credit_account = $1 AND ref = $2",
            [account, ref],
          );
          if (prior) {
            if (prior.amount !== microTokens)
              throw new DuplicateReferenceError('top_up', ref, {
                customerId,
                microTokens: prior.amount,
              });
            return balance;
          }
        }
        assertTopUpWithinLimit(customerId, account, balance, mintBalance, microTokens);
        const settle = Math.min(owed, balance + microTokens);
        await postTransfers(
          q,
          [
            {
              kind: 'top_up',
              debit: MINT,
              credit: account,
              amount: microTokens,
              ...(ref !== '' ? { ref } : {}),
            },
            {
              kind: 'debt_settle',
              debit: account,
              credit: debt,
              amount: settle,
              ...(ref !== '' ? { ref } : {}),
            },
          ],
          now(),
        );
        return balance + microTokens - settle;
      });
    },

    async placeHold(h) {
      assertId('holdId', h.holdId);
      assertId('customerId', h.customerId);
      assertAmount('microTokens', h.microTokens);
      assertTime('expiresAtMs', h.expiresAtMs);
      if (slices) return slices.place(h);
      await acquireCommits.submit({
        hold: {
          holdId: h.holdId,
          customerId: h.customerId,
          microTokens: h.microTokens,
          expiresAtMs: h.expiresAtMs,
        },
      });
    },

    async registerLease(l) {
      for (const k of ['leaseId', 'holdId', 'siteId', 'customerId', 'model'] as const)
        assertId(k, l[k]);
      assertAmount('budgetMicroTokens', l.budgetMicroTokens, { allowZero: true });
      assertTime('issuedAtMs', l.issuedAtMs);
      assertTime('expiresAtMs', l.expiresAtMs);
      if (l.slotFraction !== undefined && !(l.slotFraction > 0 && l.slotFraction <= 1)) {
        throw new InvalidLedgerArgumentError(
          `slotFraction must be in (0, 1] (got ${String(l.slotFraction)})`,
          { leaseId: l.leaseId, slotFraction: l.slotFraction },
        );
      }
      if (l.multiplier !== undefined && !(l.multiplier > 0 && Number.isFinite(l.multiplier))) {
        throw new InvalidLedgerArgumentError(
          `multiplier must be a finite number > 0 (got ${String(l.multiplier)})`,
          { leaseId: l.leaseId, multiplier: l.multiplier },
        );
      }
      const sliced = slices?.beginWrite(l.holdId);
      if (sliced && sliced.hold.customerId !== l.customerId) sliced.done(false);
      else if (sliced) {
        // The hold decided in memory and this lease become durable together.
        try {
          await acquireCommits.submit({ lease: l, sliced: sliced.hold });
          sliced.done(true);
        } catch (err) {
          // The hold may be durable even so: its row goes in with the batch's first statement,
          // before lease rows that can still be refused (a lease id repeated in the batch, a
          // DuplicateReferenceError). The database decides; unreachable, it counts as durable, so
          // the slice never spends µT that may have left it.
          const durable = await db.query('SELECT 1 FROM holds WHERE id = $1', [l.holdId]).then(
            (rows) => rows.length > 0,
            () => true,
          );
          sliced.done(durable);
          if ((err as { code?: string }).code === '23514') await slices?.resync();
          throw err;
        }
        return;
      }
      // Another lease of a hold being written with its first one: after it.
      await slices?.writing(l.holdId);
      await acquireCommits.submit({ lease: l });
    },

    renewHold(holdId, expiresAtMs, liveAtMs) {
      assertTime('expiresAtMs', expiresAtMs);
      return db.tx((q) => renewLiveHold(q, holdId, expiresAtMs, liveAtMs));
    },

    async releaseHold(holdId, reason) {
      await slices?.writing(holdId);
      const released = slices?.releaseProvisional(holdId);
      if (released !== undefined) return { burned: 0, released };
      return db.tx((q) => releaseHold(q, holdId, reason, now()));
    },

    scheduleRelease(holdId, atMs) {
      assertId('holdId', holdId);
      assertTime('atMs', atMs);
      return db.tx((q) => scheduleFirstRelease(q, holdId, atMs));
    },

    holdViews(holdIds) {
      return readHoldViews(db, holdIds);
    },

    liveLeases(holdId) {
      assertId('holdId', holdId);
      return liveLeasesOf(db, holdId);
    },

    async endLeases(leaseIds, atMs) {
      assertTime('atMs', atMs);
      await endLeases(db, leaseIds, atMs);
    },

    holdChangesSince(seq, limit = 1000) {
      return holdChangesSince(db, seq, limit);
    },

    holdChangeHead() {
      return holdChangeHead(db);
    },

    async holdState(holdId) {
      assertId('holdId', holdId);
      const h = await readHold(db, holdId);
      return {
        holdId: h.id,
        customerId: h.customer_id,
        amount: h.amount,
        posted: h.posted,
        released: h.released,
        remaining: remainingOf(h),
        status: h.status,
      };
    },

    async expireHolds(nowMs, graceMs) {
      assertTime('nowMs', nowMs);
      assertTime('graceMs', graceMs);
      let total = 0;
      for (;;) {
        const n = await db.tx((q) => releaseDueBatch(q, nowMs, expireBatch));
        total += n;
        if (n < expireBatch) break;
      }
      for (;;) {
        const n = await db.tx((q) => expireHoldBatch(q, nowMs, graceMs, expireBatch));
        total += n;
        if (n < expireBatch) return total;
      }
    },

    async stageBurns(siteId: string, records: BurnRecordData[]) {
      assertId('siteId', siteId);
      if (!Array.isArray(records))
        throw new InvalidLedgerArgumentError('records must be an array of burn records', {
          siteId,
        });
      return db.tx((q) => stageBurns(q, siteId, records, now()));
    },

    async ingestBurns(siteId: string, records: BurnRecordData[]) {
      assertId('siteId', siteId);
      if (!Array.isArray(records))
        throw new InvalidLedgerArgumentError('records must be an array of burn records', {
          siteId,
        });
      return burnCommits.submit({ siteId, records });
    },

    reconcile(nowMs) {
      assertTime('nowMs', nowMs);
      fastRun = { runId: randomUUID(), startedAtMs: now() };
      return reconcileAll(db, nowMs, recon);
    },

    balance: (customerId) => customerBalance(db, customerId, slices?.provisionalOf(customerId)),
    siteEarnings: (siteId) => siteEarnings(db, siteId),
    burnTotals: (sinceMs) => burnTotals(db, sinceMs),
    totalOfAllBalances: () => totalOfAllBalances(db),
    listRuns: (limit) => listRuns(db, limit),
    getRun: (runId) => getRun(db, runId),
    customerStatement: (customerId, q = {}) => customerStatement(db, customerId, q),
    siteStatement: (siteId, q = {}) => siteStatement(db, siteId, q),
    checkReceipts: (customerId, receipts, period) =>
      checkReceipts(db, customerId, receipts, period),
    checkInvariants: () => db.tx((q) => checkInvariants(q), { isolation: 'serializable' }),
    chainHeads: () => chainHeads(db),
    reconLagSeconds: () => reconLagSeconds(db, now()),

    async chainHead(siteId) {
      const [row] = await db.query<{ head_seq: number; head_hash: string }>(
        'SELECT head_seq, head_hash FROM site_chains WHERE site_id = $1',
        [siteId],
      );
      return row ? { seq: row.head_seq, hash: row.head_hash } : { seq: 0, hash: '0'.repeat(64) };
    },

    disputeBalance: (siteId) => siteEarnings(db, siteId, disputeAccount(siteId)),

    async resolveDispute(siteId, decision, o) {
      assertId('siteId', siteId);
      assertId('ref', o.ref);
      if (decision !== 'pay' && decision !== 'reject')
        throw new InvalidLedgerArgumentError(
          `decision must be pay or reject (got ${String(decision)})`,
          { siteId },
        );
      if (o.amount !== undefined) assertAmount('amount', o.amount);
      const account = disputeAccount(siteId);
      const kind = decision === 'pay' ? ('dispute_paid' as const) : ('dispute_rejected' as const);
      return db.tx(async (q) => {
        const [row] = await q.query<{ balance: number }>(
          'SELECT balance FROM accounts WHERE id = $1 FOR UPDATE',
          [account],
        );
        const held = row?.balance ?? 0;
        const [prior] = await q.query<{ kind: string; amount: number }>(
          "SELECT kind, amount FROM transfers WHERE kind IN ('dispute_paid', 'dispute_rejected') AND debit_account = $1 AND ref = $2",
          [account, o.ref],
        );
        if (prior) {
          if (prior.kind !== kind || (o.amount !== undefined && prior.amount !== o.amount)) {
            throw new DuplicateReferenceError('dispute_decision', o.ref, {
              siteId,
              decision: prior.kind,
              amount: prior.amount,
            });
          }
          return { resolved: prior.amount, left: held };
        }
        const amount = o.amount ?? held;
        if (amount > held) throw new DisputeBalanceError(siteId, held, amount);
        if (amount === 0) return { resolved: 0, left: held };
        await postTransfers(
          q,
          [
            {
              kind,
              debit: account,
              credit: decision === 'pay' ? siteAccount(siteId) : MINT,
              amount,
              siteId,
              ref: o.ref,
            },
          ],
          now(),
        );
        return { resolved: amount, left: held - amount };
      });
    },

    async disputeEarnings(siteId, ref) {
      assertId('siteId', siteId);
      assertId('ref', ref);
      return db.tx(async (q) => {
        const [row] = await q.query<{ balance: number }>(
          'SELECT balance FROM accounts WHERE id = $1 FOR UPDATE',
          [siteAccount(siteId)],
        );
        const amount = Number(row?.balance ?? 0);
        if (amount <= 0) return 0;
        await postTransfers(
          q,
          [
            {
              kind: 'earnings_disputed',
              debit: siteAccount(siteId),
              credit: disputeAccount(siteId),
              amount,
              siteId,
              ref,
            },
          ],
          now(),
        );
        return amount;
      });
    },

    async close() {
      await slices?.close();
      if (opts.closeDb !== false) await db.close();
    },
  };
}
