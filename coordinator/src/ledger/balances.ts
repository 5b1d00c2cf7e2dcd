import type { Queryable } from '../db/index.js';
import { customerAccount, debtAccount, siteAccount } from './accounts.js';
import { LedgerInvariantError } from './errors.js';
import type { CustomerBalance } from './types.js';

/**
 * What a customer has: `available` counts its slices (µT escrowed for replicas to place holds from,
 * still the customer's) less `provisional`, the holds this replica decided against them and has not
 * written yet; those count as `held`.
 */
export async function customerBalance(
  q: Queryable,
  customerId: string,
  provisional = 0,
): Promise<CustomerBalance> {
  const [row] = await q.query<{ available: number | null; held: number; debt: number | null }>(
    `SELECT COALESCE((SELECT balance FROM accounts WHERE id = $1), 0)
              + (SELECT COALESCE(sum(a.balance), 0)::bigint FROM ledger_slices s JOIN accounts a ON a.id = s.account_id WHERE s.customer_id = $2) AS available,
            (SELECT COALESCE(sum(amount - posted - released), 0)::bigint FROM holds WHERE customer_id = $2 AND status = 'pending') AS held,
            (SELECT balance FROM accounts WHERE id = $3) AS debt`,
    [customerAccount(customerId), customerId, debtAccount(customerId)],
  );
  return {
    customerId,
    available: (row?.available ?? 0) - provisional,
    held: (row?.held ?? 0) + provisional,
    debt: -(row?.debt ?? 0) || 0,
  };
}

/** A site's earnings (or, given its dispute account, what it has in dispute). */
export async function siteEarnings(
  q: Queryable,
  siteId: string,
  account = siteAccount(siteId),
): Promise<number> {
  const [row] = await q.query<{ balance: number }>('SELECT balance FROM accounts WHERE id = $1', [
    account,
  ]);
  return row?.balance ?? 0;
}

export async function totalOfAllBalances(q: Queryable): Promise<number> {
  const [row] = await q.query<{ total: number }>(
    'SELECT COALESCE(sum(balance), 0)::bigint AS total FROM accounts',
  );
  return row?.total ?? 0;
}

/**
 * Re-derives everything that is maintained incrementally and throws LedgerInvariantError on any
 * disagreement: balances sum to 0; each balance equals its transfers; each hold account equals its
 * hold's amount − posted − released; each decided burn's parts (hold, debt, dispute) add up to its
 * µT and name the transfers that moved them; each lease's burned total is what its burns credited;
 * every transfer names existing accounts.
 */
export async function checkInvariants(q: Queryable): Promise<void> {
  const total = await totalOfAllBalances(q);
  if (total !== 0) throw new LedgerInvariantError(`balances sum to ${total}, not 0`, { total });
  const accounts = await q.query<{ id: string; balance: number; derived: number }>(
    `SELECT a.id, a.balance, COALESCE(c.s, 0) - COALESCE(d.s, 0) AS derived
       FROM accounts a
       LEFT JOIN (SELECT credit_account AS id, sum(amount)::bigint AS s FROM transfers GROUP BY credit_account) c ON c.id = a.id
       LEFT JOIN (SELECT debit_account AS id, sum(amount)::bigint AS s FROM transfers GROUP BY debit_account) d ON d.id = a.id
      WHERE a.balance <> COALESCE(c.s, 0) - COALESCE(d.s, 0)`,
  );
  if (accounts.length > 0)
    throw new LedgerInvariantError('account balances disagree with their transfers', { accounts });
  // Transfers name existing accounts (postTransfers creates them first; no foreign key since migration 004).
  const orphans = await q.query<{ id: number }>(
    `SELECT t.id FROM transfers t WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = t.debit_account)
        OR NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = t.credit_account) LIMIT 100`,
  );
  // Staged records lie above their site's chain head and at most at its staged_up_to (that is how
  // reconciliation finds them).
  const astray = await q.query<{ site_id: string; seq: number }>(
    `SELECT b.site_id, b.seq FROM burns b LEFT JOIN site_chains c ON c.site_id = b.site_id
      WHERE b.status = 'staged' AND (c.site_id IS NULL OR b.seq <= c.head_seq OR b.seq > c.staged_up_to) LIMIT 100`,
  );
  if (astray.length > 0)
    throw new LedgerInvariantError(
      'staged burns outside (head, staged_up_to] of their site chain',
      { burns: astray },
    );
  if (orphans.length > 0)
    throw new LedgerInvariantError('transfers name accounts that do not exist', {
      transfers: orphans.map((o) => o.id),
    });
  // Each reservation's escrow holds its price until it is closed, and nothing after.
  const escrows = await q.query<{ id: string }>(
    `SELECT r.id FROM reservations r LEFT JOIN accounts a ON a.id = 'escrow:' || r.id
      WHERE COALESCE(a.balance, 0) <> r.price - r.refunded - r.fee - r.committed LIMIT 100`,
  );
  const strays = await q.query<{ id: string }>(
    `SELECT a.id FROM accounts a WHERE a.kind = 'escrow' AND a.balance <> 0
        AND NOT EXISTS (SELECT 1 FROM reservations r WHERE 'escrow:' || r.id = a.id) LIMIT 100`,
  );
  escrows.push(...strays);
  if (escrows.length > 0)
    throw new LedgerInvariantError('escrow accounts disagree with their reservations', {
      reservations: escrows.map((r) => r.id),
    });
  // A slice is its customer's money: every slice account is registered to one customer, and its
  // µT only ever move between that customer and the slice (slice_fund, slice_return) or from the
  // slice into holds of that customer: its replica's held account for that customer (one 'hold'
  // transfer per batch, migration 114) or, placed before 114, a hold's own account.
  const slices = await q.query<{ id: string }>(
    `SELECT a.id FROM accounts a LEFT JOIN ledger_slices s ON s.account_id = a.id
      WHERE a.kind = 'slice' AND (s.account_id IS NULL OR a.id <> 'slice:' || s.replica_id || ':' || s.customer_id)
     UNION ALL
     SELECT 'transfer ' || t.id FROM transfers t
       JOIN ledger_slices s ON s.account_id IN (t.debit_account, t.credit_account)
       LEFT JOIN holds h ON h.id = t.hold_id
      WHERE NOT ((t.kind = 'slice_fund' AND t.debit_account = 'customer:' || s.customer_id AND t.credit_account = s.account_id)
              OR (t.kind = 'slice_return' AND t.debit_account = s.account_id AND t.credit_account = 'customer:' || s.customer_id)
              OR (t.kind = 'hold' AND t.debit_account = s.account_id AND h.customer_id = s.customer_id AND t.credit_account = 'hold:' || h.id)
              OR (t.kind = 'hold' AND t.debit_account = s.account_id AND t.hold_id IS NULL AND t.credit_account = 'held:' || s.replica_id || ':' || s.customer_id))
     LIMIT 100`,
  );
  if (slices.length > 0)
    throw new LedgerInvariantError("slices move money other than their customer's", {
      slices: slices.map((r) => r.id),
    });
  // Each hold account equals what its holds still hold: a hold's own hold:{id} its amount − posted −
  // released; a held account (migration 114) the sum of that over the holds that name it. Nothing
  // else holds µT on a held account.
  const holds = await q.query<{ id: string }>(
    `SELECT x.id FROM (SELECT COALESCE(account, 'hold:' || id) AS id, sum(amount - posted - released)::bigint AS left FROM holds GROUP BY 1) x
       LEFT JOIN accounts a ON a.id = x.id WHERE COALESCE(a.balance, 0) <> x.left
     UNION ALL
     SELECT a.id FROM accounts a WHERE a.kind IN ('hold', 'held') AND a.balance <> 0
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE COALESCE(h.account, 'hold:' || h.id) = a.id)
     LIMIT 100`,
  );
  if (holds.length > 0)
    throw new LedgerInvariantError('hold accounts disagree with their holds', { holds });
  // A held account is one replica's for one customer: µT come in from that replica's slice of the
  // customer only, all of them for holds that name it (what the 'hold' transfers into it moved is
  // the sum of those holds' amounts), and leave for a hold that names it, as its burn postings (what
  // it posted) or its release (what it released, back to its customer); and a hold names a held
  // account of its own customer (the sums above would not see two customers' holds swapped).
  const held = await q.query<{ id: string }>(
    `SELECT 'transfer ' || t.id AS id FROM transfers t JOIN accounts a ON a.kind = 'held' AND a.id IN (t.debit_account, t.credit_account)
       LEFT JOIN holds h ON h.id = t.hold_id
      WHERE NOT ((t.kind = 'hold' AND t.credit_account = a.id AND t.hold_id IS NULL
                  AND EXISTS (SELECT 1 FROM ledger_slices s WHERE s.account_id = t.debit_account AND a.id = 'held:' || s.replica_id || ':' || s.customer_id))
              OR (t.kind = 'burn' AND t.debit_account = a.id AND h.account = a.id)
              OR (t.kind = 'release' AND t.debit_account = a.id AND h.account = a.id AND t.credit_account = 'customer:' || h.customer_id))
     UNION ALL
     SELECT x.id FROM (SELECT account AS id, sum(amount)::bigint AS s FROM holds WHERE account IS NOT NULL GROUP BY 1) x
       LEFT JOIN (SELECT credit_account AS id, sum(amount)::bigint AS s FROM transfers WHERE kind = 'hold' AND hold_id IS NULL GROUP BY 1) t ON t.id = x.id
      WHERE COALESCE(t.s, 0) <> x.s
     UNION ALL
     SELECT 'hold ' || h.id FROM holds h
       LEFT JOIN (SELECT hold_id, sum(amount) FILTER (WHERE kind = 'burn')::bigint AS p, sum(amount) FILTER (WHERE kind = 'release')::bigint AS r
                    FROM transfers WHERE hold_id IS NOT NULL GROUP BY hold_id) t ON t.hold_id = h.id
      WHERE h.account IS NOT NULL AND (COALESCE(t.p, 0) <> h.posted OR COALESCE(t.r, 0) <> h.released)
     UNION ALL
     SELECT 'hold ' || h.id FROM holds h
      WHERE h.account IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM ledger_slices s WHERE s.customer_id = h.customer_id AND h.account = 'held:' || s.replica_id || ':' || s.customer_id)
     LIMIT 100`,
  );
  if (held.length > 0)
    throw new LedgerInvariantError('held accounts disagree with their holds', {
      held: held.map((r) => r.id),
    });
  // Each burn's µT end in exactly one place: posted from its hold, as debt, or held on its site's
  // dispute account (what broke a bound), by the transfers it names: an aggregate posting
  // (burn_seq_to set) whose burns lie in its seq range on its site, or — decided before migration
  // 008 — per-burn transfers keyed by (site, seq).
  const burns = await q.query<{ site_id: string; seq: number }>(
    `SELECT b.site_id, b.seq FROM burns b
      LEFT JOIN (SELECT site_id, burn_seq, sum(amount)::bigint AS s FROM transfers
                  WHERE kind IN ('burn', 'burn_debt') AND burn_seq_to IS NULL GROUP BY site_id, burn_seq) t
             ON t.site_id = b.site_id AND t.burn_seq = b.seq
      LEFT JOIN transfers th ON th.id = b.transfer_id
      LEFT JOIN transfers td ON td.id = b.debt_transfer_id
      LEFT JOIN transfers tx ON tx.id = b.dispute_transfer_id
      WHERE (b.status IN ('accepted', 'over_budget', 'late', 'hold_closed', 'disputed') AND b.posted_from_hold + b.posted_as_debt + b.disputed <> b.micro_tokens)
         OR (b.status NOT IN ('accepted', 'over_budget', 'late', 'hold_closed', 'disputed') AND b.posted_from_hold + b.posted_as_debt + b.disputed <> 0)
         OR ((b.status = 'disputed') <> (b.disputed > 0))
         OR (b.status = 'accepted' AND b.posted_as_debt > 0)
         OR (b.transfer_id IS NULL AND b.debt_transfer_id IS NULL AND b.posted_from_hold + b.posted_as_debt <> COALESCE(t.s, 0))
         OR ((b.transfer_id IS NOT NULL OR b.debt_transfer_id IS NOT NULL) AND t.s IS NOT NULL)
         OR (b.transfer_id IS NOT NULL AND (th.id IS NULL OR th.kind <> 'burn' OR th.site_id <> b.site_id OR b.seq NOT BETWEEN th.burn_seq AND th.burn_seq_to))
         OR (b.debt_transfer_id IS NOT NULL AND (td.id IS NULL OR td.kind <> 'burn_debt' OR td.site_id <> b.site_id OR b.seq NOT BETWEEN td.burn_seq AND td.burn_seq_to))
         OR ((b.disputed > 0) <> (b.dispute_transfer_id IS NOT NULL))
         OR (b.dispute_transfer_id IS NOT NULL AND (tx.id IS NULL OR tx.kind <> 'burn_disputed' OR tx.site_id <> b.site_id
             OR tx.credit_account <> 'dispute:' || b.site_id OR b.seq NOT BETWEEN tx.burn_seq AND tx.burn_seq_to))
      LIMIT 100`,
  );
  // Each aggregate posting moved exactly the sum of its burns' parts.
  const postings = await q.query<{ id: number }>(
    `SELECT t.id FROM transfers t
      LEFT JOIN (SELECT transfer_id AS id, sum(posted_from_hold)::bigint AS s, count(*) AS n FROM burns WHERE transfer_id IS NOT NULL GROUP BY 1
                 UNION ALL
                 SELECT debt_transfer_id, sum(posted_as_debt)::bigint, count(*) FROM burns WHERE debt_transfer_id IS NOT NULL GROUP BY 1
                 UNION ALL
                 SELECT dispute_transfer_id, sum(disputed)::bigint, count(*) FROM burns WHERE dispute_transfer_id IS NOT NULL GROUP BY 1) p ON p.id = t.id
      WHERE t.kind IN ('burn', 'burn_debt', 'burn_disputed') AND t.burn_seq_to IS NOT NULL AND (COALESCE(p.s, 0) <> t.amount OR COALESCE(p.n, 0) <> t.burn_count)
      LIMIT 100`,
  );
  if (postings.length > 0)
    throw new LedgerInvariantError('burn postings disagree with their burns', {
      transfers: postings.map((p) => p.id),
    });
  if (burns.length > 0)
    throw new LedgerInvariantError('burn records disagree with their postings', { burns });
  // A lease's burned total is what its burns credited its site (never what was disputed).
  const leases = await q.query<{ id: string }>(
    `SELECT l.id FROM leases l
      LEFT JOIN (SELECT lease_id, sum(posted_from_hold + posted_as_debt)::bigint AS s FROM burns GROUP BY lease_id) b ON b.lease_id = l.id
      WHERE l.burned <> COALESCE(b.s, 0) LIMIT 100`,
  );
  if (leases.length > 0)
    throw new LedgerInvariantError("leases' burned totals disagree with their burns", {
      leases: leases.map((l) => l.id),
    });
}
