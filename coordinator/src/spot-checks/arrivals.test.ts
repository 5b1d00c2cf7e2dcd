import { describe, expect, it } from 'vitest';
import { testSite } from '../routing/routing.test-support.js';
import { checkable, drawArrivals } from './arrivals.js';

const models = new Set(['llama']);
const seq = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe('checkable', () => {
  it('only routable sites that serve a checked model', () => {
    expect(checkable(testSite('a'), models)).toEqual(['llama']);
    expect(checkable(testSite('b', { models: ['other'] }), models)).toEqual([]);
    expect(checkable(testSite('c', { quarantined: true }), models)).toEqual([]);
    expect(checkable(testSite('d', { state: 'degraded' }), models)).toEqual([]);
    expect(checkable(testSite('e', { slotsFree: 1, inflight: 1 }), models)).toEqual([]);
  });
});

describe('drawArrivals', () => {
  it('gives each site a canary with probability rate × tick', () => {
    const sites = Array.from({ length: 1000 }, (_, i) => testSite(`s${i}`));
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    // 36 per hour with a 10 s tick: p = 0.1 per site per tick.
    const o = { models, perSiteHourly: 36, tickMs: 10_000, room: Infinity };
    let n = 0;
    for (let t = 0; t < 20; t++) n += drawArrivals(sites, o, rnd).length;
    expect(n / 20_000).toBeGreaterThan(0.08);
    expect(n / 20_000).toBeLessThan(0.12);
  });

  it('never more than the room left, and none at rate 0', () => {
    const sites = Array.from({ length: 10 }, (_, i) => testSite(`s${i}`));
    const always = seq([0]);
    expect(
      drawArrivals(sites, { models, perSiteHourly: 3_600_000, tickMs: 1000, room: 3 }, always),
    ).toHaveLength(3);
    expect(
      drawArrivals(sites, { models, perSiteHourly: 0, tickMs: 1000, room: 10 }, always),
    ).toHaveLength(0);
  });

  it('skips drained sites', () => {
    const sites = [testSite('ok'), testSite('drained', { quarantined: true })];
    const r = drawArrivals(
      sites,
      { models, perSiteHourly: 3_600_000, tickMs: 1000, room: 10 },
      seq([0]),
    );
    expect(r.map((x) => x.site.siteId)).toEqual(['ok']);
  });
});
