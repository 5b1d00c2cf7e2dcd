import { describe, expect, it } from 'vitest';
import { boxCells, isBusId, isNotAvailable, readNumber, readPair } from './text.js';

describe('text helpers', () => {
  it('readNumber reads numbers with allowed units, null for N/A tokens, undefined otherwise', () => {
    expect(readNumber('433.78 W', ['W'])).toBe(433.78);
    expect(readNumber('53C', ['C'])).toBe(53);
    expect(readNumber('30.0c', ['C'])).toBe(30);
    expect(readNumber('81559', ['MiB'])).toBe(81559);
    expect(readNumber('[N/A]', ['%'])).toBeNull();
    expect(readNumber('[Requested functionality has been deprecated]')).toBeNull();
    expect(readNumber('NA')).toBeNull();
    expect(readNumber('12 MHz', ['W'])).toBeUndefined();
    expect(readNumber('12abc')).toBeUndefined();
    expect(readNumber('1e400')).toBeUndefined();
    expect(readNumber('')).toBeUndefined();
  });

  it('readPair, boxCells, isBusId, isNotAvailable', () => {
    expect(readPair('0 MiB/ 23374 MiB', ['MiB'])).toEqual([0, 23374]);
    expect(readPair('1867 / 15077')).toEqual([1867, 15077]);
    expect(readPair('1 / 2 / 3')).toBeUndefined();
    expect(boxCells('| 0     910A  | OK  | 67.2  43 |')).toEqual(['0     910A', 'OK', '67.2  43']);
    expect(boxCells('+----+')).toEqual([]);
    expect(isBusId('0000:5A:00.0')).toBe(true);
    expect(isBusId('00000000:01:00.0')).toBe(true);
    expect(isBusId('OK')).toBe(false);
    expect(isNotAvailable('N/A')).toBe(true);
    expect(isNotAvailable('0')).toBe(false);
  });
});
