import type { FleetRegistry } from '../fleet/registry.js';
import type { Site } from '../fleet/site.js';

export interface TelemetryPoint {
  t: number;
  utilization: number;
  powerW: number;
  /** Best smoothed RTT to any PoP (ms); null when the site reports no probes. */
  rttMs: number | null;
  slotsFree: number;
  activeLeases: number;
  outboxDepth: number;
}

const FIELDS = 6;

/** One site's ring: timestamps in a Float64Array, the rest packed in a Float32Array (10,000 sites × 120 points ≈ 34 MB). */
class Ring {
  readonly t: Float64Array;
  readonly v: Float32Array;
  head = 0;
  size = 0;
  constructor(readonly cap: number) {
    this.t = new Float64Array(cap);
    this.v = new Float32Array(cap * FIELDS);
  }
}

/**
 * A small per-site ring buffer of recent telemetry samples for the NOC charts. The registry keeps
 * only the latest values, so a sampler records every site whose telemetry advanced since the last
 * sample (at most one point per site per tick).
 */
export class TelemetryHistory {
  private readonly rings = new Map<string, Ring>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: FleetRegistry,
    readonly pointsPerSite = 120,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.sampleAll(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  sampleAll(): void {
    for (const s of this.registry.all()) this.sample(s);
  }

  sample(s: Site): void {
    if (s.lastTelemetryMs === 0) return;
    let r = this.rings.get(s.siteId);
    if (!r) {
      r = new Ring(this.pointsPerSite);
      this.rings.set(s.siteId, r);
    }
    const lastIdx = (r.head - 1 + r.cap) % r.cap;
    if (r.size > 0 && r.t[lastIdx] === s.lastTelemetryMs) return;
    let rtt = Number.NaN;
    for (const v of s.rttMs.values()) if (Number.isNaN(rtt) || v < rtt) rtt = v;
    r.t[r.head] = s.lastTelemetryMs;
    const o = r.head * FIELDS;
    r.v[o] = s.utilization;
    r.v[o + 1] = s.sitePowerW;
    r.v[o + 2] = rtt;
    r.v[o + 3] = s.slotsFree;
    r.v[o + 4] = s.activeLeases;
    r.v[o + 5] = s.outboxDepth;
    r.head = (r.head + 1) % r.cap;
    r.size = Math.min(r.cap, r.size + 1);
  }

  /** Oldest first. */
  points(siteId: string): TelemetryPoint[] {
    const r = this.rings.get(siteId);
    if (!r) return [];
    const out: TelemetryPoint[] = [];
    for (let i = 0; i < r.size; i++) {
      const idx = (r.head - r.size + i + r.cap) % r.cap;
      const o = idx * FIELDS;
      const rtt = r.v[o + 2] as number;
      out.push({
        t: r.t[idx] as number,
        utilization: round(r.v[o] as number, 4),
        powerW: round(r.v[o + 1] as number, 1),
        rttMs: Number.isNaN(rtt) ? null : round(rtt, 3),
        slotsFree: r.v[o + 3] as number,
        activeLeases: r.v[o + 4] as number,
        outboxDepth: r.v[o + 5] as number,
      });
    }
    return out;
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
