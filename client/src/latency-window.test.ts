import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window.js';
import { resolveHedgeDelay } from './failover.js';

describe('LatencyWindow', () => {
  it('computes nearest-rank quantiles over the last `capacity` samples', () => {
    const w = new LatencyWindow(100);
    expect(w.quantile(0.95)).toBeUndefined();
    for (let i = 1; i <= 100; i++) w.add(i);
    expect(w.quantile(0.95)).toBe(95);
    expect(w.quantile(0.5)).toBe(50);
    expect(w.quantile(1)).toBe(100);
    for (let i = 0; i < 100; i++) w.add(1_000); // old samples roll out
    expect(w.size).toBe(100);
    expect(w.quantile(0.05)).toBe(1_000);
  });

  it('ignores invalid samples and rejects a bad capacity', () => {
    const w = new LatencyWindow(4);
    w.add(Number.NaN);
    w.add(-1);
    w.add(Infinity);
    expect(w.size).toBe(0);
    expect(() => new LatencyWindow(0)).toThrow(RangeError);
  });
});

describe('resolveHedgeDelay', () => {
  it('uses a fixed delay as given, p95 once warm, half the timeout before, none when absent', () => {
    const w = new LatencyWindow();
    expect(resolveHedgeDelay(undefined, 1_000, w)).toBeUndefined();
    expect(resolveHedgeDelay(25, 1_000, w)).toBe(25);
    expect(resolveHedgeDelay('p95', 1_000, w)).toBe(500);
    for (let i = 1; i <= 20; i++) w.add(i * 10);
    expect(resolveHedgeDelay('p95', 1_000, w)).toBe(190);
    expect(resolveHedgeDelay('p95', 100, w)).toBe(100); // never beyond the attempt timeout
  });
});
