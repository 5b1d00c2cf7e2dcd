import type { BurnRecordData } from '@edgefleet/proto';

/**
 * The token ledger's contract. All amounts are integer micro-tokens (µT). Account ids:
 *   mint                 issuance (goes negative as tokens are minted)
 *   customer:{id}        a customer's available balance
 *   hold:{holdId}        pending two-phase hold of a lease budget
 *   site:{siteId}        a site's (provider's) earnings
 *   debt:{customerId}    burns that arrived after their hold ended (negative = owed)
 * Every transfer debits one account and credits another; all balances always sum to zero.
 */
export interface Ledger {
  /** Tops up a customer from the mint (a token package). Returns the customer's new available balance. */
  topUp(customerId: string, microTokens: number, ref: string): Promise<number>;

  /** Places a two-phase hold; throws InsufficientBalanceError (no overdraft, ever). */
  placeHold(h: { holdId: string; customerId: string; microTokens: number; expiresAtMs: number }): Promise<void>;

  /** Records a lease (site, model, budget) under a hold, so burns can be validated against it. */
  registerLease(l: { leaseId: string; holdId: string; siteId: string; customerId: string; model: string; budgetMicroTokens: number; issuedAtMs: number; expiresAtMs: number }): Promise<void>;

  /** Extends a hold and its leases (Renew). Throws UnknownHoldError / HoldClosedError. */
  renewHold(holdId: string, expiresAtMs: number): Promise<void>;

  /** Voids the unburned remainder back to the customer. Idempotent. */
  releaseHold(holdId: string, reason: 'released' | 'expired'): Promise<{ burned: number; released: number }>;

  /** Releases every hold whose expiry (plus grace) has passed. Returns how many. */
  expireHolds(nowMs: number, graceMs: number): Promise<number>;

  /**
   * Ingests one batch from a site into staging, deduplicated by (site_id, seq) in the same
   * transaction. Same (site, seq) with different content is counted as tampered, not accepted.
   */
  stageBurns(siteId: string, records: BurnRecordData[]): Promise<{ staged: number; duplicate: number; tampered: number }>;

  /** One reconciliation run over everything staged: validate, post, and report per site. */
  reconcile(nowMs: number): Promise<ReconciliationReport>;

  balance(customerId: string): Promise<CustomerBalance>;
  siteEarnings(siteId: string): Promise<number>;
  /** Sum over every account; must be 0. */
  totalOfAllBalances(): Promise<number>;
  listRuns(limit: number): Promise<ReconciliationReport[]>;
  close(): Promise<void>;
}

export interface CustomerBalance {
  customerId: string;
  available: number;
  held: number;
  debt: number;
}

export interface SiteReconciliation {
  siteId: string;
  accepted: number;
  acceptedMicroTokens: number;
  duplicate: number;
  gap: number;
  overBudget: number;
  unknownLease: number;
  late: number;
  tampered: number;
  /** Highest seq posted for the site (the ack high-water mark). */
  ackedSeq: number;
  /** When a gap was found: the site should resend records with seq >= resendFrom. 0 = none. */
  resendFrom: number;
}

export interface ReconciliationReport {
  runId: string;
  startedAtMs: number;
  finishedAtMs: number;
  sites: SiteReconciliation[];
}
