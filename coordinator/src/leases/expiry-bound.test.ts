import { describe, expect, it } from 'vitest';
import { ExpiryBound } from './expiry-bound.js';

/** Holds whose expiresAtMs reads count how often a walk touched them. */
function holds(expiries: Record<string, number>) {
  let reads = 0;
  const list = Object.entries(expiries).map(([holdId, exp]) => ({
    holdId,
    exp,
    get expiresAtMs() {
      reads++;
      return this.exp;
    },
  }));
  return { list, reads: () => reads };
}

describe('ExpiryBound', () => {
  it('walks the holds only once the earliest noted expiry has come, and finds exactly the due ones', () => {
    const b = new ExpiryBound();
    const h = holds({ a: 1000, b: 2000, c: 3000 });
    for (const x of h.list) b.note(x.exp);
    expect(b.due(999, h.list)).toEqual([]);
    expect(h.reads()).toBe(0); // no walk on a quiet sweep
    expect(b.due(2000, h.list)).toEqual(['a', 'b']);
    const afterWalk = h.reads();
    expect(afterWalk).toBeGreaterThan(0);
    // The walk set the bound to c's expiry: nothing walked until then.
    expect(b.due(2999, h.list)).toEqual([]);
    expect(h.reads()).toBe(afterWalk);
    expect(b.due(3000, h.list)).toEqual(['a', 'b', 'c']);
  });

  it('a hold that appears with an earlier expiry lowers the bound; a renewal (later expiry) only costs an early walk', () => {
    const b = new ExpiryBound();
    const h = holds({ a: 5000 });
    b.note(5000);
    expect(b.due(100, h.list)).toEqual([]);
    h.list.push(...holds({ n: 200 }).list);
    b.note(200);
    expect(b.due(200, h.list)).toEqual(['n']);
    // a renewed to 9000 without a note: the bound (5000) is early, the walk finds nothing due.
    (h.list[0] as { exp: number }).exp = 9000;
    expect(b.due(5000, h.list)).toEqual(['n']);
    expect(b.due(9000, h.list)).toEqual(['a', 'n']);
  });

  it('with no holds never walks', () => {
    const b = new ExpiryBound();
    expect(b.due(Number.MAX_SAFE_INTEGER, [])).toEqual([]);
  });
});
