import type { LocationSpec } from '../types.js';

/** Where the virtual vehicles are: spread over PoPs, or driving inside a lat/lon box. */
export type Topology =
  | { kind: 'pops'; pops: readonly string[] }
  | {
      kind: 'box';
      latMin: number;
      lonMin: number;
      latMax: number;
      lonMax: number;
      speedMps: number;
    };

const M_PER_DEG_LAT = 111_320;
/** Longest step of the motion model; longer gaps are walked in steps so edge reflections stay right. */
const MAX_STEP_S = 1;

/**
 * One vehicle's position over time. With PoPs, vehicle i attaches to PoP i mod n and stays there.
 * In a box, it starts at a random point with a random heading and drives straight at the given
 * speed, bouncing off the box edges (flat-earth steps: the box is meant to be a city or a region,
 * not a hemisphere; it must not cross the antimeridian).
 */
export class VehiclePath {
  private lat = 0;
  private lon = 0;
  private heading = 0;
  private atMs: number;

  constructor(
    private readonly topology: Topology,
    private readonly index: number,
    rnd: () => number,
    startMs: number,
  ) {
    this.atMs = startMs;
    if (topology.kind === 'box') {
      this.lat = topology.latMin + rnd() * (topology.latMax - topology.latMin);
      this.lon = topology.lonMin + rnd() * (topology.lonMax - topology.lonMin);
      this.heading = rnd() * 360;
    }
  }

  /** The attachment to send with an acquire at `nowMs` (moves the vehicle there first). */
  locationAt(nowMs: number): LocationSpec {
    const t = this.topology;
    if (t.kind === 'pops') return { popId: t.pops[this.index % t.pops.length] ?? '' };
    this.advance(nowMs);
    const at = { lat: round6(this.lat), lon: round6(this.lon) };
    return t.speedMps > 0
      ? { ...at, speedMps: t.speedMps, headingDeg: Math.round(this.heading * 10) / 10 }
      : at;
  }

  private advance(nowMs: number): void {
    const t = this.topology;
    if (t.kind !== 'box') return;
    let left = Math.max(0, (nowMs - this.atMs) / 1000);
    this.atMs = Math.max(this.atMs, nowMs);
    while (left > 0 && t.speedMps > 0) {
      const dt = Math.min(MAX_STEP_S, left);
      left -= dt;
      const rad = (this.heading * Math.PI) / 180;
      const dist = t.speedMps * dt;
      this.lat += (dist * Math.cos(rad)) / M_PER_DEG_LAT;
      this.lon +=
        (dist * Math.sin(rad)) /
        (M_PER_DEG_LAT * Math.max(0.01, Math.cos((this.lat * Math.PI) / 180)));
      // Bounce: mirror the position into the box and the heading's component across the edge.
      if (this.lat > t.latMax || this.lat < t.latMin) {
        this.lat = clamp(
          this.lat > t.latMax ? 2 * t.latMax - this.lat : 2 * t.latMin - this.lat,
          t.latMin,
          t.latMax,
        );
        this.heading = 180 - this.heading;
      }
      if (this.lon > t.lonMax || this.lon < t.lonMin) {
        this.lon = clamp(
          this.lon > t.lonMax ? 2 * t.lonMax - this.lon : 2 * t.lonMin - this.lon,
          t.lonMin,
          t.lonMax,
        );
        this.heading = -this.heading;
      }
      this.heading = ((this.heading % 360) + 360) % 360;
    }
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** A small deterministic generator (Park–Miller), so a seed reproduces the same vehicle layout. */
export function seededRandom(seed: number): () => number {
  let s = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}
