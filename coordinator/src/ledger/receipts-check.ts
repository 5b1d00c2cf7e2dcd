import type { Queryable } from '../db/index.js';

/**
 * A customer's receipts against its statement (docs/verification.md "Receipts"): every receipt must
 * be a burn of this customer in the ledger with the same site, seq, lease, µT and chain hash, and
 * every burn of the customer in the period must have a receipt. Read-only; the lists say what is
 * missing on each side.
 */

/** The fields of a receipt the ledger can confirm (the signature is checked before, by the caller). */
export interface ReceiptClaim {
  siteId: string;
  seq: number;
  leaseId: string;
  microTokens: number;
  hash: string;
}

/**
 * Why a receipt is not confirmed: no such burn (site, seq) in the ledger, a burn of another
 * customer's lease, or a burn whose lease, µT or hash differ from the receipt's; `bad_signature`
 * is the caller's (http/routes-receipts.ts): no key the coordinator holds for the site verifies it.
 */
export type ReceiptProblem = 'not_in_ledger' | 'other_customer' | 'differs' | 'bad_signature';

export interface UnconfirmedReceipt {
  siteId: string;
  seq: number;
  problem: ReceiptProblem;
  /** For `differs`: which of leaseId, microTokens, hash differ. */
  fields?: ('leaseId' | 'microTokens' | 'hash')[];
}

export interface BurnWithoutReceipt {
  siteId: string;
  seq: number;
  leaseId: string;
  microTokens: number;
  /** What the customer was charged for it (from the hold and as debt; a disputed part is not). */
  chargedMicroTokens: number;
  status: string;
  hash: string;
  endedAtMs: number;
}

export interface ReceiptsCheck {
  customerId: string;
  /** The period whose ledger burns must all have a receipt (the burn record's ended_at). */
  fromMs: number;
  toMs: number;
  receipts: number;
  /** Receipts whose burn the ledger holds the same (posted, or staged and not yet decided). */
  confirmed: number;
  /** Of them, staged and not reconciled yet (charged nothing so far). */
  pending: number;
  /** What the confirmed receipts claim, and what the ledger charged the customer for them. */
  confirmedMicroTokens: number;
  chargedMicroTokens: number;
  unconfirmed: UnconfirmedReceipt[];
  withoutReceipt: BurnWithoutReceipt[];
  /** withoutReceipt was cut at the limit: narrow the period. */
  truncated: boolean;
}

/** At most this many burns without receipt are listed. */
export const MAX_WITHOUT_RECEIPT = 10_000;

interface BurnRow {
  site_id: string;
  seq: number | string;
  lease_id: string;
  micro_tokens: number | string;
  hash: string;
  status: string;
  charged: number | string;
  ended_at_ms: number | string;
  customer_id: string | null;
}

/** Statuses of records the ledger refused outright (nothing charged; not the customer's burn). */
const REFUSED = "('tampered', 'unknown_lease', 'refused')";

const key = (siteId: string, seq: number) => `${siteId}\u0000${seq}`;

export async function checkReceipts(
  q: Queryable,
  customerId: string,
  claims: readonly ReceiptClaim[],
  period: { fromMs: number; toMs: number },
): Promise<ReceiptsCheck> {
  const rows = await q.query<BurnRow>(
    `SELECT b.site_id, b.seq, b.lease_id, b.micro_tokens, b.hash, b.status,
            b.posted_from_hold + b.posted_as_debt AS charged, b.ended_at_ms, l.customer_id
       FROM unnest($1::text[], $2::bigint[]) AS r(site_id, seq)
       JOIN burns b ON b.site_id = r.site_id AND b.seq = r.seq
       LEFT JOIN leases l ON l.id = b.lease_id`,
    [claims.map((c) => c.siteId), claims.map((c) => c.seq)],
  );
  const found = new Map(rows.map((r) => [key(r.site_id, Number(r.seq)), r]));
  const out: ReceiptsCheck = {
    customerId,
    fromMs: period.fromMs,
    toMs: period.toMs,
    receipts: claims.length,
    confirmed: 0,
    pending: 0,
    confirmedMicroTokens: 0,
    chargedMicroTokens: 0,
    unconfirmed: [],
    withoutReceipt: [],
    truncated: false,
  };
  const covered = new Set<string>();
  for (const c of claims) {
    const r = found.get(key(c.siteId, c.seq));
    const at = { siteId: c.siteId, seq: c.seq };
    if (!r || REFUSED.includes(`'${r.status}'`)) {
      out.unconfirmed.push({ ...at, problem: 'not_in_ledger' });
      continue;
    }
    if (r.customer_id !== customerId) {
      out.unconfirmed.push({ ...at, problem: 'other_customer' });
      continue;
    }
    const fields: ('leaseId' | 'microTokens' | 'hash')[] = [];
    if (r.lease_id !== c.leaseId) fields.push('leaseId');
    if (Number(r.micro_tokens) !== c.microTokens) fields.push('microTokens');
    if (r.hash !== c.hash) fields.push('hash');
    if (fields.length > 0) {
      out.unconfirmed.push({ ...at, problem: 'differs', fields });
      continue;
    }
    covered.add(key(c.siteId, c.seq));
    out.confirmed++;
    if (r.status === 'staged') out.pending++;
    out.confirmedMicroTokens += c.microTokens;
    out.chargedMicroTokens += Number(r.charged);
  }

  // Every burn of the customer's leases in the period, less those a confirmed receipt covers.
  const burns = await q.query<BurnRow>(
    `SELECT b.site_id, b.seq, b.lease_id, b.micro_tokens, b.hash, b.status,
            b.posted_from_hold + b.posted_as_debt AS charged, b.ended_at_ms, l.customer_id
       FROM leases l JOIN burns b ON b.lease_id = l.id
      WHERE l.customer_id = $1 AND b.ended_at_ms >= $2 AND b.ended_at_ms <= $3
        AND b.status NOT IN ${REFUSED}
      ORDER BY b.ended_at_ms, b.site_id, b.seq`,
    [customerId, period.fromMs, period.toMs],
  );
  for (const b of burns) {
    if (covered.has(key(b.site_id, Number(b.seq)))) continue;
    if (out.withoutReceipt.length >= MAX_WITHOUT_RECEIPT) {
      out.truncated = true;
      break;
    }
    out.withoutReceipt.push({
      siteId: b.site_id,
      seq: Number(b.seq),
      leaseId: b.lease_id,
      microTokens: Number(b.micro_tokens),
      chargedMicroTokens: Number(b.charged),
      status: b.status,
      hash: b.hash,
      endedAtMs: Number(b.ended_at_ms),
    });
  }
  return out;
}
