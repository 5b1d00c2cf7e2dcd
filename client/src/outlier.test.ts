import { describe, expect, it } from 'vitest';
import { OUTLIER_DEFAULTS, OutlierDetector } from './outlier.js';

const T0 = 1_000_000;
const BASE = OUTLIER_DEFAULTS.baseEjectionMs;

function fleet(n: number, opts = {}): OutlierDetector {
  const d = new OutlierDetector(opts);
  for (let i = 0; i < n; i++) d.observe(`e${i}:1`, `s${i}`);
  return d;
}

describe('OutlierDetector', () => {
  it('ejects an endpoint on a failure for the base ejection time, then lets it back', () => {
    const d = fleet(4);
    const e = d.failure('e0:1', 's0', T0);
    expect(e).toEqual({
      endpoint: 'e0:1',
      siteId: 's0',
      ejectedAtMs: T0,
      untilMs: T0 + BASE,
      count: 1,
    });
    expect(d.isEjected('e0:1', T0 + BASE - 1)).toBe(true);
    expect(d.ejected(T0 + 1)).toEqual([e]);
    expect(d.isEjected('e0:1', T0 + BASE)).toBe(false);
    expect(d.ejected(T0 + BASE)).toEqual([]);
    expect(d.isEjected('e1:1', T0)).toBe(false);
    expect(d.stats).toEqual({ ejections: 1, suppressed: 0 });
  });

  it('grows the ejection time with consecutive ejections, capped; successes bring it back down', () => {
    const d = fleet(4, { maxEjectionMs: 2.5 * BASE });
    let t = T0;
    const spans: number[] = [];
    for (let i = 0; i < 4; i++) {
      const e = d.failure('e0:1', 's0', t);
      spans.push((e?.untilMs ?? t) - t);
      t = e?.untilMs ?? t;
    }
    expect(spans).toEqual([BASE, 2 * BASE, 2.5 * BASE, 2.5 * BASE]);
    // Failures while ejected do not extend or re-count the ejection.
    const again = d.failure('e0:1', 's0', t);
    expect(again?.count).toBe(5);
    expect(d.failure('e0:1', 's0', t + 1)).toBeUndefined();
    t = again?.untilMs ?? t;
    for (let i = 0; i < 4; i++) d.success('e0:1', t);
    expect(d.failure('e0:1', 's0', t)?.count).toBe(2);
  });

  it('waits for consecutiveFailures in a row; a success resets the run', () => {
    const d = fleet(4, { consecutiveFailures: 3 });
    expect(d.failure('e0:1', 's0', T0)).toBeUndefined();
    expect(d.failure('e0:1', 's0', T0)).toBeUndefined();
    d.success('e0:1', T0);
    expect(d.failure('e0:1', 's0', T0)).toBeUndefined();
    expect(d.failure('e0:1', 's0', T0)).toBeUndefined();
    expect(d.failure('e0:1', 's0', T0)?.count).toBe(1);
  });

  it('never ejects more than maxEjectionPercent of the known endpoints (at least one)', () => {
    const d = fleet(4, { maxEjectionPercent: 50 });
    expect(d.failure('e0:1', 's0', T0)).toBeDefined();
    expect(d.failure('e1:1', 's1', T0)).toBeDefined();
    expect(d.failure('e2:1', 's2', T0)).toBeUndefined();
    expect(d.ejected(T0).map((e) => e.siteId)).toEqual(['s0', 's1']);
    expect(d.stats).toEqual({ ejections: 2, suppressed: 1 });
    // Once one is back, another may go.
    expect(d.failure('e2:1', 's2', T0 + BASE)).toBeDefined();

    const two = fleet(2, { maxEjectionPercent: 10 });
    expect(two.failure('e0:1', 's0', T0)).toBeDefined();
    expect(two.failure('e1:1', 's1', T0)).toBeUndefined();
    expect(fleet(2, { maxEjectionPercent: 0 }).failure('e0:1', 's0', T0)).toBeUndefined();
  });

  it('refuses options out of range, naming them', () => {
    expect(() => new OutlierDetector({ consecutiveFailures: 0 })).toThrow(/consecutiveFailures/);
    expect(() => new OutlierDetector({ baseEjectionMs: 0 })).toThrow(/baseEjectionMs/);
    expect(() => new OutlierDetector({ maxEjectionMs: 1 })).toThrow(/maxEjectionMs/);
    expect(() => new OutlierDetector({ maxEjectionPercent: 101 })).toThrow(/maxEjectionPercent/);
  });
});
