import { describe, expect, it } from 'vitest';
import { ServiceRate } from './service-rate.js';

describe('ServiceRate', () => {
  it('is undefined before any grant, then grants per second over the window', () => {
    const r = new ServiceRate(10_000);
    expect(r.perSecond(0)).toBeUndefined();
    for (let t = 0; t < 10_000; t += 500) r.note(t); // 2 a second for 10 s
    expect(r.perSecond(9_999)).toBeCloseTo(2, 2);
  });

  it('counts from the first grant while the window is not yet full (at least a second)', () => {
    const r = new ServiceRate(60_000);
    r.note(1_000);
    r.note(2_000);
    r.note(3_000);
    expect(r.perSecond(4_000)).toBeCloseTo(1, 5); // 3 grants in the 3 s since the first
    const one = new ServiceRate(60_000);
    one.note(5_000);
    expect(one.perSecond(5_000)).toBe(1); // a span under a second counts as one second
  });

  it('forgets grants older than the window: a queue that stopped moving has no rate', () => {
    const r = new ServiceRate(1_000);
    r.note(0);
    r.note(100);
    expect(r.perSecond(500)).toBeGreaterThan(0);
    expect(r.perSecond(1_200)).toBeUndefined();
  });
});
