import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKET_COUNT } from '@edgefleet/proto';
import { VehicleAcc, VehicleLatency } from './vehicle-latency.js';

const buckets = (at: Record<number, number>) => {
  const c = Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (const [i, n] of Object.entries(at)) c[Number(i)] = n;
  return c;
};

describe('VehicleLatency', () => {
  it('sums reports per site until drained, and drops reports of the wrong shape or for sites not allowed', () => {
    const v = new VehicleLatency();
    const mine = (s: string) => s !== 'other';
    expect(
      v.record(
        [
          { site_id: 'a', bucket_counts: buckets({ 2: 3 }) },
          { site_id: 'a', bucket_counts: buckets({ 2: 1, 4: 2 }) },
          { site_id: 'b', bucket_counts: buckets({ 0: 5 }) },
          { site_id: 'other', bucket_counts: buckets({ 0: 5 }) }, // not the caller's site
          { site_id: 'c', bucket_counts: [1, 2, 3] }, // wrong number of buckets
          { site_id: 'c', bucket_counts: buckets({}) }, // nothing in it
          { site_id: '', bucket_counts: buckets({ 1: 1 }) },
          { site_id: 'c', bucket_counts: buckets({ 1: 2_000_000 }) }, // beyond any vehicle's few seconds
        ],
        mine,
      ),
    ).toBe(3);
    const d = v.drain();
    expect([...d.keys()].sort()).toEqual(['a', 'b']);
    expect(d.get('a')).toEqual(buckets({ 2: 4, 4: 2 }));
    expect(v.drain().size).toBe(0);
  });
});

describe('VehicleAcc', () => {
  it('gives percentiles and the SLO-miss share of the summed counts; no requests, no data', () => {
    const acc = new VehicleAcc();
    expect(acc.figures(10)).toEqual({
      vehicleRequests: 0,
      vehicleP50Ms: null,
      vehicleP95Ms: null,
      vehicleSloMissRate: null,
    });
    acc.add(buckets({ 2: 90 })); // 90 in (2, 5] ms
    acc.add(buckets({ 4: 10 })); // 10 in (10, 20] ms
    const f = acc.figures(10);
    expect(f.vehicleRequests).toBe(100);
    expect(f.vehicleP50Ms).toBeCloseTo(2 + 3 * (50 / 90), 2);
    expect(f.vehicleP95Ms).toBeCloseTo(15, 2);
    expect(f.vehicleSloMissRate).toBe(0.1);
  });
});
