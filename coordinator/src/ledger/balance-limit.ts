import { MINT } from './accounts.js';
import { LedgerBalanceLimitError } from './errors.js';

/**
 * The largest balance (in magnitude) the ledger holds: BIGINT goes back into a JavaScript number,
 * exact only up to 2^53 − 1, and a balance past that would make every later read of the account
 * fail (db/int8.ts refuses to round). 9.007e15 µT is 9 billion tokens.
 */
export const MAX_BALANCE_MICRO_TOKENS = Number.MAX_SAFE_INTEGER;

/**
 * Refuses a top-up that would take the customer's balance above the limit, or the mint (minus the
 * fleet's total issuance) below its negative. Called with both rows locked, before any write.
 */
export function assertTopUpWithinLimit(
  customerId: string,
  account: string,
  balance: number,
  mintBalance: number,
  microTokens: number,
): void {
  if (balance > MAX_BALANCE_MICRO_TOKENS - microTokens)
    throw new LedgerBalanceLimitError(
      customerId,
      account,
      balance,
      microTokens,
      MAX_BALANCE_MICRO_TOKENS,
    );
  if (mintBalance < microTokens - MAX_BALANCE_MICRO_TOKENS)
    throw new LedgerBalanceLimitError(
      customerId,
      MINT,
      mintBalance,
      microTokens,
      MAX_BALANCE_MICRO_TOKENS,
    );
}
