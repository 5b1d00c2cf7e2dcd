import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { geoEqualEarth } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { buildBasemap } from './basemap.js';

type Project = (lon: number, lat: number) => [number, number];

/** The page's projection script, run as the browser runs it (a plain script defining a global). */
function browserProjection(scale: number, translate: [number, number]): Project {
  const src = readFileSync(new URL('./static/projection.js', import.meta.url), 'utf8');
  const ctx: { EdgefleetProjection?: { equalEarth(s: number, t: [number, number]): Project } } = {};
  runInNewContext(src, { globalThis: ctx });
  if (!ctx.EdgefleetProjection) throw new Error('projection.js defined no EdgefleetProjection');
  return ctx.EdgefleetProjection.equalEarth(scale, translate);
}

describe('NOC basemap', () => {
  const map = buildBasemap();

  it('holds the Natural Earth 1:110m countries as SVG paths inside its frame', () => {
    expect(map.countries.length).toBeGreaterThan(150);
    const names = map.countries.map((c) => c.name);
    for (const n of ['Germany', 'Brazil', 'Japan', 'Australia']) expect(names).toContain(n);
    for (const c of map.countries) expect(c.d).toMatch(/^M[-\d.]+,[-\d.]+/);
    const nums = map.countries.flatMap((c) => (c.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number));
    expect(Math.min(...nums)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...nums)).toBeLessThanOrEqual(map.width);
    expect(map.sphere).not.toBe('');
    expect(map.graticule).not.toBe('');
  });

  it("puts a site where d3-geo puts it: the page's projection matches the server's", () => {
    const d3 = geoEqualEarth().scale(map.projection.scale).translate(map.projection.translate);
    const page = browserProjection(map.projection.scale, map.projection.translate);
    for (const [lon, lat] of [
      [13.4, 52.52],
      [-122.42, 37.77],
      [151.21, -33.87],
      [0, 0],
      [179.9, 85],
      [-179.9, -85],
    ] as const) {
      const want = d3([lon, lat]) ?? [NaN, NaN];
      const got = page(lon, lat);
      expect(got[0]).toBeCloseTo(want[0], 6);
      expect(got[1]).toBeCloseTo(want[1], 6);
    }
  });

  it("draws Berlin inside Germany's outline box", () => {
    const page = browserProjection(map.projection.scale, map.projection.translate);
    const [x, y] = page(13.4, 52.52);
    const de = map.countries.find((c) => c.name === 'Germany');
    const nums = (de?.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const xs = nums.filter((_, i) => i % 2 === 0);
    const ys = nums.filter((_, i) => i % 2 === 1);
    expect(x).toBeGreaterThan(Math.min(...xs));
    expect(x).toBeLessThan(Math.max(...xs));
    expect(y).toBeGreaterThan(Math.min(...ys));
    expect(y).toBeLessThan(Math.max(...ys));
  });
});
