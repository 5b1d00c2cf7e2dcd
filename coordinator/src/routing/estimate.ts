import type { Site } from '../fleet/site.js';
import { destination, geoRttMs, haversineKm } from './geo.js';

export interface CallerLocation {
  popId?: string;
  lat?: number;
  lon?: number;
  /** Motion (with lat/lon): the router also scores RTT at the position `lookaheadS` ahead. */
  speedMps?: number;
  headingDeg?: number;
}

/** Where a moving caller will be after `seconds` (undefined when it is not moving or has no coordinates). */
export function positionAhead(
  loc: CallerLocation,
  seconds: number,
): { lat: number; lon: number } | undefined {
  if (
    loc.lat === undefined ||
    loc.lon === undefined ||
    !loc.speedMps ||
    loc.speedMps <= 0 ||
    loc.headingDeg === undefined
  )
    return undefined;
  return destination(loc.lat, loc.lon, loc.headingDeg, (loc.speedMps * seconds) / 1000);
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
    if (pop)
      return {
        rttMs: geoRttMs(haversineKm(pop.lat, pop.lon, site.lat, site.lon), pathFactor),
        source: 'geo',
      };
  }
  if (loc.lat !== undefined && loc.lon !== undefined) {
    return {
      rttMs: geoRttMs(haversineKm(loc.lat, loc.lon, site.lat, site.lon), pathFactor),
      source: 'geo',
    };
  }
  return { rttMs: Number.NaN, source: 'none' };
}
