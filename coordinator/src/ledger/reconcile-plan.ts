import type { BurnRecordData } from '@edgefleet/proto';
import { burnMicroTokens, verifyLink } from '@edgefleet/proto';
import { LedgerInvariantError } from './errors.js';

/**
 * What a posted or refused burn record became. `over_budget` and `late` are what rows decided before
 * migration 009 say (the excess then went to the customer's debt); no decision takes them any more.
 */
export type BurnStatus =
  | 'accepted'
  | 'hold_closed'
  | 'disputed'
  | 'over_budget'
  | 'late'
  | 'unknown_lease'
  | 'tampered'
  | 'refused';

/**
 * Which bound a disputed part broke: `wrong_instance` (the burn names a MIG instance other than the
 * one its lease is pinned to), `outside_lease` (the interval lies outside the lease window ±
 * the clock graces, or began after its hold was closed), `over_rate` (more than duration × slot
 * fraction × multiplier, per burn or over the lease's life), `over_hold` (more than the hold, or
 * the lease's budget, has left).
 */
export type DisputeReason = 'wrong_instance' | 'outside_lease' | 'over_rate' | 'over_hold';
export const DISPUTE_REASONS: readonly DisputeReason[] = [
  'wrong_instance',
  'outside_lease',
  'over_rate',
  'over_hold',
];

export interface LeaseInfo {
  leaseId: string;
  holdId: string;
  /** The account its hold's µT sit on (HoldRow.account); absent: hold:{holdId}. */
  holdAccount?: string;
  siteId: string;
  customerId: string;
  issuedAtMs: number;
  expiresAtMs: number;
  /** The lease's budget (µT): what it may ever credit its site, from the hold or (hold closed early) as debt. */
  budget: number;
  /** What the lease has credited its site so far (µT). */
  burned: number;
  /** The admitted slot's share of its accelerator and the accelerator's multiplier, from the coordinator's registry; absent on leases registered before migration 009 (the rate bound is skipped). */
  slotFraction?: number;
  multiplier?: number;
  /** The MIG instance the lease is pinned to (leases.mig_instance_uuid); absent or '' for a whole device. */
  migInstanceUuid?: string;
}

export interface HoldState {
  holdId: string;
  customerId: string;
  /** What the hold can still pay (its account balance). */
  remaining: number;
  open: boolean;
  /** When a closed hold was closed (epoch ms): work that began after it cannot be the lease's. */
  closedAtMs?: number;
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
  /** The MIG instance the record names ('' or absent: none). */
  mig_instance_uuid?: string;
  /** `refused`: an authentic record the schema refused (staged as a stand-in; see stage.ts), chained. */
  link: 'ok' | 'hash_mismatch' | 'prev_mismatch' | 'refused';
  hash?: undefined;
}

export type StagedBurn = BurnRecordData | CheckedBurn;

export interface Decision {
  record: StagedBurn;
  status: BurnStatus;
  /** For tampered: hash_mismatch | prev_mismatch. */
  problem?: string;
  lease?: LeaseInfo;
  /** µT posted from the hold's account (hold:{holdId} or its held account) → site:{siteId}. */
  fromHold: number;
  /** µT posted debt:{customerId} → site:{siteId} (only when the hold was closed early: status hold_closed or disputed). */
  asDebt: number;
  /** µT held mint → dispute:{siteId} (status disputed); never charged to the customer. */
  disputed: number;
  /** The first bound the burn broke (status disputed). */
  disputeReason?: DisputeReason;
  /** The disputed µT split by the bound each part broke (sums to `disputed`). */
  disputedBy?: Partial<Record<DisputeReason, number>>;
}

export interface SitePlanCounts {
  accepted: number;
  acceptedMicroTokens: number;
  gap: number;
  overBudget: number;
  unknownLease: number;
  late: number;
  tampered: number;
  /** Authentic records the burn-record schema refused: nothing posted, the head moved past them. */
  refused: number;
  holdClosed: number;
  disputed: number;
  disputedMicroTokens: number;
  wrongInstance: number;
  wrongInstanceMicroTokens: number;
  outsideLease: number;
  outsideLeaseMicroTokens: number;
  overRate: number;
  overRateMicroTokens: number;
  overHold: number;
  overHoldMicroTokens: number;
}

export const emptyPlanCounts = (): SitePlanCounts => ({
  accepted: 0,
  acceptedMicroTokens: 0,
  gap: 0,
  overBudget: 0,
  unknownLease: 0,
  late: 0,
  tampered: 0,
  refused: 0,
  holdClosed: 0,
  disputed: 0,
  disputedMicroTokens: 0,
  wrongInstance: 0,
  wrongInstanceMicroTokens: 0,
  outsideLease: 0,
  outsideLeaseMicroTokens: 0,
  overRate: 0,
  overRateMicroTokens: 0,
  overHold: 0,
  overHoldMicroTokens: 0,
});

const REASON_COUNTS: Record<
  DisputeReason,
  [
    'wrongInstance' | 'outsideLease' | 'overRate' | 'overHold',
    (
      | 'wrongInstanceMicroTokens'
      | 'outsideLeaseMicroTokens'
      | 'overRateMicroTokens'
      | 'overHoldMicroTokens'
    ),
  ]
> = {
  wrong_instance: ['wrongInstance', 'wrongInstanceMicroTokens'],
  outside_lease: ['outsideLease', 'outsideLeaseMicroTokens'],
  over_rate: ['overRate', 'overRateMicroTokens'],
  over_hold: ['overHold', 'overHoldMicroTokens'],
};

/**
 * The most µT `ms` milliseconds of one slot can burn, by the agent's one rounding rule
 * (burnMicroTokens). Timestamps are whole milliseconds, so an interval measured as `ms` lasted less
 * than ms + 1: that is the time allowed (and, being > 0, it also allows the 1 µT minimum of any work).
 */
export function rateCap(ms: number, slotFraction: number, multiplier: number): number {
  return burnMicroTokens((Math.max(0, ms) + 1) / 1000, slotFraction, multiplier);
}

export interface BoundsInput {
  amount: number;
  startedAtMs: number;
  endedAtMs: number;
  lease: LeaseInfo;
  /** What the lease has credited its site so far (this plan's earlier decisions included). */
  leaseBurned: number;
  hold: HoldState;
  clockSkewMs: number;
  lateGraceMs: number;
  /** The MIG instance the burn names ('' or absent: none). */
  migInstanceUuid?: string;
}

export interface Bounded {
  status: 'accepted' | 'hold_closed' | 'disputed';
  fromHold: number;
  asDebt: number;
  disputed: number;
  disputeReason?: DisputeReason;
  disputedBy?: Partial<Record<DisputeReason, number>>;
}

/** A burn disputed whole for one reason (nothing from the hold, nothing as debt); a zero burn is accepted. */
function disputedWhole(amount: number, reason: DisputeReason): Bounded {
  return amount > 0
    ? {
        status: 'disputed',
        fromHold: 0,
        asDebt: 0,
        disputed: amount,
        disputeReason: reason,
        disputedBy: { [reason]: amount },
      }
    : { status: 'accepted', fromHold: 0, asDebt: 0, disputed: 0 };
}

/**
 * The bounds one burn on a known lease is held to, in order (each takes what breaks it out of what
 * is left, as a disputed part):
 * 0. wrong_instance: a burn on a lease pinned to a MIG instance that names another (non-empty)
 *    instance is not the lease's work — all of it is disputed (a burn naming none, from an agent
 *    that predates the field, is held to the other bounds);
 * 1. outside_lease: the interval must lie in [issuedAt − skew, expiresAt + grace], and a burn on a
 *    closed hold must have begun before the hold closed (+ skew) — else all of it is disputed;
 * 2. over_rate: at most rateCap(duration) for the burn, and the lease's credited total at most
 *    rateCap(lease window) (a lease is one slot: its burns together cannot outrun it). Skipped
 *    for a lease with no slot fraction / multiplier (registered before migration 009);
 * 3. over_hold: at most the lease's budget minus what it credited already, and from an open hold at
 *    most what the hold has left. A closed hold (the coordinator closed it: expiry, a restart, the
 *    settle window) pays nothing; the burn then lies inside the lease, so it is honest work the
 *    hold should have paid for, and is posted as the customer's debt (hold_closed) within the budget.
 * The rest goes to the site. Every µT ends in exactly one of fromHold, asDebt, disputed.
 */
export function boundBurn(b: BoundsInput): Bounded {
  const { amount, lease, hold } = b;
  const pinned = lease.migInstanceUuid ?? '';
  const named = b.migInstanceUuid ?? '';
  if (pinned !== '' && named !== '' && named !== pinned) {
    return disputedWhole(amount, 'wrong_instance');
  }
  const inWindow =
    b.startedAtMs >= lease.issuedAtMs - b.clockSkewMs &&
    b.endedAtMs <= lease.expiresAtMs + b.lateGraceMs &&
    (hold.open ||
      hold.closedAtMs === undefined ||
      b.startedAtMs <= hold.closedAtMs + b.clockSkewMs);
  if (!inWindow) {
    return disputedWhole(amount, 'outside_lease');
  }
  const disputedBy: Partial<Record<DisputeReason, number>> = {};
  let fits = amount;
  if (lease.slotFraction !== undefined && lease.multiplier !== undefined) {
    const lifeMs = lease.expiresAtMs + b.lateGraceMs - (lease.issuedAtMs - b.clockSkewMs);
    const allowed = Math.min(
      rateCap(b.endedAtMs - b.startedAtMs, lease.slotFraction, lease.multiplier),
      Math.max(0, rateCap(lifeMs, lease.slotFraction, lease.multiplier) - b.leaseBurned),
    );
    if (fits > allowed) {
      disputedBy.over_rate = fits - allowed;
      fits = allowed;
    }
  }
  const postable = Math.min(fits, Math.max(0, lease.budget - b.leaseBurned));
  const fromHold = hold.open ? Math.min(postable, hold.remaining) : 0;
  const asDebt = hold.open ? 0 : postable;
  if (fits - fromHold - asDebt > 0) disputedBy.over_hold = fits - fromHold - asDebt;
  const disputed = amount - fromHold - asDebt;
  if (disputed > 0) {
    const disputeReason = disputedBy.over_rate !== undefined ? 'over_rate' : 'over_hold';
    return { status: 'disputed', fromHold, asDebt, disputed, disputeReason, disputedBy };
  }
  return { status: asDebt > 0 ? 'hold_closed' : 'accepted', fromHold, asDebt, disputed: 0 };
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
 * - an authentic record the schema refused (link 'refused') → refused: nothing posted, the head moves
 *   past it (the site is acked and stops resending it).
 * - lease unknown (or another site's) → unknown_lease: nothing posted, but the record is authentic
 *   (it chains), so the head moves past it and the site is never stuck behind it.
 * - otherwise the burn is held to its lease's bounds (boundBurn): accepted (all from the hold),
 *   hold_closed (honest work on a hold the coordinator closed early: as debt, within the lease's
 *   budget), or disputed (what broke a bound is held on dispute:{siteId}, never the customer's; the
 *   head moves past it as for unknown_lease, so the site stops resending it).
 * accepted/acceptedMicroTokens count every record decided on its lease and what it credited the site.
 */
export function planSite(input: PlanInput): SitePlan {
  const holds = new Map([...input.holds].map(([k, v]) => [k, { ...v }]));
  const leaseBurned = new Map<string, number>();
  const counts = emptyPlanCounts();
  const decisions: Decision[] = [];
  let head = input.head;
  let resendFrom = 0;
  let stopped = false;

  for (const record of input.staged) {
    const expected = head.seq + 1;
    if (record.seq < expected) {
      throw new LedgerInvariantError(
        `site ${input.siteId}: staged burn ${record.seq} is at or below the chain head ${head.seq}`,
        { siteId: input.siteId, seq: record.seq, head: head.seq },
      );
    }
    if (record.seq > expected) {
      counts.gap += record.seq - expected;
      resendFrom = expected;
      stopped = true;
      break;
    }
    if ('link' in record && record.link === 'refused') {
      // Staged as a stand-in (its hash was checked then): decided, posting nothing, and acked.
      head = { seq: record.seq, hash: '' };
      counts.refused++;
      decisions.push({ record, status: 'refused', fromHold: 0, asDebt: 0, disputed: 0 });
      continue;
    }
    const link =
      'link' in record
        ? record.link === 'ok'
          ? { ok: true as const }
          : { ok: false as const, problem: record.link }
        : verifyLink(head, record);
    if (!link.ok) {
      counts.tampered++;
      decisions.push({
        record,
        status: 'tampered',
        problem: link.problem,
        fromHold: 0,
        asDebt: 0,
        disputed: 0,
      });
      resendFrom = expected;
      stopped = true;
      break;
    }
    // A checked record carries no hash: the caller reads the new head's hash from storage.
    head = { seq: record.seq, hash: record.hash ?? '' };
    const lease = input.leases.get(record.lease_id);
    if (!lease || lease.siteId !== input.siteId) {
      counts.unknownLease++;
      decisions.push({ record, status: 'unknown_lease', fromHold: 0, asDebt: 0, disputed: 0 });
      continue;
    }
    const hold = holds.get(lease.holdId);
    if (!hold)
      throw new LedgerInvariantError(`lease ${lease.leaseId} has no hold ${lease.holdId}`, {
        leaseId: lease.leaseId,
        holdId: lease.holdId,
      });
    const burned = leaseBurned.get(lease.leaseId) ?? lease.burned;
    const b = boundBurn({
      amount: record.micro_tokens,
      startedAtMs: record.started_at_ms,
      endedAtMs: record.ended_at_ms,
      lease,
      leaseBurned: burned,
      hold,
      clockSkewMs: input.clockSkewMs,
      lateGraceMs: input.lateGraceMs,
      ...(record.mig_instance_uuid ? { migInstanceUuid: record.mig_instance_uuid } : {}),
    });
    hold.remaining -= b.fromHold;
    leaseBurned.set(lease.leaseId, burned + b.fromHold + b.asDebt);
    if (b.status === 'hold_closed' || (b.status === 'disputed' && b.asDebt > 0))
      counts.holdClosed++;
    if (b.disputed > 0) {
      counts.disputed++;
      counts.disputedMicroTokens += b.disputed;
      for (const [reason, n] of Object.entries(b.disputedBy ?? {}) as [DisputeReason, number][]) {
        const [c, mt] = REASON_COUNTS[reason];
        counts[c]++;
        counts[mt] += n;
      }
    }
    counts.accepted++;
    counts.acceptedMicroTokens += b.fromHold + b.asDebt;
    decisions.push({ record, lease, ...b });
  }
  return { decisions, head, counts, resendFrom, stopped };
}
