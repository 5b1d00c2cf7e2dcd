import type { Queryable } from '../db/index.js';
import { customerAccount, debtAccount, siteAccount } from './accounts.js';
import { InvalidLedgerArgumentError } from './errors.js';
import type { TransferKind } from './postings.js';

/**
 * One line of a statement: a transfer, or — for a burn posting, which reconciliation writes as one
 * aggregate transfer per (hold, site) or (debt, site) per chunk — one burn of that transfer, with
 * the burn's own amount and provenance (from the burns table).
 */
export interface StatementEntry {
  /** The transfer id (monotonic: newer transfers have larger ids; a burn posting's burns share it). */
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
  /** The burn record's chain hash (burns posted by an aggregate transfer). */
  hash: string | null;
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
  hash: string | null;
}

const COLUMNS =
  'id, kind, debit_account, credit_account, amount, created_at_ms, ref, hold_id, lease_id, site_id, burn_seq, burn_seq_to, accelerator_model, accelerator_serial, run_id';

/**
 * Expands the page's transfers (CTE `t`, newest first) into lines: an aggregate burn posting
 * (burn_seq_to set) into its burns, found through the burns primary key by the transfer's seq
 * range, each with its own amount and provenance; any other transfer is one line. Lines come
 * newest first: by transfer id, then by seq. $2/$3 are the cursor (transfer id, seq), $4 the limit.
 */
const EXPAND = `
  SELECT t.id, t.kind, t.debit_account, t.credit_account,
         CASE WHEN b.seq IS NULL THEN t.amount WHEN t.kind = 'burn' THEN b.posted_from_hold ELSE b.posted_as_debt END AS amount,
         t.created_at_ms, t.ref, t.hold_id, COALESCE(b.lease_id, t.lease_id) AS lease_id, t.site_id,
         COALESCE(b.seq, t.burn_seq) AS burn_seq, COALESCE(b.accelerator_model, t.accelerator_model) AS accelerator_model,
         COALESCE(b.accelerator_serial, t.accelerator_serial) AS accelerator_serial, t.run_id, b.hash
    FROM t LEFT JOIN burns b
      ON t.burn_seq_to IS NOT NULL AND b.site_id = t.site_id AND b.seq BETWEEN t.burn_seq AND t.burn_seq_to
     AND (CASE WHEN t.kind = 'burn' THEN b.transfer_id ELSE b.debt_transfer_id END) = t.id
   WHERE t.id < $2 OR COALESCE(b.seq, 0) < $3
   ORDER BY t.id DESC, COALESCE(b.seq, 0) DESC
   LIMIT $4`;

interface Page {
  /** Lines strictly older than (beforeId, beforeSeq). */
  beforeId: number;
  beforeSeq: number;
  limit: number;
}

function pageArgs(q: StatementQuery): Page {
  const limit = q.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new InvalidLedgerArgumentError(
      `limit must be an integer in 1..1000 (got ${String(limit)})`,
      { limit },
    );
  if (q.cursor === undefined || q.cursor === '')
    return { beforeId: Number.MAX_SAFE_INTEGER, beforeSeq: 0, limit };
  // "id" (entries of older transfers) or "id.seq" (then also the burns of transfer id below seq).
  const m = /^(\d{1,16})(?:\.(\d{1,16}))?$/.exec(q.cursor);
  const beforeId = Number(m?.[1]);
  const beforeSeq = Number(m?.[2] ?? 0);
  if (!m || !Number.isSafeInteger(beforeId) || !Number.isSafeInteger(beforeSeq)) {
    throw new InvalidLedgerArgumentError(`cursor ${q.cursor} is not one this API returned`, {
      cursor: q.cursor,
    });
  }
  return { beforeId, beforeSeq, limit };
}

function toPage(rows: Row[], limit: number, delta: (r: Row) => number): StatementPage {
  const items = rows.slice(0, limit).map((r): StatementEntry => ({
    id: r.id,
    kind: r.kind,
    debit: r.debit_account,
    credit: r.credit_account,
    amount: r.amount,
    delta: delta(r),
    createdAtMs: r.created_at_ms,
    ref: r.ref,
    holdId: r.hold_id,
    leaseId: r.lease_id,
    siteId: r.site_id,
    seq: r.burn_seq,
    acceleratorModel: r.accelerator_model,
    acceleratorSerial: r.accelerator_serial,
    runId: r.run_id,
    hash: r.hash,
  }));
  const last = items[items.length - 1];
  const lastRow = rows[items.length - 1];
  // A line that is one burn of an aggregate posting pages on within its transfer.
  const cursor =
    last && lastRow?.hash != null && last.seq !== null
      ? `${last.id}.${last.seq}`
      : last
        ? String(last.id)
        : null;
  return { items, nextCursor: rows.length > limit ? cursor : null };
}

/**
 * Every transfer that touches a customer, newest first: its own and debt accounts, its slices (the
 * µT replicas place its holds from: slice_fund / slice_return lines, delta 0) and the accounts of
 * all its holds — their own hold:{id}, and the held accounts of its slices' replicas (one 'hold'
 * line per batch of holds, delta 0) — so each burn shows with its site, accelerator, lease, hold,
 * seq and hash.
 */
export async function customerStatement(
  q: Queryable,
  customerId: string,
  query: StatementQuery,
): Promise<StatementPage> {
  const { beforeId, beforeSeq, limit } = pageArgs(query);
  const own = [customerAccount(customerId), debtAccount(customerId)];
  // limit + 2 transfers give at least limit + 1 lines (the cursor's own transfer may give none).
  const rows = await q.query<Row>(
    `WITH mine AS (
       SELECT $5::text AS id UNION ALL SELECT $6::text UNION ALL SELECT 'hold:' || id FROM holds WHERE customer_id = $1
       UNION ALL SELECT account_id FROM ledger_slices WHERE customer_id = $1
       UNION ALL SELECT 'held:' || replica_id || ':' || customer_id FROM ledger_slices WHERE customer_id = $1
     ), t AS (
       (SELECT ${COLUMNS} FROM transfers WHERE id <= $2 AND debit_account IN (SELECT id FROM mine)
        UNION
        SELECT ${COLUMNS} FROM transfers WHERE id <= $2 AND credit_account IN (SELECT id FROM mine))
       ORDER BY id DESC LIMIT $4 + 1
     )${EXPAND}`,
    [customerId, beforeId, beforeSeq, limit + 1, own[0], own[1]],
  );
  // A slice is the customer's money (checkInvariants: it only ever moves from and to its customer or
  // into the customer's holds), so moves through it change nothing the customer has.
  const outside = (account: string) =>
    !own.includes(account) &&
    !account.startsWith('hold:') &&
    !account.startsWith('held:') &&
    !account.startsWith('slice:');
  return toPage(
    rows,
    limit,
    (r) => (outside(r.debit_account) ? r.amount : 0) - (outside(r.credit_account) ? r.amount : 0),
  );
}

/** Every transfer to or from a site's earnings account, newest first, burn postings burn by burn. */
export async function siteStatement(
  q: Queryable,
  siteId: string,
  query: StatementQuery,
): Promise<StatementPage> {
  const { beforeId, beforeSeq, limit } = pageArgs(query);
  const account = siteAccount(siteId);
  const rows = await q.query<Row>(
    `WITH t AS (
       (SELECT ${COLUMNS} FROM transfers WHERE id <= $2 AND credit_account = $1
        UNION
        SELECT ${COLUMNS} FROM transfers WHERE id <= $2 AND debit_account = $1)
       ORDER BY id DESC LIMIT $4 + 1
     )${EXPAND}`,
    [account, beforeId, beforeSeq, limit + 1],
  );
  return toPage(rows, limit, (r) => (r.credit_account === account ? r.amount : -r.amount));
}
