import { EdgefleetError } from '@edgefleet/common';

/** A BIGINT that does not fit a JavaScript number exactly. */
export class UnsafeIntegerError extends EdgefleetError {
  constructor(value: string) {
    super('DB_UNSAFE_INTEGER', `BIGINT ${value} does not fit a JavaScript number exactly`, {
      value,
    });
  }
}

/** PostgreSQL type oid of BIGINT (int8); count(*) is one too. */
export const INT8_OID = 20;

/**
 * The one place BIGINT becomes `number`: pg hands it over as a string (PGlite too, before this
 * parser). Ledger amounts are integer µT well below 2^53; anything beyond is refused loudly
 * rather than rounded silently.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new UnsafeIntegerError(text);
  return n;
}
