import type { BurnTotals } from './burn-rates.js';
import type { BurnRecordData } from '@edgefleet/proto';
import type { HoldView, LeaseGrant } from './shared-holds.js';
import type { StatementPage, StatementQuery } from './statements.js';
import type { ReceiptClaim, ReceiptsCheck } from './receipts-check.js';

export type { HoldView, LeaseGrant } from './shared-holds.js';

export type { StatementEntry, StatementPage, StatementQuery } from './statements.js';

/**
 * The token ledger's contract. All amounts are integer micro-tokens (µT). Account ids:
 *   mint                 issuance (goes negative as tokens are minted)
 *   customer:{id}        a customer's available balance
 *   hold:{holdId}        pending two-phase hold of a lease budget
 *   site:{siteId}        a site's (provider's) earnings
 *   debt:{customerId}    honest burns whose hold the coordinator closed early (negative = owed)
 *   dispute:{siteId}     what a site claimed beyond its lease's bounds, held until an operator decides
 *                        (funded from the mint, never charged to the customer)
 * Every transfer debits one account and credits another; all balances always sum to zero.
 */
export interface Ledger {
  /**
   * Tops up a customer from the mint (a token package). Returns the customer's new available balance.
   * Idempotent per (customer, ref) when ref is not empty: a retried payment is credited once (the same
   * ref with another amount is refused with DuplicateReferenceError).
   * Debt first: when the customer owes (debt:{id} < 0), the same transaction settles as much of the
   * debt as the new available balance covers (customer:{id} → debt:{id}, kind 'debt_settle'); the
   * returned balance is what is left after that.
   */
  topUp(customerId: string, microTokens: number, ref: string): Promise<number>;

  /**
   * Places a two-phase hold; throws LedgerInsufficientBalanceError (no overdraft, ever). Placing the same
   * hold again is a no-op; the same holdId with other terms throws DuplicateReferenceError.
   */
  placeHold(h: {
    holdId: string;
    customerId: string;
    microTokens: number;
    expiresAtMs: number;
  }): Promise<void>;

  /**
   * Records a lease (site, model, budget) under a hold, so burns can be validated against it.
   * `slotFraction` and `multiplier` (the admitted slot's share of its accelerator and the
   * accelerator's multiplier, from the coordinator's own registry) bound each burn to duration ×
   * fraction × multiplier; without them that bound is skipped for the lease.
   */
  registerLease(l: {
    leaseId: string;
    holdId: string;
    siteId: string;
    customerId: string;
    model: string;
    budgetMicroTokens: number;
    issuedAtMs: number;
    expiresAtMs: number;
    slotFraction?: number;
    multiplier?: number;
    /** What the lease's token and Lease message carry, so that any replica can renew it. */
    isolation?: string;
    slot?: string;
    acceleratorModel?: string;
    migInstanceUuid?: string;
  }): Promise<void>;

  /**
   * Extends a live hold and its live leases (Renew, on any replica), under the hold's row lock, and
   * returns those leases. Throws LedgerUnknownHoldError, or HoldClosedError when the hold is closed,
   * has a Release scheduled, or (with `liveAtMs`) expired at or before that time.
   */
  renewHold(holdId: string, expiresAtMs: number, liveAtMs?: number): Promise<LeaseGrant[]>;

  /** Voids the unburned remainder back to the customer. Idempotent. */
  releaseHold(
    holdId: string,
    reason: 'released' | 'expired',
  ): Promise<{ burned: number; released: number }>;

  /**
   * Marks a pending hold to be voided at `atMs` (Release: the lease ends now, burns still in
   * flight settle against the hold until then). expireHolds() carries it out. No-op when closed.
   * Returns true when this call was the first Release of a pending hold (of two concurrent Releases,
   * on any replicas, exactly one gets true).
   */
  scheduleRelease(holdId: string, atMs: number): Promise<boolean>;

  /** Holds as a replica serving them needs them (those that exist, in no order). */
  holdViews(holdIds: readonly string[]): Promise<HoldView[]>;
  /** A hold's live leases (not moved off a lost site), oldest first. */
  liveLeases(holdId: string): Promise<LeaseGrant[]>;
  /** Marks leases ended: moved off a lost site (failover); no replica renews them any more. */
  endLeases(leaseIds: readonly string[], atMs: number): Promise<void>;
  /** Holds renewed or released after change number `seq` (every replica follows them), oldest first. */
  holdChangesSince(seq: number, limit?: number): Promise<HoldView[]>;
  /** The newest hold change number (where a replica starting now begins to follow). */
  holdChangeHead(): Promise<number>;

  /** A hold's amounts and status; throws LedgerUnknownHoldError. */
  holdState(holdId: string): Promise<HoldSnapshot>;

  /**
   * Releases (as 'released') every pending hold whose scheduled release time has come, and (as
   * 'expired') every pending hold with expiresAtMs + graceMs <= nowMs. Returns how many.
   */
  expireHolds(nowMs: number, graceMs: number): Promise<number>;

  /**
   * Ingests one batch from a site into staging, deduplicated by (site_id, seq) in the same
   * transaction. Same (site, seq) with different content is counted as tampered, not accepted.
   */
  stageBurns(
    siteId: string,
    records: BurnRecordData[],
  ): Promise<{ staged: number; duplicate: number; tampered: number; refused: number }>;

  /**
   * Ingests one batch from a site (the MQTT path): a batch that continues the site's chain head with
   * no gap, with nothing of the site waiting in staging and every lease known, is decided and posted
   * in the same transaction, each burn written once (`posted`, `ackedSeq` = the new head, to be acked
   * once this resolves; reported under `runId`, the rolling fast-path run). Anything else is staged as
   * stageBurns does, for the next reconcile(). Batches of one event-loop turn share a transaction.
   */
  ingestBurns(
    siteId: string,
    records: BurnRecordData[],
  ): Promise<{
    staged: number;
    duplicate: number;
    tampered: number;
    /** Authentic records the schema refused: staged as stand-ins, decided (nothing posted) and acked by the next run. */
    refused: number;
    posted: number;
    ackedSeq: number;
    runId?: string;
    report?: SiteReconciliation;
  }>;

  /** One reconciliation run over everything staged: validate, post, and report per site. */
  reconcile(nowMs: number): Promise<ReconciliationReport>;

  balance(customerId: string): Promise<CustomerBalance>;
  siteEarnings(siteId: string): Promise<number>;
  /** µT posted for burns decided since `sinceMs`, per customer and per site (the NOC's money view). */
  burnTotals(sinceMs: number): Promise<BurnTotals>;
  /** Sum over every account; must be 0. */
  totalOfAllBalances(): Promise<number>;
  listRuns(limit: number): Promise<ReconciliationReport[]>;
  /** One run with its per-site reports; undefined when no such run was kept. */
  getRun(runId: string): Promise<ReconciliationReport | undefined>;
  /** A customer's transfers (its balance, holds and debt) newest first, each burn with its provenance. */
  customerStatement(customerId: string, q?: StatementQuery): Promise<StatementPage>;
  /** A site's earnings transfers newest first, each burn with its provenance. */
  siteStatement(siteId: string, q?: StatementQuery): Promise<StatementPage>;
  /**
   * A customer's receipts against the ledger: which the ledger confirms (same site, seq, lease, µT,
   * hash), which it does not, and the customer's burns in the period no receipt covers.
   */
  checkReceipts(
    customerId: string,
    receipts: readonly ReceiptClaim[],
    period: { fromMs: number; toMs: number },
  ): Promise<ReceiptsCheck>;
  /** Every site's reconciled chain head (what a site is asked to resend after, when the broker comes back). */
  chainHeads(): Promise<{ siteId: string; headSeq: number }[]>;
  /** Seconds since the oldest burn still waiting in staging was staged; 0 when none waits. */
  reconLagSeconds(): Promise<number>;
  close(): Promise<void>;
}

export interface HoldSnapshot {
  holdId: string;
  customerId: string;
  amount: number;
  posted: number;
  released: number;
  remaining: number;
  status: 'pending' | 'released' | 'expired';
}

export interface CustomerBalance {
  customerId: string;
  /**
   * What the customer may still place holds with: the customer account plus its slices (µT escrowed
   * for replicas to place its holds from), less the answering replica's provisional holds.
   */
  available: number;
  /** What the customer's open holds still hold (not yet burned), the answering replica's provisional ones included. */
  held: number;
  /** µT the customer owes for burns no hold paid for (≥ 0; the debt account's balance negated). */
  debt: number;
}

/**
 * One site's part of a run. `accepted` counts every record decided on its lease (disputed and
 * hold-closed ones included); `acceptedMicroTokens` is what the site was credited, `disputedMicroTokens`
 * what was held on its dispute account instead (together: the µT of those records).
 * `duplicate` and `tampered` include what staging saw since the last run.
 */
export interface SiteReconciliation {
  siteId: string;
  accepted: number;
  acceptedMicroTokens: number;
  duplicate: number;
  /** Missing seqs between the chain head and the next staged record. */
  gap: number;
  /** Legacy (decisions before migration 009): posted partly as debt. Now 0: the excess is disputed (overHold). */
  overBudget: number;
  /** Nothing posted; the record chains, so the head moved past it (kept in storage with its status). */
  unknownLease: number;
  /** Legacy (decisions before migration 009): posted wholly as debt. Now 0 (see holdClosed, outsideLease). */
  late: number;
  /** Honest work inside its lease whose hold the coordinator had closed early: posted as debt within the lease's budget (no alert). */
  holdClosed: number;
  /** Records with a part held on the site's dispute account (a bound broken), and those µT. */
  disputed: number;
  disputedMicroTokens: number;
  /** By reason (a record breaking two bounds counts under both; the µT are split): a MIG instance other than its lease's, */
  wrongInstance: number;
  wrongInstanceMicroTokens: number;
  /** outside the lease window, */
  outsideLease: number;
  outsideLeaseMicroTokens: number;
  /** above duration × slot fraction × multiplier, */
  overRate: number;
  overRateMicroTokens: number;
  /** above what the hold or the lease's budget had left. */
  overHold: number;
  overHoldMicroTokens: number;
  /** Same seq with other content, a record that failed validation, or a bad hash / prev_hash. */
  tampered: number;
  /** Authentic records the burn-record schema refused (named in burn_rejects): nothing posted, acked. */
  refused: number;
  /** The site's chain head after the run: every seq up to it is decided and stored (the ack high-water mark). */
  ackedSeq: number;
  /** When a gap was found: the site should resend records with seq >= resendFrom. 0 = none. */
  resendFrom: number;
}

export interface ReconciliationReport {
  runId: string;
  startedAtMs: number;
  finishedAtMs: number;
  sites: SiteReconciliation[];
  /** Sites whose reconciliation failed in this run (rolled back; retried next run). */
  failedSites?: { siteId: string; code: string; message: string }[];
}
