import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  CoordinatorUnavailableError,
  InsufficientBalanceError,
  InvalidRequestError,
  LeaseBudgetExhaustedError,
  LeaseRejectedError,
  LeaseTokenRejectedError,
  NoSiteAvailableError,
  RemoteError,
  SitePlaintextError,
  SiteTlsError,
  UnauthorizedError,
  UnknownHoldError,
  classifyInferError,
  coordinatorError,
  parseStatusDetails,
} from './errors.js';

function se(code: status, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${details}`), {
    code,
    details,
    metadata: new Metadata(),
  });
}

describe('parseStatusDetails', () => {
  it('takes an UPPER_SNAKE first word as the machine code', () => {
    expect(
      parseStatusDetails('INSUFFICIENT_BALANCE: customer c1 has 100 µT available, 5000 requested'),
    ).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      message: 'customer c1 has 100 µT available, 5000 requested',
    });
    expect(parseStatusDetails('NO_SITE no site within 10 ms')).toEqual({
      code: 'NO_SITE',
      message: 'no site within 10 ms',
    });
    expect(parseStatusDetails('DRAINING: maintenance')).toEqual({
      code: 'DRAINING',
      message: 'maintenance',
    });
    expect(parseStatusDetails('NO_SITE')).toEqual({ code: 'NO_SITE', message: 'NO_SITE' });
  });

  it('finds no code in plain prose', () => {
    expect(
      parseStatusDetails('No connection established. Last error: connect ECONNREFUSED').code,
    ).toBe('');
    expect(parseStatusDetails('TLS handshake failed').code).toBe('');
    expect(parseStatusDetails(undefined)).toEqual({ code: '', message: '' });
  });
});

describe('coordinatorError', () => {
  it('maps machine codes first, then gRPC statuses', () => {
    const cases: [ServiceError, new (...a: never[]) => Error][] = [
      [
        se(status.FAILED_PRECONDITION, 'INSUFFICIENT_BALANCE: customer c1 has 0 µT'),
        InsufficientBalanceError,
      ],
      [se(status.RESOURCE_EXHAUSTED, 'NO_SITE: nothing fits'), NoSiteAvailableError],
      [se(status.UNAVAILABLE, 'NO_SITE: all telemetry stale'), NoSiteAvailableError],
      [se(status.UNAVAILABLE, 'No connection established'), CoordinatorUnavailableError],
      [se(status.DEADLINE_EXCEEDED, 'Deadline exceeded'), CoordinatorUnavailableError],
      [se(status.NOT_FOUND, 'UNKNOWN_HOLD: h1'), UnknownHoldError],
      [se(status.INVALID_ARGUMENT, 'INVALID_ARGUMENT: hedges > 3'), InvalidRequestError],
      [se(status.UNAUTHENTICATED, 'missing token'), UnauthorizedError],
      [se(status.FAILED_PRECONDITION, 'DOMESTIC_ONLY_UNSATISFIED: none'), LeaseRejectedError],
    ];
    for (const [err, cls] of cases) expect(coordinatorError(err, 'acquire')).toBeInstanceOf(cls);
    expect(coordinatorError(cases[0]![0], 'acquire').toJSON()).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: 'acquire: INSUFFICIENT_BALANCE: customer c1 has 0 µT',
      data: {
        grpcStatus: 'FAILED_PRECONDITION',
        reason: 'INSUFFICIENT_BALANCE',
        operation: 'acquire',
      },
    });
  });
});

describe('classifyInferError', () => {
  it('fails over on site faults and surfaces caller faults', () => {
    const over = (code: status, d: string) => classifyInferError(se(code, d), 's1');
    expect(over(status.UNAVAILABLE, 'connect ECONNREFUSED').failover).toBe(true);
    expect(over(status.DEADLINE_EXCEEDED, 'Deadline exceeded').failover).toBe(true);
    expect(over(status.FAILED_PRECONDITION, 'LEASE_TOKEN_EXPIRED: lease l1 expired').failover).toBe(
      true,
    );
    // the codes and statuses the agent sends (agent/src/inference-service.ts)
    expect(
      over(status.UNAUTHENTICATED, 'LEASE_TOKEN_EXPIRED: lease l1 expired 3 ms ago').failover,
    ).toBe(true);
    expect(over(status.UNAUTHENTICATED, 'LEASE_TOKEN_UNKNOWN_KEY: kid k9').failover).toBe(true);
    expect(over(status.PERMISSION_DENIED, 'LEASE_WRONG_SITE: lease for s2').failover).toBe(true);
    expect(over(status.FAILED_PRECONDITION, 'LEASE_REVOKED: lease l1 was revoked').failover).toBe(
      true,
    );
    expect(over(status.RESOURCE_EXHAUSTED, 'SITE_AT_CAPACITY: no free slot').failover).toBe(true);
    expect(over(status.UNAVAILABLE, 'OUTBOX_FULL: 10000 records').failover).toBe(true);
    expect(over(status.UNAVAILABLE, 'BACKEND_FAILED: http 502').failover).toBe(true);
    expect(
      over(status.RESOURCE_EXHAUSTED, 'LEASE_BUDGET_EXHAUSTED: 0 µT left').error,
    ).toBeInstanceOf(LeaseBudgetExhaustedError);
    expect(over(status.UNAUTHENTICATED, 'LEASE_TOKEN_MALFORMED: nope').error).toBeInstanceOf(
      LeaseTokenRejectedError,
    );
    expect(
      over(status.PERMISSION_DENIED, 'LEASE_WRONG_MODEL: lease is for m1').error,
    ).toBeInstanceOf(LeaseTokenRejectedError);
    expect(over(status.NOT_FOUND, 'lease l1 unknown here').failover).toBe(true);
    expect(over(status.RESOURCE_EXHAUSTED, 'queue full').failover).toBe(true);
    expect(over(status.UNAVAILABLE, 'OUTBOX_WRITE_FAILED: ENOSPC').failover).toBe(true);

    const budget = over(status.RESOURCE_EXHAUSTED, 'LEASE_BUDGET_EXHAUSTED: 0 µT left');
    expect([budget.failover, budget.error]).toEqual([false, expect.any(LeaseBudgetExhaustedError)]);
    expect(over(status.UNAUTHENTICATED, 'LEASE_TOKEN_FORGED: bad sig').error).toBeInstanceOf(
      LeaseTokenRejectedError,
    );
    expect(over(status.UNAUTHENTICATED, 'who are you').failover).toBe(false);
    expect(over(status.INVALID_ARGUMENT, 'input too large').error).toBeInstanceOf(
      InvalidRequestError,
    );
    expect(over(status.UNAVAILABLE, 'x').reason).toBe('UNAVAILABLE');
  });
});

describe('classifyInferError: site transport (Inference TLS)', () => {
  it('a TLS handshake failure on a TLS attempt is a SiteTlsError and fails over; the same text on a plaintext attempt is not', () => {
    const wrongCa = se(
      status.UNAVAILABLE,
      'No connection established. Last error: Error: self-signed certificate in certificate chain',
    );
    expect(classifyInferError(wrongCa, 's1', true)).toMatchObject({
      failover: true,
      reason: 'SITE_TLS_FAILED',
    });
    expect(classifyInferError(wrongCa, 's1', true).error).toBeInstanceOf(SiteTlsError);
    const mismatch = se(
      status.UNAVAILABLE,
      'No connection established. Last error: Error: SITE_CERT_MISMATCH: the certificate at this endpoint names site s2, not site s1',
    );
    expect(classifyInferError(mismatch, 's1', true).error).toBeInstanceOf(SiteTlsError);
    expect(classifyInferError(wrongCa, 's1', false).error).toBeInstanceOf(RemoteError);
    expect(
      classifyInferError(se(status.UNAVAILABLE, 'connect ECONNREFUSED 127.0.0.1:1'), 's1', true),
    ).toMatchObject({ failover: true, reason: 'UNAVAILABLE' });
  });

  it('a refused plaintext site fails over with its own typed error', () => {
    const c = classifyInferError(
      new SitePlaintextError('site s1: serves Inference in plaintext'),
      's1',
    );
    expect(c).toMatchObject({ failover: true, reason: 'SITE_PLAINTEXT' });
    expect(c.error).toBeInstanceOf(SitePlaintextError);
  });
});
