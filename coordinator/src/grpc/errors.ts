import { EdgefleetError } from '@edgefleet/common';
import { grpcStatusOf, statusDetails } from '@edgefleet/proto';
import { wireCode } from '../wire-code.js';

/**
 * An error as a gRPC status: the status is the catalogue's for the error's code (proto's
 * WIRE_ERRORS; INTERNAL for a code it does not list), the details start with the machine code
 * (`CODE: message`) so that callers in any language can switch on it. Only an EdgefleetError's
 * message goes out: anything else (a driver's error, a bug) is INTERNAL with a fixed message, as in
 * the REST API; the caller logs the real one.
 */
export function toGrpcError(err: unknown): { code: number; details: string } {
  if (!(err instanceof EdgefleetError))
    return {
      code: grpcStatusOf('INTERNAL'),
      details: statusDetails('INTERNAL: internal error; see the coordinator log'),
    };
  const code = wireCode(err);
  const msg = err.message;
  return { code: grpcStatusOf(code), details: statusDetails(`${code}: ${msg}`) };
}
