import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoGraticule10, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The NOC map's basemap: Natural Earth 1:110m country outlines (public domain, from the world-atlas
 * package) projected once on the server with d3-geo's Equal Earth and sent as SVG path strings, so
 * the page needs no bundler, no tiles and no network beyond its coordinator. The projection's
 * parameters travel alongside: the page projects site coordinates with the same formula
 * (static/projection.js) and its points land on these outlines.
 */
export interface Basemap {
  width: number;
  height: number;
  projection: { name: 'equalEarth'; scale: number; translate: [number, number] };
  sphere: string;
  graticule: string;
  countries: { id: string; name: string; d: string }[];
}

export const BASEMAP_WIDTH = 1000;
export const BASEMAP_HEIGHT = 486;
const MARGIN = 6;

/** The 1:110m countries TopoJSON as world-atlas ships it. */
function countriesTopology(): Topology<{ countries: GeometryCollection<{ name: string }> }> {
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
}

export function buildBasemap(): Basemap {
  const topo = countriesTopology();
  const countries = feature(topo, topo.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  const projection = geoEqualEarth().fitExtent(
    [
      [MARGIN, MARGIN],
      [BASEMAP_WIDTH - MARGIN, BASEMAP_HEIGHT - MARGIN],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection).digits(1);
  const [tx, ty] = projection.translate();
  return {
    width: BASEMAP_WIDTH,
    height: BASEMAP_HEIGHT,
    projection: { name: 'equalEarth', scale: projection.scale(), translate: [tx, ty] },
    sphere: path({ type: 'Sphere' }) ?? '',
    graticule: path(geoGraticule10()) ?? '',
    countries: countries.features
      .map((f: Feature<Geometry, { name: string }>) => ({
        id: String(f.id ?? ''),
        name: f.properties.name,
        d: path(f) ?? '',
      }))
      .filter((c) => c.d !== ''),
  };
}
