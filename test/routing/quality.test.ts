import { describe, expect, it } from 'vitest';
import { simulate, type QualityOptions } from './quality.js';

// A small world (the benchmark runs the full one): 600 sites, one day in hours.
const small: QualityOptions = {
  sites: 600,
  popsPerRegion: 4,
  steps: 24,
  baseArrivals: 40,
  burstArrivals: 200,
  maxRttMs: 10,
  seed: 11,
};

describe('routing quality simulation (real RouteIndex/route() over Site objects)', () => {
  const rows = Object.fromEntries(
    (['edgefleet', 'random', 'nearest-only', 'cheapest-only'] as const).map((s) => [
      s,
      simulate(s, small),
    ]),
  );
  const ef = rows.edgefleet as NonNullable<typeof rows.edgefleet>;

  it('keeps granted leases within the RTT bound far more often than network-blind strategies', () => {
    expect(ef.granted).toBeGreaterThan(0);
    expect(ef.p99RttMs).toBeLessThan(rows.random?.p99RttMs ?? 0);
    expect(ef.sloViolationPct).toBeLessThan((rows.random?.sloViolationPct ?? 0) / 2);
    expect(ef.sloViolationPct).toBeLessThan((rows['cheapest-only']?.sloViolationPct ?? 0) / 2);
  });

  it('pays less for power than nearest-only, and more than cheapest-only (which ignores the network)', () => {
    expect(ef.costPerToken).toBeLessThan(rows['nearest-only']?.costPerToken ?? 0);
    expect(rows['cheapest-only']?.costPerToken ?? Infinity).toBeLessThan(ef.costPerToken);
  });

  it('is deterministic for a seed (same arrivals for every strategy)', () => {
    expect(simulate('random', small)).toEqual(rows.random);
    expect(new Set(Object.values(rows).map((r) => r.requests)).size).toBe(1);
  });
});
