import { describe, expect, it } from 'vitest';
import { VehiclePath, seededRandom, type Topology } from './topology.js';

const box: Topology = {
  kind: 'box',
  latMin: 48.0,
  lonMin: 11.4,
  latMax: 48.2,
  lonMax: 11.7,
  speedMps: 30,
};

describe('VehiclePath', () => {
  it('spreads vehicles over the PoPs round-robin, without motion', () => {
    const t: Topology = { kind: 'pops', pops: ['pop-fra', 'pop-muc'] };
    const rnd = seededRandom(1);
    expect([0, 1, 2].map((i) => new VehiclePath(t, i, rnd, 0).locationAt(5_000))).toEqual([
      { popId: 'pop-fra' },
      { popId: 'pop-muc' },
      { popId: 'pop-fra' },
    ]);
  });

  it('drives inside the box at the given speed, sends speed and heading, and bounces off the edges', () => {
    const rnd = seededRandom(7);
    const paths = Array.from({ length: 20 }, (_, i) => new VehiclePath(box, i, rnd, 0));
    const start = paths.map(
      (p) => p.locationAt(0) as { lat: number; lon: number; speedMps: number; headingDeg: number },
    );
    let moved = 0;
    const headings = paths.map(() => new Set<number>());
    for (let t = 1; t <= 3_600; t += 37) {
      for (const [i, p] of paths.entries()) {
        const l = p.locationAt(t * 1000) as {
          lat: number;
          lon: number;
          speedMps: number;
          headingDeg: number;
        };
        expect(l.lat).toBeGreaterThanOrEqual(48.0);
        expect(l.lat).toBeLessThanOrEqual(48.2);
        expect(l.lon).toBeGreaterThanOrEqual(11.4);
        expect(l.lon).toBeLessThanOrEqual(11.7);
        expect(l.speedMps).toBe(30);
        expect(l.headingDeg).toBeGreaterThanOrEqual(0);
        expect(l.headingDeg).toBeLessThanOrEqual(360);
        if (l.lat !== start[i]?.lat) moved++;
        headings[i]?.add(l.headingDeg);
      }
    }
    expect(moved).toBeGreaterThan(0);
    // 30 m/s for an hour is 108 km: far more than the 22 km box, so every vehicle has turned at an edge.
    expect(headings.every((h) => h.size >= 2)).toBe(true);
  });

  it('moves the distance speed × time (straight, away from edges)', () => {
    const big: Topology = {
      kind: 'box',
      latMin: 40,
      lonMin: 0,
      latMax: 60,
      lonMax: 20,
      speedMps: 25,
    };
    const p = new VehiclePath(big, 0, seededRandom(3), 0);
    const a = p.locationAt(0) as { lat: number; lon: number };
    const b = p.locationAt(10_000) as { lat: number; lon: number };
    const dy = (b.lat - a.lat) * 111_320;
    const dx = (b.lon - a.lon) * 111_320 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
    expect(Math.hypot(dx, dy)).toBeCloseTo(250, -1);
  });

  it('a box with speed 0 parks the vehicles and sends no motion', () => {
    const p = new VehiclePath({ ...box, speedMps: 0 }, 0, seededRandom(1), 0);
    const a = p.locationAt(0);
    expect(p.locationAt(60_000)).toEqual(a);
    expect(a).not.toHaveProperty('speedMps');
  });

  it('the same seed gives the same layout', () => {
    const a = new VehiclePath(box, 0, seededRandom(42), 0).locationAt(1_000);
    const b = new VehiclePath(box, 0, seededRandom(42), 0).locationAt(1_000);
    expect(a).toEqual(b);
  });
});
