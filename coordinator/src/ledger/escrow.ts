import type { Queryable } from '../db/index.js';
import { customerAccount, escrowAccount, REVENUE } from './accounts.js';
import { LedgerInsufficientBalanceError, LedgerInvariantError } from './errors.js';
import { postTransfers, type Transfer } from './postings.js';

/**
 * Reservation escrow: the price of a reservation is held from booking until it is cancelled or its
 * window ends, on `escrow:{reservationId}`. Each function runs inside the caller's transaction (the
 * reservation row is written beside it) and follows the ledger's lock order: the customer's account
 * row before anything is decided, then postTransfers locks the accounts it touches in id order.
 */

/**
 * µT of a customer escrowed on slices of replicas other than `replicaId` (all of them when
 * undefined): the customer's, but only their replica may spend them (slices.ts).
 */
export async function inOtherSlices(
  q: Queryable,
  customerId: string,
  replicaId: string | undefined,
): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT COALESCE(sum(a.balance), 0)::bigint AS n FROM ledger_slices s JOIN accounts a ON a.id = s.account_id
      WHERE s.customer_id = $1 AND ($2::text IS NULL OR s.replica_id <> $2)`,
    [customerId, replicaId ?? null],
  );
  return Number(row?.n ?? 0);
}

/**
 * customer:C → escrow:R for `amount`; refused with LedgerInsufficientBalanceError (no overdraft).
 * It reads customer:C alone: the caller returns this replica's slice of C first
 * (SliceBook.returnCustomer); µT on other replicas' slices are never taken, and a refusal they
 * would have covered says how much sits there (`inOtherSlices`; `replicaId` is this replica's).
 */
export async function holdEscrow(
  q: Queryable,
  o: {
    reservationId: string;
    customerId: string;
    amount: number;
    nowMs: number;
    replicaId?: string;
  },
): Promise<void> {
  const [row] = await q.query<{ balance: number }>(
    'SELECT balance FROM accounts WHERE id = $1 FOR UPDATE',
    [customerAccount(o.customerId)],
  );
  const available = row?.balance ?? 0;
  if (available < o.amount)
    throw new LedgerInsufficientBalanceError(
      o.customerId,
      available,
      o.amount,
      await inOtherSlices(q, o.customerId, o.replicaId),
    );
  await postTransfers(
    q,
    [
      {
        kind: 'reservation_hold',
        debit: customerAccount(o.customerId),
        credit: escrowAccount(o.reservationId),
        amount: o.amount,
        ref: o.reservationId,
      },
    ],
    o.nowMs,
  );
}

/**
 * Empties escrow:R: `refund` back to the customer, `fee` and `commit` to the coordinator's revenue.
 * The three must add up to what the escrow holds (checked under its row lock), so an escrow leaves
 * exactly once and whole.
 */
export async function closeEscrow(
  q: Queryable,
  o: {
    reservationId: string;
    customerId: string;
    refund: number;
    fee: number;
    commit: number;
    nowMs: number;
  },
): Promise<void> {
  const account = escrowAccount(o.reservationId);
  const [row] = await q.query<{ balance: number }>(
    'SELECT balance FROM accounts WHERE id = $1 FOR UPDATE',
    [account],
  );
  const held = row?.balance ?? 0;
  if (o.refund + o.fee + o.commit !== held)
    throw new LedgerInvariantError(
      `escrow ${account} holds ${held} µT, closing it would move ${o.refund + o.fee + o.commit}`,
      { reservationId: o.reservationId, held, refund: o.refund, fee: o.fee, commit: o.commit },
    );
  const transfers: Transfer[] = [
    {
      kind: 'reservation_refund',
      debit: account,
      credit: customerAccount(o.customerId),
      amount: o.refund,
      ref: o.reservationId,
    },
    {
      kind: 'reservation_fee',
      debit: account,
      credit: REVENUE,
      amount: o.fee,
      ref: o.reservationId,
    },
    {
      kind: 'reservation_commit',
      debit: account,
      credit: REVENUE,
      amount: o.commit,
      ref: o.reservationId,
    },
  ];
  await postTransfers(q, transfers, o.nowMs);
}

/** What escrow:R holds now (0 once closed). */
export async function escrowBalance(q: Queryable, reservationId: string): Promise<number> {
  const [row] = await q.query<{ balance: number }>('SELECT balance FROM accounts WHERE id = $1', [
    escrowAccount(reservationId),
  ]);
  return row?.balance ?? 0;
}
