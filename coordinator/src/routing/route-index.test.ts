import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Site } from '../fleet/site.js';
import { route, type RouteContext, type RouteRequest } from './route.js';
import { RouteIndex } from './route-index.js';
import { testCtx, testPops as pops, testReq, testSite as site } from './routing.test-support.js';

const ctx = (o: Partial<RouteContext> = {}): RouteContext => testCtx({ keep: 6, ...o });
const req = (o: Partial<RouteRequest> = {}): RouteRequest => testReq({ maxRttMs: 0, ...o });

class Fleet {
  readonly map = new Map<string, Site>();
  constructor(sites: Site[]) {
    for (const s of sites) this.map.set(s.siteId, s);
  }
  all() {
    return this.map.values();
  }
  get size() {
    return this.map.size;
  }
}

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const arbSite = fc.record({
  lat: fc.double({ min: 36, max: 60, noNaN: true }),
  lon: fc.double({ min: -9, max: 25, noNaN: true }),
  price: fc.double({ min: 0, max: 0.6, noNaN: true }),
  free: fc.integer({ min: 0, max: 8 }),
  total: fc.integer({ min: 1, max: 8 }),
  inflight: fc.integer({ min: 0, max: 2 }),
  probe: fc.option(fc.double({ min: 0.5, max: 40, noNaN: true }), { nil: undefined }),
  model: fc.constantFrom('llama', 'llama', 'qwen'),
  state: fc.constantFrom('online', 'online', 'online', 'degraded', 'offline'),
  errorRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
  mult: fc.constantFrom(1, 0.7, 0.45, 2.2),
});

const arbLoc = fc.oneof(
  fc.constantFrom('pop-muc', 'pop-ber', 'pop-mad').map((popId) => ({ popId })),
  fc.record({
    lat: fc.double({ min: 36, max: 60, noNaN: true }),
    lon: fc.double({ min: -9, max: 25, noNaN: true }),
  }),
  fc.record({
    lat: fc.double({ min: 36, max: 60, noNaN: true }),
    lon: fc.double({ min: -9, max: 25, noNaN: true }),
    speedMps: fc.double({ min: 1, max: 70, noNaN: true }),
    headingDeg: fc.double({ min: 0, max: 359, noNaN: true }),
  }),
  fc.record({
    popId: fc.constant('pop-muc'),
    lat: fc.double({ min: 36, max: 60, noNaN: true }),
    lon: fc.double({ min: -9, max: 25, noNaN: true }),
    speedMps: fc.double({ min: 1, max: 70, noNaN: true }),
    headingDeg: fc.double({ min: 0, max: 359, noNaN: true }),
  }),
);

const scores = (r: { ranked: { score: number }[] }) =>
  r.ranked.map((c) => c.score).sort((a, b) => a - b);

describe('RouteIndex', () => {
  it('keeps the same best candidates as a full scan for any fleet, caller and bound (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbSite, { minLength: 1, maxLength: 80 }),
        arbLoc,
        fc.constantFrom(0, 5, 10, 25),
        fc.integer({ min: 1, max: 6 }),
        (specs, location, maxRttMs, keep) => {
          const sites = specs.map((x, i) =>
            site(`s${i}`, {
              lat: x.lat,
              lon: x.lon,
              tariff: [{ startHour: 0, endHour: 24, pricePerKwh: x.price }],
              slotsFree: Math.min(x.free, x.total),
              slotsTotal: x.total,
              inflight: x.inflight,
              rttMs: new Map(x.probe === undefined ? [] : [['pop-muc', x.probe]]),
              models: [x.model],
              state: x.state as Site['state'],
              errorRate: x.errorRate,
              multiplier: x.mult,
            }),
          );
          const fleet = new Fleet(sites);
          const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000 });
          const r = req({ location, maxRttMs });
          const full = route(fleet.all(), r, ctx({ keep }));
          const fast = index.route(r, ctx({ keep }));
          expect(fast.status).toBe(full.status);
          const a = scores(fast);
          const b = scores(full);
          expect(a.length).toBe(b.length);
          a.forEach((v, i) => expect(v).toBeCloseTo(b[i] as number, 9));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('visits only the sites near the caller in a large fleet', () => {
    const sites = Array.from({ length: 5000 }, (_, i) =>
      site(`s${i}`, { lat: 36 + (i % 100) * 0.24, lon: -9 + Math.floor(i / 100) * 0.68 }),
    );
    const fleet = new Fleet(sites);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000 });
    const r = index.route(req({ maxRttMs: 10 }), ctx());
    expect(r.ranked).toHaveLength(6);
    expect(r.considered).toBe(5000);
    expect(r.visited).toBeLessThan(200);
    expect((r.rejected.beyond_rtt ?? 0) + (r.rejected.outscored ?? 0)).toBe(
      5000 - (r.visited ?? 0),
    );
    expect(scores(r)).toEqual(scores(route(fleet.all(), req({ maxRttMs: 10 }), ctx())));
  });

  it('sees state, slots and in-flight offers at once (read live from the sites)', () => {
    const near = site('near', { rttMs: new Map([['pop-muc', 1]]) });
    const far = site('far', { rttMs: new Map([['pop-muc', 8]]) });
    const fleet = new Fleet([near, far]);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 60_000 });
    const pick = () => index.route(req(), ctx({ keep: 1 })).ranked[0]?.site.siteId;
    expect(pick()).toBe('near');
    near.slotsFree = 0;
    expect(pick()).toBe('far');
    near.slotsFree = 4;
    near.inflight = 4;
    expect(pick()).toBe('far');
    near.inflight = 0;
    near.state = 'offline';
    expect(pick()).toBe('far');
    near.state = 'online';
    expect(pick()).toBe('near');
    near.models = ['other'];
    expect(pick()).toBe('far');
  });

  it('picks up a new model, a moved probe and a new site after a refresh or at once when the fleet grows', () => {
    const c = clock();
    const a = site('a', { rttMs: new Map([['pop-muc', 5]]) });
    const b = site('b', { rttMs: new Map([['pop-muc', 6]]), models: ['qwen'] });
    const fleet = new Fleet([a, b]);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000, now: c.now });
    const pick = (model = 'llama') =>
      index.route(req({ model }), ctx({ keep: 1 })).ranked[0]?.site.siteId;
    expect(pick()).toBe('a');
    b.models = ['qwen', 'llama'];
    b.rttMs.set('pop-muc', 1);
    c.advance(1001);
    expect(pick()).toBe('b');
    const n = site('n', { rttMs: new Map([['pop-muc', 0.5]]) });
    fleet.map.set('n', n);
    expect(pick()).toBe('n');
    fleet.map.delete('n');
    expect(pick()).toBe('b');
    expect(pick('qwen')).toBe('b');
  });

  it('prefers the next site along the route for a moving caller', () => {
    // A vehicle on the A9 just north of Munich heading north at 33 m/s (~1 km in 30 s).
    const behind = site('behind', { lat: 48.165, lon: 11.6 });
    const ahead = site('ahead', { lat: 48.2, lon: 11.6 });
    const fleet = new Fleet([behind, ahead]);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000 });
    const still = index.route(req({ location: { lat: 48.18, lon: 11.6 } }), ctx({ keep: 2 }));
    const moving = index.route(
      req({ location: { lat: 48.18, lon: 11.6, speedMps: 33, headingDeg: 0 } }),
      ctx({ keep: 2 }),
    );
    expect(still.ranked[0]?.site.siteId).toBe('behind');
    expect(moving.ranked[0]?.site.siteId).toBe('ahead');
    expect(moving.ranked[0]?.rttAheadMs).toBeLessThan(moving.ranked[1]?.rttAheadMs ?? 0);
  });

  it('does not cut a moving PoP caller’s walk short on the RTT now alone (the RTT ahead may be far lower)', () => {
    // B: 5 ms probe but ~10 ms from where the car will be; A: 9 ms probe, right where it will be.
    const car = { popId: 'pop-muc', lat: 48.0, lon: 11.0, speedMps: 30, headingDeg: 90 };
    const a = site('a', { lat: 48.0, lon: 11.012, rttMs: new Map([['pop-muc', 9]]) });
    const b = site('b', { lat: 48.0, lon: 11.0 + 560 / 74.4, rttMs: new Map([['pop-muc', 5]]) });
    const fleet = new Fleet([a, b]);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000 });
    const r = req({ location: car });
    const rttOnly = ctx({ keep: 1, weights: { rtt: 1, cost: 0, load: 0, errors: 0 } });
    expect(route(fleet.all(), r, rttOnly).ranked[0]?.site.siteId).toBe('a');
    expect(index.route(r, rttOnly).ranked[0]?.site.siteId).toBe('a');
  });

  it('keeps the reserve for high priority: low priority may not take a site’s last slots', () => {
    const s = site('s', { slotsTotal: 10, slotsFree: 1 });
    const fleet = new Fleet([s]);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000 });
    const reserve = { fraction: 0.1, minPriority: 5 };
    const low = index.route(req({ priority: 0 }), ctx({ reserve }));
    expect(low.ranked).toHaveLength(0);
    expect(low.rejected).toEqual({ reserve: 1 });
    expect(low.visited).toBe(1);
    expect(index.route(req({ priority: 7 }), ctx({ reserve })).ranked[0]?.site.siteId).toBe('s');
    s.slotsFree = 2;
    expect(index.route(req({ priority: 0 }), ctx({ reserve })).ranked[0]?.site.siteId).toBe('s');
  });

  it('fails open over the whole fleet when no site is online, as route() does', () => {
    const fleet = new Fleet([site('stale', { state: 'degraded' })]);
    const index = new RouteIndex(fleet, { pops, geoPathFactor: 1.6, refreshMs: 1000 });
    const r = index.route(req(), ctx());
    expect(r.status).toBe('fail_open_stale_telemetry');
    expect(r.ranked[0]?.site.siteId).toBe('stale');
  });
});
