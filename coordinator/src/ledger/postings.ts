import type { Queryable } from '../db/index.js';
import { accountKind } from './accounts.js';
import { LedgerInvariantError } from './errors.js';

export type TransferKind =
  | 'top_up'
  | 'hold'
  | 'burn'
  | 'burn_debt'
  | 'release'
  | 'debt_settle'
  | 'burn_disputed'
  | 'dispute_paid'
  | 'dispute_rejected'
  /** A site drained by its spot-check reputation: its unsettled earnings held (site:S → dispute:S). */
  | 'earnings_disputed'
  /** A reservation's price held at booking (customer:C → escrow:R). */
  | 'reservation_hold'
  /** A cancelled reservation's refund (escrow:R → customer:C). */
  | 'reservation_refund'
  /** A cancelled reservation's fee (escrow:R → revenue). */
  | 'reservation_fee'
  /** A reservation whose window ended: its price earned (escrow:R → revenue). */
  | 'reservation_commit'
  /** A token package bought (mint → customer:C); its purchase in package_purchases. */
  | 'package_purchase'
  /** The unspent remainder of a package at its expiry (customer:C → mint). */
  | 'package_expired'
  /** A replica's slice of a customer's balance topped up (customer:C → slice:R:C; slices.ts). */
  | 'slice_fund'
  /** A slice given back: idle, at its replica's start or close, or swept (slice:R:C → customer:C). */
  | 'slice_return';

/** One immutable double-entry transfer: `amount` leaves `debit` and arrives at `credit`. */
export interface Transfer {
  kind: TransferKind;
  debit: string;
  credit: string;
  amount: number;
  ref?: string;
  holdId?: string;
  leaseId?: string;
  siteId?: string;
  /** A burn's seq; for an aggregate burn posting, the first seq of the burns it posts. */
  burnSeq?: number;
  /** Aggregate burn posting: the last seq of its burns (they all lie in [burnSeq, burnSeqTo] on siteId). */
  burnSeqTo?: number;
  /** Aggregate burn posting: how many burns it posts. */
  burnCount?: number;
  acceleratorModel?: string;
  acceleratorSerial?: string;
  runId?: string;
}

/**
 * Writes transfers and moves the balances they touch, inside the caller's transaction, in two
 * statements whatever the count:
 *  1. the accounts are created on first use and row-locked, in id order (ON CONFLICT DO UPDATE …
 *     WHERE false locks an existing row without writing it), so two postings always lock accounts
 *     in the same order and never deadlock on each other;
 *  2. each account's net delta is added and the transfers go in as one multi-row INSERT.
 * The accounts' sign CHECK is the last line of defence: nothing ever takes a customer, hold or site
 * below zero. Zero amounts are skipped (a transfer is always > 0).
 * Returns the new transfer ids, one per transfer passed (0 for a skipped zero amount).
 */
export async function postTransfers(
  q: Queryable,
  transfers: readonly Transfer[],
  nowMs: number,
): Promise<number[]> {
  const list = transfers.filter((t) => t.amount !== 0);
  if (list.length === 0) return transfers.map(() => 0);
  const delta = new Map<string, number>();
  for (const t of list) {
    if (!Number.isSafeInteger(t.amount) || t.amount < 0)
      throw new LedgerInvariantError(
        `transfer amount must be a positive integer (got ${t.amount})`,
        { transfer: t },
      );
    if (t.debit === t.credit)
      throw new LedgerInvariantError(`transfer from ${t.debit} to itself`, { transfer: t });
    delta.set(t.debit, (delta.get(t.debit) ?? 0) - t.amount);
    delta.set(t.credit, (delta.get(t.credit) ?? 0) + t.amount);
  }
  const ids = [...delta.keys()].sort();
  await q.query(
    `INSERT INTO accounts AS a (id, kind) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (id) DO UPDATE SET balance = a.balance WHERE false`,
    [ids, ids.map(accountKind)],
  );
  let inserted: { id: number; kind: string; debit_account: string }[];
  try {
    inserted = await q.query<{ id: number; kind: string; debit_account: string }>(
      `WITH moved AS (
         UPDATE accounts AS a SET balance = a.balance + d.delta
           FROM unnest($1::text[], $2::bigint[]) AS d(id, delta)
          WHERE a.id = d.id AND d.delta <> 0
       )
       INSERT INTO transfers (kind, debit_account, credit_account, amount, ref, hold_id, lease_id, site_id, burn_seq,
                                accelerator_model, accelerator_serial, run_id, burn_seq_to, burn_count, created_at_ms)
         SELECT k, d, c, a, r, h, l, s, bs, am, asr, ru, bt, bc, $15::bigint
           FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[],
                       $11::bigint[], $12::text[], $13::text[], $14::text[], $16::bigint[], $17::bigint[])
                WITH ORDINALITY AS u(k, d, c, a, r, h, l, s, bs, am, asr, ru, bt, bc, o)
          ORDER BY o
       RETURNING id, kind, debit_account`,
      [
        ids,
        ids.map((id) => delta.get(id) ?? 0),
        list.map((t) => t.kind),
        list.map((t) => t.debit),
        list.map((t) => t.credit),
        list.map((t) => t.amount),
        list.map((t) => t.ref ?? null),
        list.map((t) => t.holdId ?? null),
        list.map((t) => t.leaseId ?? null),
        list.map((t) => t.siteId ?? null),
        list.map((t) => t.burnSeq ?? null),
        list.map((t) => t.acceleratorModel ?? null),
        list.map((t) => t.acceleratorSerial ?? null),
        list.map((t) => t.runId ?? null),
        nowMs,
        list.map((t) => t.burnSeqTo ?? null),
        list.map((t) => t.burnCount ?? null),
      ],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23514') {
      throw new LedgerInvariantError(
        `a posting would take an account past its sign (${(err as Error).message})`,
        { accounts: ids },
        err,
      );
    }
    throw err;
  }
  // Rows are inserted in ordinal order, so identity ids ascend with it; checked, not assumed.
  inserted.sort((a, b) => a.id - b.id);
  const byIndex = new Map<Transfer, number>();
  list.forEach((t, i) => {
    const row = inserted[i];
    if (!row || row.kind !== t.kind || row.debit_account !== t.debit)
      throw new LedgerInvariantError('transfer ids came back out of order', { transfer: t });
    byIndex.set(t, row.id);
  });
  return transfers.map((t) => byIndex.get(t) ?? 0);
}
