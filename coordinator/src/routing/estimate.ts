import type { Site } from '../fleet/site.js';
import { geoRttMs, haversineKm } from './geo.js';

export interface CallerLocation {
  popId?: string;
  lat?: number;
  lon?: number;
}

export type RttSource = 'probe' | 'geo' | 'none';

/**
 * RTT from the caller's attachment point to the site: the site's smoothed probe to the
 * caller's PoP when there is one (network path, as EDGEAPP/CAMARA discovery prefers), else
 * distance over fiber from the PoP's or the caller's coordinates.
 */
export function estimateRtt(
  site: Site,
  loc: CallerLocation,
  pops: ReadonlyMap<string, { lat: number; lon: number }>,
  pathFactor: number,
): { rttMs: number; source: RttSource } {
  if (loc.popId) {
    const probed = site.rttMs.get(loc.popId);
    if (probed !== undefined) return { rttMs: probed, source: 'probe' };
    const pop = pops.get(loc.popId);
    if (pop) return { rttMs: geoRttMs(haversineKm(pop.lat, pop.lon, site.lat, site.lon), pathFactor), source: 'geo' };
  }
  if (loc.lat !== undefined && loc.lon !== undefined) {
    return { rttMs: geoRttMs(haversineKm(loc.lat, loc.lon, site.lat, site.lon), pathFactor), source: 'geo' };
  }
  return { rttMs: Number.NaN, source: 'none' };
}
