import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { EdgefleetError } from '@edgefleet/common';
import {
  InvalidLeaseRequestError,
  NoSiteForModelError,
  UnknownLeaseHoldError,
} from '../leases/errors.js';
import { HoldClosedError, LedgerInsufficientBalanceError } from '../ledger/index.js';
import { statusForCode } from '../http/errors.js';
import { wireCode } from '../wire-code.js';
import { toGrpcError } from './errors.js';

describe("errors on the wire (by code, through proto's catalogue)", () => {
  it("gRPC: the catalogue's status, details led by the wire code", () => {
    expect(toGrpcError(new InvalidLeaseRequestError('ttl_s', 'too long'))).toEqual({
      code: status.INVALID_ARGUMENT,
      details: 'INVALID_ARGUMENT: ttl_s: too long',
    });
    expect(toGrpcError(new NoSiteForModelError('m', {})).code).toBe(status.RESOURCE_EXHAUSTED);
    expect(toGrpcError(new UnknownLeaseHoldError('h1')).code).toBe(status.NOT_FOUND);
    const balance = toGrpcError(new LedgerInsufficientBalanceError('c1', 0, 5));
    expect(balance.code).toBe(status.FAILED_PRECONDITION);
    expect(balance.details.startsWith('INSUFFICIENT_BALANCE: customer c1')).toBe(true);
    expect(toGrpcError(new HoldClosedError('h1', 'released')).code).toBe(
      status.FAILED_PRECONDITION,
    );
  });

  it('gRPC: a code the catalogue does not list, or no code at all, is INTERNAL', () => {
    expect(toGrpcError(new EdgefleetError('SOMETHING_NEW', 'x')).code).toBe(status.INTERNAL);
    // Not an EdgefleetError (a driver's error, a bug): its text stays in the log.
    expect(toGrpcError(new Error('boom'))).toEqual({
      code: status.INTERNAL,
      details: 'INTERNAL: internal error; see the coordinator log',
    });
    const pgError = Object.assign(new Error('duplicate key value violates "holds_pkey"'), {
      code: '23505',
    });
    expect(toGrpcError(pgError).details).not.toMatch(/duplicate|holds_pkey|23505/);
    expect(wireCode(Object.assign(new Error('x'), { code: 14 }))).toBe('INTERNAL');
  });

  it("HTTP: the same codes, the catalogue's statuses, 422 for an unlisted one", () => {
    expect(statusForCode(wireCode(new LedgerInsufficientBalanceError('c1', 0, 5)))).toBe(409);
    expect(statusForCode(wireCode(new UnknownLeaseHoldError('h1')))).toBe(404);
    expect(statusForCode('INVALID_ARGUMENT')).toBe(400);
    expect(statusForCode('UNAUTHENTICATED')).toBe(401);
    expect(statusForCode('SOMETHING_NEW')).toBe(422);
  });
});
