import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canHonour, type ReservationSpan } from './capacity-calendar.js';

const HOUR = 3_600_000;
const span = (
  id: string,
  siteIds: string[],
  slots: number,
  startH: number,
  endH: number,
): ReservationSpan => ({ id, siteIds, slots, startMs: startH * HOUR, endMs: endH * HOUR });

describe('canHonour', () => {
  const capacity = new Map([
    ['a1', 2],
    ['a2', 2],
    ['b1', 3],
  ]);

  it('admits up to the class capacity and not one slot beyond', () => {
    expect(canHonour(span('r', ['a1', 'a2'], 4, 8, 10), [], capacity)).toEqual({
      ok: true,
      available: 4,
      tightestAtMs: 8 * HOUR,
    });
    expect(canHonour(span('r', ['a1', 'a2'], 5, 8, 10), [], capacity).ok).toBe(false);
  });

  it('counts only the instants where bookings overlap, and names the tightest one', () => {
    const booked = [span('x', ['a1'], 2, 9, 10), span('y', ['a2'], 1, 11, 12)];
    const answer = canHonour(span('r', ['a1', 'a2'], 3, 8, 12), booked, capacity);
    expect(answer).toEqual({ ok: false, available: 2, tightestAtMs: 9 * HOUR });
    expect(canHonour(span('r', ['a1', 'a2'], 2, 8, 12), booked, capacity).ok).toBe(true);
    // The same booking after the window does not count.
    expect(canHonour(span('r', ['a1', 'a2'], 4, 12, 13), booked, capacity).ok).toBe(true);
  });

  it('places a booking whose class overlaps the candidate on the sites the candidate cannot use', () => {
    // x may run on a1 or b1; the candidate only on a1: x goes to b1 and a1 stays free.
    const booked = [span('x', ['a1', 'b1'], 3, 0, 24)];
    expect(canHonour(span('r', ['a1'], 2, 1, 2), booked, capacity).ok).toBe(true);
    // x needs 4: one slot must go to a1, so the candidate gets only one there.
    const bigger = [span('x', ['a1', 'b1'], 4, 0, 24)];
    expect(canHonour(span('r', ['a1'], 2, 1, 2), bigger, capacity).available).toBe(1);
  });

  it('oversubscribes by the configured factor, floored per site', () => {
    expect(canHonour(span('r', ['a1', 'b1'], 7, 0, 1), [], capacity, 1.5).available).toBe(7);
    expect(canHonour(span('r', ['a1', 'b1'], 8, 0, 1), [], capacity, 1.5).ok).toBe(false);
  });

  it('gives nothing where bookings already exceed a shrunken fleet', () => {
    const booked = [span('x', ['a1'], 2, 0, 24)];
    const shrunk = new Map([['a1', 1]]);
    expect(canHonour(span('r', ['a1'], 1, 1, 2), booked, shrunk)).toMatchObject({
      ok: false,
      available: 0,
    });
  });

  it('agrees with Hall’s condition on every small fleet (never overbooks, never refuses what fits)', () => {
    const sites = ['s0', 's1', 's2', 's3'];
    const arbSpan = (id: string) =>
      fc
        .record({
          siteIds: fc.subarray(sites, { minLength: 1 }),
          slots: fc.integer({ min: 1, max: 6 }),
          start: fc.integer({ min: 0, max: 5 }),
          len: fc.integer({ min: 1, max: 4 }),
        })
        .map((r) => span(id, r.siteIds, r.slots, r.start, r.start + r.len));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
        fc
          .array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 })
          .chain((ids) => fc.tuple(...ids.map((_, i) => arbSpan(`b${i}`)))),
        arbSpan('c'),
        (caps, booked, candidate) => {
          const capacity = new Map(sites.map((s, i) => [s, caps[i] ?? 0]));
          const answer = canHonour(candidate, booked, capacity);
          expect(answer.available).toBe(referenceAvailable(candidate, booked, capacity));
          expect(answer.ok).toBe(answer.available >= candidate.slots);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The reference: the largest s for which Hall's condition holds at every hour of the window. */
function referenceAvailable(
  c: ReservationSpan,
  booked: readonly ReservationSpan[],
  capacity: ReadonlyMap<string, number>,
): number {
  let least = Infinity;
  for (let t = c.startMs; t < c.endMs; t += HOUR) {
    const active = booked.filter((r) => r.startMs <= t && r.endMs > t);
    const hall = (withCandidate: number): boolean => {
      const all = [...active, { ...c, slots: withCandidate }];
      for (let mask = 1; mask < 1 << all.length; mask++) {
        const chosen = all.filter((_, i) => mask & (1 << i));
        const union = new Set(chosen.flatMap((r) => r.siteIds));
        const cap = [...union].reduce((s, site) => s + (capacity.get(site) ?? 0), 0);
        if (chosen.reduce((s, r) => s + r.slots, 0) > cap) return false;
      }
      return true;
    };
    let s = 0;
    if (hall(0)) while (hall(s + 1)) s++;
    least = Math.min(least, s);
  }
  return least;
}
