import { EdgefleetError } from '@edgefleet/common';

/**
 * A hold (or a debit) larger than the customer's available balance: no overdraft, ever.
 * `inOtherSlices` (> 0 only for a debit that reads customer:C, e.g. reservation escrow): µT of the
 * customer escrowed on other coordinator replicas' slices, which this replica may not spend; they
 * come back to the balance when that replica returns them (idle, closed or gone), so a request
 * that `available + inOtherSlices` covers may pass when retried then.
 */
export class LedgerInsufficientBalanceError extends EdgefleetError {
  readonly customerId: string;
  readonly available: number;
  readonly requested: number;
  readonly inOtherSlices: number;
  constructor(customerId: string, available: number, requested: number, inOtherSlices = 0) {
    super(
      'LEDGER_INSUFFICIENT_BALANCE',
      inOtherSlices > 0
        ? `customer ${customerId} has ${available} µT available, ${requested} µT requested; ${inOtherSlices} µT more are held in other coordinator replicas' slices (for leases acquired there) and return to the balance once those replicas release them (idle about 10 s, or closed): retry then`
        : `customer ${customerId} has ${available} µT available, ${requested} µT requested`,
      inOtherSlices > 0
        ? { customerId, available, requested, inOtherSlices }
        : { customerId, available, requested },
    );
    this.customerId = customerId;
    this.available = available;
    this.requested = requested;
    this.inOtherSlices = inOtherSlices;
  }
}

/**
 * A top-up that would take a balance past the range the ledger can hold exactly (±2^53 − 1 µT, the
 * safe integers: BIGINT is read back into a JavaScript number). `account` is the customer's account,
 * or the mint when the fleet's total issuance would pass it. Checked before anything is written.
 */
export class LedgerBalanceLimitError extends EdgefleetError {
  readonly account: string;
  readonly balance: number;
  readonly requested: number;
  readonly limit: number;
  constructor(
    customerId: string,
    account: string,
    balance: number,
    requested: number,
    limit: number,
  ) {
    super(
      'LEDGER_BALANCE_LIMIT',
      `a top-up of ${requested} µT for customer ${customerId} would take ${account} (${balance} µT) past ±${limit} µT`,
      { customerId, account, balance, requested, limit },
    );
    this.account = account;
    this.balance = balance;
    this.requested = requested;
    this.limit = limit;
  }
}

export class LedgerUnknownHoldError extends EdgefleetError {
  readonly holdId: string;
  constructor(holdId: string) {
    super('LEDGER_UNKNOWN_HOLD', `no hold ${holdId}`, { holdId });
    this.holdId = holdId;
  }
}

/** The hold was already released or expired. */
export class HoldClosedError extends EdgefleetError {
  readonly holdId: string;
  readonly status: string;
  constructor(holdId: string, status: string) {
    super('LEDGER_HOLD_CLOSED', `hold ${holdId} is ${status}`, { holdId, status });
    this.holdId = holdId;
    this.status = status;
  }
}

/** Something that must always hold does not (a bug or tampering with the database); the transaction is rolled back. */
export class LedgerInvariantError extends EdgefleetError {
  constructor(message: string, data: Record<string, unknown> = {}, cause?: unknown) {
    super('LEDGER_INVARIANT', message, data, { cause });
  }
}

/** A caller passed an amount, id or time the ledger cannot take (not an integer µT, empty id, …). */
export class InvalidLedgerArgumentError extends EdgefleetError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('LEDGER_INVALID_ARGUMENT', message, data);
  }
}

/** An id or reference reused with different content (a top-up ref, a hold id, a lease id). */
export class DuplicateReferenceError extends EdgefleetError {
  constructor(
    what: 'top_up' | 'hold' | 'lease' | 'dispute_decision' | 'reservation' | 'package' | 'purchase',
    id: string,
    data: Record<string, unknown> = {},
  ) {
    super('LEDGER_DUPLICATE_REFERENCE', `${what} ${id} already exists with different content`, {
      what,
      id,
      ...data,
    });
  }
}

/** An operator's decision on a site's disputed µT asks for more than the site's dispute account holds. */
export class DisputeBalanceError extends EdgefleetError {
  readonly siteId: string;
  readonly held: number;
  readonly requested: number;
  constructor(siteId: string, held: number, requested: number) {
    super(
      'LEDGER_DISPUTE_BALANCE',
      `site ${siteId} has ${held} µT in dispute, ${requested} µT requested`,
      { siteId, held, requested },
    );
    this.siteId = siteId;
    this.held = held;
    this.requested = requested;
  }
}
