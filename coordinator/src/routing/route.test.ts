import { describe, expect, it } from 'vitest';
import type { RouteContext, RouteRequest } from './route.js';
import { route } from './route.js';
import { testCtx, testReq, testSite as site } from './routing.test-support.js';

const ctx = (o: Partial<RouteContext> = {}): RouteContext =>
  testCtx({
    pops: new Map([
      ['pop-muc', { lat: 48.14, lon: 11.58 }],
      ['pop-ber', { lat: 52.52, lon: 13.4 }],
    ]),
    ...o,
  });
const req = (o: Partial<RouteRequest> = {}): RouteRequest => testReq(o);

describe('route', () => {
  it('prefers the lower measured RTT to the caller PoP', () => {
    const a = site('a', { rttMs: new Map([['pop-muc', 7]]) });
    const b = site('b', { rttMs: new Map([['pop-muc', 2]]) });
    const r = route([a, b], req(), ctx());
    expect(r.ranked.map((c) => c.site.siteId)).toEqual(['b', 'a']);
    expect(r.ranked[0]?.rttSource).toBe('probe');
  });

  it('falls back to geography when there is no probe, and applies the RTT bound', () => {
    const near = site('near', { lat: 48.2, lon: 11.5 });
    const far = site('far', { lat: 40.4, lon: -3.7 }); // Madrid: ~1500 km → ~24 ms
    const r = route([near, far], req(), ctx());
    expect(r.ranked.map((c) => c.site.siteId)).toEqual(['near']);
    expect(r.ranked[0]?.rttSource).toBe('geo');
    expect(r.rejected.rtt).toBe(1);
  });

  it('filters on model, capacity (counting in-flight grants), domestic, accelerator kind, isolation and state', () => {
    const sites = [
      site('nomodel', { models: ['other'] }),
      site('full', { slotsFree: 1, inflight: 1 }),
      site('foreign'),
      site('offline', { state: 'offline' }),
      site('ascend', {
        domesticOnly: true,
        profileIds: ['ascend-910b', 'huawei'],
        isolations: ['whole', 'timeslice'],
      }),
    ];
    const r = route(
      sites,
      req({ domesticOnly: true, acceleratorKinds: ['huawei'], isolation: 'timeslice' }),
      ctx(),
    );
    expect(r.ranked.map((c) => c.site.siteId)).toEqual(['ascend']);
    expect(r.rejected).toEqual({ model: 1, capacity: 1, domestic: 1, state: 1 });
  });

  it('skips a site with hardware the coordinator cannot price, and says why', () => {
    const unpriced = site('unpriced', {
      rttMs: new Map([['pop-muc', 1]]),
      unknownHardware: [
        {
          kind: 'unknown',
          identity: { vendor: 'nvidia', model: 'NVIDIA B200' },
          reason: 'no_match',
          detail: 'no nvidia profile matches "NVIDIA B200"',
        },
      ],
    });
    const priced = site('priced', { rttMs: new Map([['pop-muc', 5]]) });
    const r = route([unpriced, priced], req(), ctx());
    expect(r.ranked.map((c) => c.site.siteId)).toEqual(['priced']);
    expect(r.rejected).toEqual({ hardware_unknown: 1 });
  });

  it('weighs spot-check reputation: a low-reputation site loses to an equal honest one', () => {
    const doubted = site('doubted', { reputation: 0.6, rttMs: new Map([['pop-muc', 3]]) });
    const honest = site('honest', { rttMs: new Map([['pop-muc', 3]]) });
    const r = route([doubted, honest], req(), ctx());
    expect(r.ranked.map((c) => c.site.siteId)).toEqual(['honest', 'doubted']);
    // The gap is the reputation term: weight × (1 − reputation).
    const [a, b] = r.ranked;
    expect((b?.score ?? 0) - (a?.score ?? 0)).toBeCloseTo(0.4, 9);
    // With the weight at 0 the two are equal again.
    const off = route(
      [doubted, honest],
      req(),
      ctx({ weights: { ...ctx().weights, reputation: 0 } }),
    );
    expect(off.ranked[0]?.score).toBeCloseTo(off.ranked[1]?.score ?? NaN, 9);
  });

  it('does not route to a site drained by its reputation', () => {
    const drained = site('drained', { reputation: 0.2, quarantined: true });
    const honest = site('honest');
    const r = route([drained, honest], req(), ctx());
    expect(r.ranked.map((c) => c.site.siteId)).toEqual(['honest']);
    expect(r.rejected).toEqual({ reputation: 1 });
  });

  it('weighs power cost: same RTT, cheaper tariff wins', () => {
    const pricey = site('pricey', {
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.6 }],
      rttMs: new Map([['pop-muc', 3]]),
    });
    const cheap = site('cheap', {
      tariff: [{ startHour: 0, endHour: 24, pricePerKwh: 0.1 }],
      rttMs: new Map([['pop-muc', 3]]),
    });
    expect(route([pricey, cheap], req(), ctx()).ranked[0]?.site.siteId).toBe('cheap');
  });

  it('spreads near-equal candidates (power of two choices) instead of herding', () => {
    const sites = Array.from({ length: 6 }, (_, i) =>
      site(`s${i}`, { rttMs: new Map([['pop-muc', 3]]) }),
    );
    const wins = new Map<string, number>();
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 600; i++) {
      const id =
        route(sites, req(), ctx({ nearBestFraction: 0.1, random: rnd })).ranked[0]?.site.siteId ??
        '';
      wins.set(id, (wins.get(id) ?? 0) + 1);
    }
    expect(wins.size).toBe(6);
  });

  it('fails open with a clear status when every site is stale', () => {
    const stale = site('stale', { state: 'degraded' });
    const r = route([stale], req(), ctx());
    expect(r.status).toBe('fail_open_stale_telemetry');
    expect(r.ranked[0]?.site.siteId).toBe('stale');
  });
});
