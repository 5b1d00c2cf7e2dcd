import { describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { validateRequest, type LeaseSettings } from './lease-service.js';
import { toGrpcError } from '../grpc/errors.js';

const settings: LeaseSettings = {
  defaultTtlS: 300,
  maxTtlS: 3600,
  maxHedges: 3,
  offerTimeoutMs: 1000,
  settleMs: 0,
};
const ok = { customer_id: 'fleet-acme', model: 'llama-3-8b', budget_micro_tokens: 1000 };

function reject(fields: Record<string, unknown>): { code: number; details: string } {
  try {
    validateRequest(pb.AcquireRequest.fromObject({ ...ok, ...fields }), settings, true);
  } catch (err) {
    return toGrpcError(err);
  }
  throw new Error('accepted');
}

/** Regression (security sweep): a NUL byte in customer_id reached PostgreSQL and came back as INTERNAL. */
describe('validateRequest: ids that could not be stored are INVALID_ARGUMENT', () => {
  it('accepts a normal request', () => {
    expect(() => validateRequest(pb.AcquireRequest.fromObject(ok), settings, true)).not.toThrow();
  });

  it.each([
    '\u0000',
    'fleet\u0000acme',
    'a b',
    '-leading-dash',
    'x'.repeat(129),
    "'; DROP TABLE x; --",
  ])('customer_id %j', (customer_id) => {
    const e = reject({ customer_id });
    expect(e.code).toBe(3); // INVALID_ARGUMENT
    expect(e.details).toMatch(/^INVALID_ARGUMENT: customer_id: /);
  });

  it.each(['llama\u0000', 'm\u001b[31m', 'm'.repeat(257)])('model %j', (model) => {
    expect(reject({ model }).details).toMatch(/^INVALID_ARGUMENT: model: /);
  });
});
