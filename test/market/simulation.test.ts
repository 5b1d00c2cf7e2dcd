import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET, POLICIES, simulateMarket } from './simulation.js';

// Invariants of the market simulation, not its figures (those are docs/market.md's, from the bench).
describe('market simulation', () => {
  const o = { ...DEFAULT_MARKET, days: 1 };
  const rows = POLICIES.map((p) => simulateMarket(p, o));

  it('accounts for every request: served or refused, on the same arrivals for every policy', () => {
    const requests = rows[0]?.requests ?? 0;
    expect(requests).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.requests).toBe(requests);
      expect(r.served + Math.round((r.refusedPct * r.requests) / 100)).toBe(requests);
    }
  });

  it('honours every booked reservation and never queues beyond a request’s patience', () => {
    const ours = rows.find((r) => r.policy === 'edgefleet');
    expect(ours?.reservationsBooked).toBeGreaterThan(0);
    expect(ours?.reservationsHonouredPct).toBe(100);
    for (const r of rows) expect(r.p99WaitS).toBeLessThanOrEqual(o.patienceSteps * 10);
    expect(rows.find((r) => r.policy === 'refuse')?.p99WaitS).toBe(0);
  });
});
