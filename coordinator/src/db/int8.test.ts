import { describe, expect, it } from 'vitest';
import { parseInt8, UnsafeIntegerError } from './int8.js';

describe('parseInt8', () => {
  it('turns BIGINT text into an exact number', () => {
    expect(parseInt8('0')).toBe(0);
    expect(parseInt8('-124456')).toBe(-124456);
    expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses what a number cannot hold exactly', () => {
    expect(() => parseInt8('9007199254740993')).toThrow(UnsafeIntegerError);
  });
});
