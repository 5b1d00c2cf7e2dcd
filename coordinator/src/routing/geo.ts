const EARTH_RADIUS_KM = 6371;
/** Light in fiber covers about 200 km per millisecond (refractive index ≈ 1.47). */
export const FIBER_KM_PER_MS = 200;
/** Per-round-trip processing and access overhead added to the fiber time. */
export const BASE_RTT_MS = 0.5;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Round-trip estimate over fiber whose path is `pathFactor` times the great-circle distance. */
export function geoRttMs(km: number, pathFactor: number): number {
  return BASE_RTT_MS + (2 * km * pathFactor) / FIBER_KM_PER_MS;
}

/** The point `km` along `headingDeg` (0 = north) from (lat, lon), on a sphere. */
export function destination(
  lat: number,
  lon: number,
  headingDeg: number,
  km: number,
): { lat: number; lon: number } {
  const toRad = Math.PI / 180;
  const d = km / EARTH_RADIUS_KM;
  const th = headingDeg * toRad;
  const p1 = lat * toRad;
  const l1 = lon * toRad;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th));
  const l2 =
    l1 +
    Math.atan2(
      Math.sin(th) * Math.sin(d) * Math.cos(p1),
      Math.cos(d) - Math.sin(p1) * Math.sin(p2),
    );
  return { lat: p2 / toRad, lon: ((l2 / toRad + 540) % 360) - 180 };
}
