import { describe, expect, it } from 'vitest';
import { LatencyReport } from './latency-report.js';

describe('LatencyReport', () => {
  it('counts answers per site in the protocol buckets, hands them over once, and takes a failed report back', () => {
    const r = new LatencyReport();
    r.add('a', 0.4); // ≤ 1 ms
    r.add('a', 7); // (5, 10]
    r.add('a', 7.5);
    r.add('b', 5000); // above a second
    r.add('', 3); // no site: ignored
    r.add('b', Number.NaN); // not a latency: ignored
    const first = r.take();
    expect(first).toEqual([
      { site_id: 'a', bucket_counts: [1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0] },
      { site_id: 'b', bucket_counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
    ]);
    expect(r.take()).toEqual([]);
    r.putBack(first);
    r.add('a', 1.5);
    expect(r.take()).toEqual([
      { site_id: 'a', bucket_counts: [1, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0] },
      { site_id: 'b', bucket_counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
    ]);
  });
});
