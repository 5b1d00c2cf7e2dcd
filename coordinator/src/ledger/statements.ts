import type { Queryable } from '../db/index.js';
import { customerAccount, debtAccount, siteAccount } from './accounts.js';
import { InvalidLedgerArgumentError } from './errors.js';
import type { TransferKind } from './postings.js';

/** One posted transfer as a statement shows it, with its provenance. */
export interface StatementEntry {
  /** The transfer id (monotonic: newer transfers have larger ids). */
  id: number;
  kind: TransferKind;
  debit: string;
  credit: string;
  amount: number;
  /**
   * What the transfer did to the statement's subject: for a customer, to what it has plus what it
   * holds minus what it owes (top-up +, burn −, hold/release/debt settlement 0); for a site, to its
   * earnings (burn +).
   */
  delta: number;
  createdAtMs: number;
  ref: string | null;
  holdId: string | null;
  leaseId: string | null;
  siteId: string | null;
  /** The burn record's seq on its site (burns only). */
  seq: number | null;
  acceleratorModel: string | null;
  acceleratorSerial: string | null;
  runId: string | null;
}

export interface StatementPage {
  items: StatementEntry[];
  /** Pass as `cursor` for the next (older) page; null when there is none. */
  nextCursor: string | null;
}

export interface StatementQuery {
  /** From a previous page's nextCursor (a transfer id; entries older than it). */
  cursor?: string | undefined;
  /** 1..1000, default 100. */
  limit?: number | undefined;
}

interface Row {
  id: number;
  kind: TransferKind;
  debit_account: string;
  credit_account: string;
  amount: number;
  created_at_ms: number;
  ref: string | null;
  hold_id: string | null;
  lease_id: string | null;
  site_id: string | null;
  burn_seq: number | null;
  accelerator_model: string | null;
  accelerator_serial: string | null;
  run_id: string | null;
}

const COLUMNS = 'id, kind, debit_account, credit_account, amount, created_at_ms, ref, hold_id, lease_id, site_id, burn_seq, accelerator_model, accelerator_serial, run_id';

function pageArgs(q: StatementQuery): { before: number; limit: number } {
  const limit = q.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidLedgerArgumentError(`limit must be an integer in 1..1000 (got ${String(limit)})`, { limit });
  if (q.cursor === undefined || q.cursor === '') return { before: Number.MAX_SAFE_INTEGER, limit };
  const before = Number(q.cursor);
  if (!/^\d{1,16}$/.test(q.cursor) || !Number.isSafeInteger(before)) throw new InvalidLedgerArgumentError(`cursor ${q.cursor} is not one this API returned`, { cursor: q.cursor });
  return { before, limit };
}

function toPage(rows: Row[], limit: number, delta: (r: Row) => number): StatementPage {
  const items = rows.slice(0, limit).map((r): StatementEntry => ({
    id: r.id, kind: r.kind, debit: r.debit_account, credit: r.credit_account, amount: r.amount, delta: delta(r), createdAtMs: r.created_at_ms,
    ref: r.ref, holdId: r.hold_id, leaseId: r.lease_id, siteId: r.site_id, seq: r.burn_seq, acceleratorModel: r.accelerator_model,
    acceleratorSerial: r.accelerator_serial, runId: r.run_id,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}

/**
 * Every transfer that touches a customer, newest first: its own and debt accounts, and the accounts
 * of all its holds (so each burn shows with its site, accelerator, lease, hold and seq).
 */
export async function customerStatement(q: Queryable, customerId: string, query: StatementQuery): Promise<StatementPage> {
  const { before, limit } = pageArgs(query);
  const own = [customerAccount(customerId), debtAccount(customerId)];
  const rows = await q.query<Row>(
    `WITH mine AS (
       SELECT $1::text AS id UNION ALL SELECT $2::text UNION ALL SELECT 'hold:' || id FROM holds WHERE customer_id = $3
     )
     SELECT ${COLUMNS} FROM transfers WHERE id < $4 AND debit_account IN (SELECT id FROM mine)
     UNION
     SELECT ${COLUMNS} FROM transfers WHERE id < $4 AND credit_account IN (SELECT id FROM mine)
     ORDER BY id DESC LIMIT $5`,
    [own[0], own[1], customerId, before, limit + 1],
  );
  const outside = (account: string) => !own.includes(account) && !account.startsWith('hold:');
  return toPage(rows, limit, (r) => (outside(r.debit_account) ? r.amount : 0) - (outside(r.credit_account) ? r.amount : 0));
}

/** Every transfer to or from a site's earnings account, newest first. */
export async function siteStatement(q: Queryable, siteId: string, query: StatementQuery): Promise<StatementPage> {
  const { before, limit } = pageArgs(query);
  const account = siteAccount(siteId);
  const rows = await q.query<Row>(
    `SELECT ${COLUMNS} FROM transfers WHERE id < $2 AND credit_account = $1
     UNION
     SELECT ${COLUMNS} FROM transfers WHERE id < $2 AND debit_account = $1
     ORDER BY id DESC LIMIT $3`,
    [account, before, limit + 1],
  );
  return toPage(rows, limit, (r) => (r.credit_account === account ? r.amount : -r.amount));
}
