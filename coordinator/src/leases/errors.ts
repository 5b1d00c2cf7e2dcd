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
