import { describe, expect, it } from 'vitest';
import { checkBurnRecord, rejectJson, sameRecord } from './burn-record.js';
import { TestChain } from './ledger.test-support.js';

describe('burn records at the door', () => {
  const good = new TestChain('S').next('L', 10);

  it('accepts a well-formed record of the batch site', () => {
    expect(checkBurnRecord(good, 'S')).toEqual({ ok: true, record: good });
  });

  it.each([
    ['another site', { ...good, site_id: 'T' }],
    ['a zero seq', { ...good, seq: 0 }],
    ['a fractional amount', { ...good, micro_tokens: 1.5 }],
    ['a negative amount', { ...good, micro_tokens: -1 }],
    ['an amount beyond 2^53', { ...good, micro_tokens: 2 ** 53 }],
    ['a short hash', { ...good, hash: 'abc' }],
    ['an end before the start', { ...good, ended_at_ms: good.started_at_ms - 1 }],
    ['an empty lease id', { ...good, lease_id: '' }],
    ['a huge label', { ...good, slot: 'x'.repeat(1_000) }],
    ['a string seq', { ...good, seq: '1' }],
    ['no object at all', 42],
  ])('refuses %s', (_what, raw) => {
    const check = checkBurnRecord(raw, 'S');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem.length).toBeGreaterThan(0);
  });

  it('tells a resend from a rewrite', () => {
    expect(sameRecord(good, { ...good })).toBe(true);
    expect(sameRecord(good, { ...good, micro_tokens: 11 })).toBe(false);
    expect(sameRecord(good, { ...good, hash: 'f'.repeat(64) })).toBe(false);
  });

  it('keeps what it stores about a rejected payload bounded and valid JSON', () => {
    const big = rejectJson({ s: 'x'.repeat(100_000) }, 100);
    expect(big.length).toBeLessThan(200);
    expect(() => JSON.parse(big) as unknown).not.toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => JSON.parse(rejectJson(cyclic)) as unknown).not.toThrow();
    expect(rejectJson(undefined)).toBe('null');
  });
});
