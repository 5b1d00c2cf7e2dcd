import { status } from '@grpc/grpc-js';
import { EdgefleetError } from '@edgefleet/common';
import { statusDetails } from '@edgefleet/proto';

export class InvalidLeaseRequestError extends EdgefleetError {
  constructor(field: string, message: string) {
    super('INVALID_ARGUMENT', `${field}: ${message}`, { field });
  }
}

export class NoSiteAvailableError extends EdgefleetError {
  constructor(model: string, detail: Record<string, unknown>) {
    super('NO_SITE', `no site can serve model "${model}" under these constraints`, detail);
  }
}

export class UnknownLeaseHoldError extends EdgefleetError {
  constructor(holdId: string) {
    super('UNKNOWN_HOLD', `no live lease hold ${holdId}`, { holdId });
  }
}

/** Maps an error to a gRPC status whose details start with the machine code (`CODE: message`). */
/** The ledger's codes (LEDGER_INSUFFICIENT_BALANCE…) as the wire names them (INSUFFICIENT_BALANCE…). */
export function wireCode(err: unknown): string {
  const code = (err as EdgefleetError | undefined)?.code ?? 'INTERNAL';
  return code.startsWith('LEDGER_') ? code.slice('LEDGER_'.length) : code;
}

export function toGrpcError(err: unknown): { code: number; details: string } {
  const code = wireCode(err);
  const map: Record<string, number> = {
    INVALID_ARGUMENT: status.INVALID_ARGUMENT,
    UNKNOWN_ATTACHMENT: status.INVALID_ARGUMENT,
    INSUFFICIENT_BALANCE: status.FAILED_PRECONDITION,
    NO_SITE: status.RESOURCE_EXHAUSTED,
    UNKNOWN_HOLD: status.NOT_FOUND,
    HOLD_CLOSED: status.FAILED_PRECONDITION,
    UNAUTHENTICATED: status.UNAUTHENTICATED,
    PERMISSION_DENIED: status.PERMISSION_DENIED,
  };
  const msg = err instanceof Error ? err.message : String(err);
  return { code: map[code] ?? status.INTERNAL, details: statusDetails(`${code}: ${msg}`) };
}
