import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKET_COUNT,
  bucketQuantile,
  bucketsAbove,
  latencyBucket,
} from './latency-buckets.js';

describe('latency buckets', () => {
  it('puts a latency in the first bucket whose bound holds it, and above 1 s in the last', () => {
    expect(LATENCY_BUCKET_COUNT).toBe(11);
    expect([0, 1, 1.01, 2, 4.9, 10, 10.5, 999, 1000, 1000.1, 60_000].map(latencyBucket)).toEqual([
      0, 0, 1, 1, 2, 3, 4, 9, 9, 10, 10,
    ]);
  });

  it('interpolates a quantile inside its bucket; the open bucket reads as its lower bound', () => {
    const counts = Array<number>(LATENCY_BUCKET_COUNT).fill(0);
    counts[3] = 100; // 100 requests in (5, 10] ms
    expect(bucketQuantile(counts, 0.5)).toBeCloseTo(7.5, 5);
    expect(bucketQuantile(counts, 1)).toBe(10);
    counts[10] = 100; // and 100 above a second
    expect(bucketQuantile(counts, 0.95)).toBe(1000);
    expect(bucketQuantile(Array<number>(LATENCY_BUCKET_COUNT).fill(0), 0.5)).toBeUndefined();
  });

  it('counts the requests in buckets wholly above an SLO', () => {
    const counts = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    expect(bucketsAbove(counts, 10)).toBe(7); // (10,20] … (1000, ∞)
    expect(bucketsAbove(counts, 12)).toBe(6); // (10,20] straddles 12: not counted
    expect(bucketsAbove(counts, 0)).toBe(11);
  });
});
