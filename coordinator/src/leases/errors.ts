import { EdgefleetError } from '@edgefleet/common';

/**
 * The lease broker's domain errors. Each carries its wire code; the gRPC status it is sent with
 * comes from proto's catalogue (WIRE_ERRORS) by that code, in grpc/errors.ts.
 */

export class InvalidLeaseRequestError extends EdgefleetError {
  constructor(field: string, message: string) {
    super('INVALID_ARGUMENT', `${field}: ${message}`, { field });
  }
}

export class NoSiteForModelError extends EdgefleetError {
  constructor(model: string, detail: Record<string, unknown>) {
    super('NO_SITE', `no site can serve model "${model}" under these constraints`, detail);
  }
}

export class UnknownLeaseHoldError extends EdgefleetError {
  constructor(holdId: string) {
    super('UNKNOWN_HOLD', `no live lease hold ${holdId}`, { holdId });
  }
}

/**
 * A reserved or higher-priority Acquire found no free slot, and no best-effort lease on its sites
 * that it may preempt (every lease there is reserved, of its own customer, already given notice, or
 * not far enough below it in priority).
 */
export class NoPreemptionVictimError extends EdgefleetError {
  constructor(model: string, detail: { reason: string; sites: number }) {
    super(
      'PREEMPTION_NO_VICTIM',
      `no free slot and no best-effort lease to preempt for model "${model}"`,
      detail,
    );
  }
}

/**
 * A refusal a freed slot could turn into a grant: sites that serve the request exist but were
 * full (routing's `capacity` or `reserve`), or every offered site's agent said no; or a preemptor
 * found no lease to preempt now (one may end or start later).
 */
export function waitsForCapacity(err: unknown): boolean {
  if (err instanceof NoPreemptionVictimError) return true;
  if (!(err instanceof NoSiteForModelError)) return false;
  const d = err.data as { rejected?: Record<string, number>; admitted?: number; offered?: number };
  if (d.admitted === 0 && (d.offered ?? 0) > 0) return true;
  return (d.rejected?.['capacity'] ?? 0) + (d.rejected?.['reserve'] ?? 0) > 0;
}
