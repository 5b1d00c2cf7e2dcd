import { InvalidLedgerArgumentError } from './errors.js';

/**
 * Bound of the ids the ledger API takes from the coordinator itself (customer, hold, lease, site,
 * model), after the wire schemas checked them (proto's ids.ts). Burn records coming from sites are
 * not checked here: they go through proto's burn-record schema (checkBurnRecord).
 */
export const MAX_ID_LENGTH = 200;

/** An integer µT amount: > 0 (or ≥ 0 with allowZero) and exactly representable. */
export function assertAmount(
  name: string,
  value: number,
  opts: { allowZero?: boolean } = {},
): void {
  const min = opts.allowZero === true ? 0 : 1;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidLedgerArgumentError(
      `${name} must be an integer number of µT ${min === 0 ? '≥ 0' : '> 0'} (got ${String(value)})`,
      { [name]: value },
    );
  }
}

export function assertId(name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new InvalidLedgerArgumentError(
      `${name} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
      { [name]: value },
    );
  }
}

/** Epoch milliseconds. */
export function assertTime(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidLedgerArgumentError(
      `${name} must be epoch milliseconds (got ${String(value)})`,
      { [name]: value },
    );
  }
}
