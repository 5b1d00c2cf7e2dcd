import { grpcStatusOf, statusDetails } from '@edgefleet/proto';
import { wireCode } from '../wire-code.js';

/**
 * An error as a gRPC status: the status is the catalogue's for the error's code (proto's
 * WIRE_ERRORS; INTERNAL for a code it does not list), the details start with the machine code
 * (`CODE: message`) so that callers in any language can switch on it.
 */
export function toGrpcError(err: unknown): { code: number; details: string } {
  const code = wireCode(err);
  const msg = err instanceof Error ? err.message : String(err);
  return { code: grpcStatusOf(code), details: statusDetails(`${code}: ${msg}`) };
}
