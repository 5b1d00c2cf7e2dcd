import { describe, expect, it } from 'vitest';
import { guardedSites, type ActiveReservation } from './guarantee.js';

const r = (customerId: string, siteIds: string[], slots: number): ActiveReservation => ({
  id: `r-${customerId}`,
  customerId,
  siteIds,
  slots,
});

describe('guardedSites: the last reserved slots are kept for their customer', () => {
  const free = (m: Record<string, number>) => (s: string) => m[s] ?? 0;
  const none = () => 0;

  it('leaves the sites open while more than the owed slots are free', () => {
    expect(guardedSites('x', [r('a', ['s1', 's2'], 2)], free({ s1: 2, s2: 1 }), none)).toEqual(
      new Set(),
    );
  });

  it('closes every site of the reservation when one more lease would eat into it', () => {
    expect(guardedSites('x', [r('a', ['s1', 's2'], 2)], free({ s1: 1, s2: 1 }), none)).toEqual(
      new Set(['s1', 's2']),
    );
  });

  it('never closes a reservation to its own customer', () => {
    expect(guardedSites('a', [r('a', ['s1'], 2)], free({ s1: 1 }), none)).toEqual(new Set());
  });

  it('counts the leases its customer already holds there against what is owed', () => {
    const leases = (c: string) => (c === 'a' ? 2 : 0);
    expect(guardedSites('x', [r('a', ['s1'], 2)], free({ s1: 1 }), leases)).toEqual(new Set());
    expect(guardedSites('x', [r('a', ['s1'], 3)], free({ s1: 1 }), leases)).toEqual(
      new Set(['s1']),
    );
  });
});
