import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickLease, rankLeases, type LeaseCandidate } from './pick-lease.js';

const c = (leaseId: string, score: number, over: Partial<LeaseCandidate> = {}): LeaseCandidate => ({
  leaseId,
  score,
  expiresAtMs: 10_000,
  expectedRttMs: 0,
  order: 0,
  ...over,
});

describe('pickLease / rankLeases', () => {
  it('picks the lowest score and skips leases already tried', () => {
    const cs = [c('p', 30, { order: 0 }), c('h1', 10, { order: 1 }), c('h2', 20, { order: 2 })];
    expect(pickLease(cs, 0)?.leaseId).toBe('h1');
    expect(pickLease(cs, 0, new Set(['h1']))?.leaseId).toBe('h2');
    expect(pickLease(cs, 0, new Set(['h1', 'h2', 'p']))).toBeUndefined();
    expect(rankLeases(cs, 0).map((x) => x.leaseId)).toEqual(['h1', 'h2', 'p']);
  });

  it('breaks ties by expected RTT, then by the coordinator order (primary first)', () => {
    const cs = [
      c('h1', 5, { order: 1, expectedRttMs: 8 }),
      c('p', 5, { order: 0, expectedRttMs: 9 }),
      c('h2', 5, { order: 2, expectedRttMs: 8 }),
    ];
    expect(rankLeases(cs, 0).map((x) => x.leaseId)).toEqual(['h1', 'h2', 'p']);
    const noRtt = [c('h1', 5, { order: 1 }), c('p', 5, { order: 0 })];
    expect(pickLease(noRtt, 0)?.leaseId).toBe('p');
  });

  it('puts leases that expired by the local clock last, but keeps them', () => {
    const cs = [
      c('old', 1, { expiresAtMs: 100 }),
      c('live', 50, { expiresAtMs: 5_000 }),
      c('unknown', 60, { expiresAtMs: 0 }),
    ];
    expect(rankLeases(cs, 1_000).map((x) => x.leaseId)).toEqual(['live', 'unknown', 'old']);
    expect(pickLease([c('old', 1, { expiresAtMs: 100 })], 1_000)?.leaseId).toBe('old');
  });

  it('treats a non-finite score as worst', () => {
    expect(
      pickLease(
        [c('nan', Number.NaN), c('inf', Infinity, { order: 1 }), c('ok', 1e9, { order: 2 })],
        0,
      )?.leaseId,
    ).toBe('ok');
  });

  it('property: pickLease is the head of rankLeases, and ranking is a permutation of the allowed leases', () => {
    const cand = fc.record({
      score: fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity)),
      expiresAtMs: fc.integer({ min: 0, max: 2_000 }),
      expectedRttMs: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.array(cand, { maxLength: 8 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.array(fc.nat(8)),
        (raw, now, ex) => {
          const cs = raw.map((r, i) => ({ ...r, leaseId: `l${i}`, order: i }));
          const exclude = new Set(ex.map((i) => `l${i}`));
          const ranked = rankLeases(cs, now, exclude);
          expect(pickLease(cs, now, exclude)).toBe(ranked[0]);
          expect(ranked.map((x) => x.leaseId).sort()).toEqual(
            cs
              .filter((x) => !exclude.has(x.leaseId))
              .map((x) => x.leaseId)
              .sort(),
          );
          for (let i = 1; i < ranked.length; i++) {
            const a = ranked[i - 1]!;
            const b = ranked[i]!;
            const aExp = a.expiresAtMs > 0 && a.expiresAtMs <= now;
            const bExp = b.expiresAtMs > 0 && b.expiresAtMs <= now;
            if (aExp === bExp) expect(a.score).toBeLessThanOrEqual(b.score);
            else expect(bExp).toBe(true);
          }
        },
      ),
    );
  });
});
