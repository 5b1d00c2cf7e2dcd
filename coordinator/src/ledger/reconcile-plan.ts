import type { BurnRecordData } from '@edgefleet/proto';
import { verifyLink } from '@edgefleet/proto';
import { LedgerInvariantError } from './errors.js';

/** What a posted or refused burn record became. */
export type BurnStatus = 'accepted' | 'over_budget' | 'late' | 'unknown_lease' | 'tampered';

export interface LeaseInfo {
  leaseId: string;
  holdId: string;
  siteId: string;
  customerId: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface HoldState {
  holdId: string;
  customerId: string;
  /** What the hold can still pay (its account balance). */
  remaining: number;
  open: boolean;
}

/**
 * A staged record as reconciliation reads it: what the plan needs, with its chain link already
 * checked by the database (`burnLinkSql`: its own hash recomputed, its prev_hash against the record
 * before it or the chain head) instead of shipping both hashes to JavaScript.
 */
export interface CheckedBurn {
  seq: number;
  lease_id: string;
  micro_tokens: number;
  started_at_ms: number;
  ended_at_ms: number;
  link: 'ok' | 'hash_mismatch' | 'prev_mismatch';
  hash?: undefined;
}

export type StagedBurn = BurnRecordData | CheckedBurn;

export interface Decision {
  record: StagedBurn;
  status: BurnStatus;
  /** For tampered: hash_mismatch | prev_mismatch. */
  problem?: string;
  lease?: LeaseInfo;
  /** µT posted hold:{holdId} → site:{siteId}. */
  fromHold: number;
  /** µT posted debt:{customerId} → site:{siteId}. */
  asDebt: number;
}

export interface SitePlanCounts {
  accepted: number;
  acceptedMicroTokens: number;
  gap: number;
  overBudget: number;
  unknownLease: number;
  late: number;
  tampered: number;
}

export interface SitePlan {
  decisions: Decision[];
  head: { seq: number; hash: string };
  counts: SitePlanCounts;
  /** The site should resend from this seq (0 = nothing to ask). */
  resendFrom: number;
  /** The chain stopped (gap or tampered); later staged records wait for the next run. */
  stopped: boolean;
}

export interface PlanInput {
  siteId: string;
  head: { seq: number; hash: string };
  /** Staged records of the site, ascending seq, all above head (full records, or checked by the database). */
  staged: readonly StagedBurn[];
  leases: ReadonlyMap<string, LeaseInfo>;
  holds: ReadonlyMap<string, HoldState>;
  /** A burn may start this much before its lease was issued (clocks differ). */
  clockSkewMs: number;
  /** And end this much after the lease expired. */
  lateGraceMs: number;
}

/**
 * Decides, without touching storage, what to do with a site's staged records, walking the hash
 * chain from its head:
 * - seq not head+1 → gap: ask for a resend from head+1, stop.
 * - bad hash or prev_hash → tampered: stop there (the record is kept, nothing posted; the site is
 *   asked to resend from it, and a different resend may replace it).
 * - lease unknown (or another site's) → unknown_lease: nothing posted, but the record is authentic
 *   (it chains), so the head moves past it and the site is never stuck behind it.
 * - hold closed, or burn outside the lease window (± skew/grace) → late: all of it as debt.
 * - more than the hold has left → over_budget: what fits from the hold, the rest as debt.
 * - otherwise accepted: all from the hold.
 * accepted/acceptedMicroTokens count every posted record (late and over-budget ones too).
 */
export function planSite(input: PlanInput): SitePlan {
  const holds = new Map([...input.holds].map(([k, v]) => [k, { ...v }]));
  const counts: SitePlanCounts = { accepted: 0, acceptedMicroTokens: 0, gap: 0, overBudget: 0, unknownLease: 0, late: 0, tampered: 0 };
  const decisions: Decision[] = [];
  let head = input.head;
  let resendFrom = 0;
  let stopped = false;

  for (const record of input.staged) {
    const expected = head.seq + 1;
    if (record.seq < expected) {
      throw new LedgerInvariantError(`site ${input.siteId}: staged burn ${record.seq} is at or below the chain head ${head.seq}`, { siteId: input.siteId, seq: record.seq, head: head.seq });
    }
    if (record.seq > expected) {
      counts.gap += record.seq - expected;
      resendFrom = expected;
      stopped = true;
      break;
    }
    const link = 'link' in record ? (record.link === 'ok' ? { ok: true as const } : { ok: false as const, problem: record.link }) : verifyLink(head, record);
    if (!link.ok) {
      counts.tampered++;
      decisions.push({ record, status: 'tampered', problem: link.problem, fromHold: 0, asDebt: 0 });
      resendFrom = expected;
      stopped = true;
      break;
    }
    // A checked record carries no hash: the caller reads the new head's hash from storage.
    head = { seq: record.seq, hash: record.hash ?? '' };
    const lease = input.leases.get(record.lease_id);
    if (!lease || lease.siteId !== input.siteId) {
      counts.unknownLease++;
      decisions.push({ record, status: 'unknown_lease', fromHold: 0, asDebt: 0 });
      continue;
    }
    const hold = holds.get(lease.holdId);
    if (!hold) throw new LedgerInvariantError(`lease ${lease.leaseId} has no hold ${lease.holdId}`, { leaseId: lease.leaseId, holdId: lease.holdId });
    const amount = record.micro_tokens;
    const inWindow = record.started_at_ms >= lease.issuedAtMs - input.clockSkewMs && record.ended_at_ms <= lease.expiresAtMs + input.lateGraceMs;
    let decision: Decision;
    if (!hold.open || !inWindow) {
      counts.late++;
      decision = { record, lease, status: 'late', fromHold: 0, asDebt: amount };
    } else {
      const fromHold = Math.min(amount, hold.remaining);
      hold.remaining -= fromHold;
      const asDebt = amount - fromHold;
      if (asDebt > 0) counts.overBudget++;
      decision = { record, lease, status: asDebt > 0 ? 'over_budget' : 'accepted', fromHold, asDebt };
    }
    counts.accepted++;
    counts.acceptedMicroTokens += amount;
    decisions.push(decision);
  }
  return { decisions, head, counts, resendFrom, stopped };
}
