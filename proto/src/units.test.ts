import { describe, expect, it } from 'vitest';
import { burnMicroTokens, formatTokens } from './units.js';

describe('burnMicroTokens', () => {
  it('one hour of a whole reference accelerator is one token', () => {
    expect(burnMicroTokens(3600, 1, 1)).toBe(1_000_000);
  });
  it('scales by slot fraction and multiplier and rounds half up once', () => {
    expect(burnMicroTokens(1, 1, 1)).toBe(278); // 277.77…
    expect(burnMicroTokens(3600, 1 / 7, 0.7)).toBe(100_000);
    expect(burnMicroTokens(0.0018, 1, 1)).toBe(1); // 0.5 µT rounds up
    expect(burnMicroTokens(0.0001, 1, 1)).toBe(1); // non-zero work costs at least 1 µT
    expect(burnMicroTokens(0, 1, 1)).toBe(0);
  });
  it('rejects impossible inputs', () => {
    expect(() => burnMicroTokens(-1, 1, 1)).toThrow(RangeError);
    expect(() => burnMicroTokens(1, 0, 1)).toThrow(RangeError);
    expect(() => burnMicroTokens(1, 1, Number.NaN)).toThrow(RangeError);
  });
  it('formats µT as tokens', () => {
    expect(formatTokens(1_234_567)).toBe('1.234567 T');
    expect(formatTokens(-5)).toBe('-0.000005 T');
  });
});
