import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  HTTP_STATUS_UNLISTED,
  WIRE_ERRORS,
  grpcStatusOf,
  httpStatusOf,
  wireError,
  withWireErrorTable,
  type WireErrorSpec,
} from './wire-errors.js';

const entries = Object.entries(WIRE_ERRORS as Record<string, WireErrorSpec>);

describe('the wire-error catalogue', () => {
  it('docs/protocol.md carries exactly the catalogue (run `npm run docs:errors` after changing it)', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)),
      'utf8',
    );
    expect(withWireErrorTable(doc)).toBe(doc);
  });

  it('finds a table that differs from the catalogue', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)),
      'utf8',
    );
    const edited = doc.replace('| `NO_SITE` | RESOURCE_EXHAUSTED |', '| `NO_SITE` | UNAVAILABLE |');
    expect(edited).not.toBe(doc);
    expect(withWireErrorTable(edited)).not.toBe(edited);
    expect(() => withWireErrorTable('no markers')).toThrow(/markers/);
  });

  it('every code is UPPER_SNAKE_CASE, sent over at least one wire, by at least one service', () => {
    for (const [code, e] of entries) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*[A-Z0-9]$/);
      expect(e.grpc !== undefined || e.http !== undefined).toBe(true);
      expect(e.services.length).toBeGreaterThan(0);
      if (e.services.includes('REST')) expect(e.http).toBeDefined();
      if (e.services.some((s) => s !== 'REST')) expect(e.grpc).toBeDefined();
    }
  });

  it('failover is a promise about Infer only: only codes the agent sends carry it', () => {
    for (const [, e] of entries)
      if (e.retry === 'failover') expect(e.services).toEqual(['Inference']);
  });

  it('maps by code, with INTERNAL / 422 for a code it does not list', () => {
    expect(grpcStatusOf('INSUFFICIENT_BALANCE')).toBe(status.FAILED_PRECONDITION);
    expect(grpcStatusOf('LEASE_TOKEN_EXPIRED')).toBe(status.UNAUTHENTICATED);
    expect(grpcStatusOf('OUTBOX_WRITE_FAILED')).toBe(status.UNAVAILABLE);
    expect(grpcStatusOf('NOT_FOUND')).toBe(status.INTERNAL); // REST only
    expect(grpcStatusOf('NO_SUCH_CODE')).toBe(status.INTERNAL);
    expect(httpStatusOf('UNKNOWN_HOLD')).toBe(404);
    expect(httpStatusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusOf('NO_SITE')).toBe(HTTP_STATUS_UNLISTED);
    expect(wireError('toString')).toBeUndefined();
  });
});
