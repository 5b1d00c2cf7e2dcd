import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.js';

describe('LatencyHistogram', () => {
  it('is empty until a sample arrives', () => {
    const h = new LatencyHistogram();
    expect([h.count, h.quantile(0.5), h.min, h.max, h.mean]).toEqual([
      0,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('gives quantiles within 1 % of the nearest-rank sample; min, max and mean exact', () => {
    const h = new LatencyHistogram();
    const samples = Array.from({ length: 10_000 }, (_, i) => 0.5 + ((i * 7919) % 10_000) / 100); // 0.5 … 100.49 ms, shuffled
    for (const s of samples) h.record(s);
    const sorted = [...samples].sort((a, b) => a - b);
    for (const q of [0.01, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] as number;
      const got = h.quantile(q) as number;
      expect(Math.abs(got - exact) / exact).toBeLessThanOrEqual(0.0101);
    }
    expect(h.count).toBe(10_000);
    expect(h.min).toBe(0.5);
    expect(h.max).toBe(sorted.at(-1));
    expect(h.mean).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 9);
    expect(h.quantile(1)).toBe(h.max);
    expect(h.quantile(0)).toBe(h.min);
  });

  it('ignores samples that are not latencies and handles zero', () => {
    const h = new LatencyHistogram();
    for (const s of [Number.NaN, -1, Infinity]) h.record(s);
    expect(h.count).toBe(0);
    h.record(0);
    h.record(0);
    expect(h.quantile(0.99)).toBe(0);
  });
});
