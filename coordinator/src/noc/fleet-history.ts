import type { Site } from '../fleet/site.js';
import type { ModelComputeSeen } from '../fleet/site-compute.js';
import { siteIsUp } from '../metrics.js';
import { DEFAULT_COMPUTE_SLO_MS, LatencyAcc, type LatencyFigures } from './fleet-latency.js';
import {
  DEFAULT_VEHICLE_SLO_MS,
  VehicleAcc,
  type VehicleFigures,
  type VehicleLatency,
} from './vehicle-latency.js';

/**
 * One sample of a group of sites (the fleet, a region or an accelerator profile). The compute
 * latency figures are the fleet's and each region's; a profile's are null (a site reports its
 * compute per model, not per accelerator).
 */
export interface FleetPoint extends LatencyFigures, VehicleFigures {
  t: number;
  /** Sites that answer (online, degraded, draining) with accelerators in the group. */
  sitesUp: number;
  slotsTotal: number;
  /** Slots holding a lease (total − free) at those sites. */
  slotsBusy: number;
  /** Mean accelerator utilization 0..1 as the sites' tools report it; null when none reported. */
  utilization: number | null;
}

export type FleetGrouping = 'fleet' | 'region' | 'profile';

interface Acc {
  sitesUp: number;
  slotsTotal: number;
  slotsBusy: number;
  utilSum: number;
  utilN: number;
  latency: LatencyAcc;
  vehicles: VehicleAcc;
}

const empty = (): Acc => ({
  sitesUp: 0,
  slotsTotal: 0,
  slotsBusy: 0,
  utilSum: 0,
  utilN: 0,
  latency: new LatencyAcc(),
  vehicles: new VehicleAcc(),
});

/**
 * The fleet over time for the NOC's fleet views: every `intervalMs`, the sites that answer are
 * summed per group — the whole fleet, each region, each accelerator profile (the coordinator's,
 * from the hardware resolution) — into a bounded ring per group (`points` per group; 360 × 10 s =
 * the last hour). Offline sites add nothing: a group with none up is a point with no utilization,
 * shown as "no data", never as 0 %. Latency comes from the sites' compute reports not taken by an
 * earlier sample (fleet-latency.ts), judged against `sloMs`; the vehicles' own end-to-end latency
 * from what their SDKs reported since the last sample (vehicle-latency.ts), per region of the site
 * they measured, judged against `vehicleSloMs`.
 */
export class FleetHistory {
  private readonly rings = new Map<string, FleetPoint[]>();
  private timer: NodeJS.Timeout | undefined;
  /** Per site and model, the request count when its report was last taken: each report counts once. */
  private taken = new Map<string, number>();

  constructor(
    private readonly sites: () => Iterable<Site>,
    readonly points = 360,
    readonly sloMs = DEFAULT_COMPUTE_SLO_MS,
    private readonly vehicles?: Pick<VehicleLatency, 'drain'>,
    readonly vehicleSloMs = DEFAULT_VEHICLE_SLO_MS,
  ) {}

  start(intervalMs: number): void {
    this.sample(Date.now());
    this.timer = setInterval(() => this.sample(Date.now()), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  sample(t: number): void {
    const groups = new Map<string, Acc>([['fleet', empty()]]);
    const taken = new Map<string, number>();
    const add = (
      key: string,
      slotsTotal: number,
      slotsFree: number,
      util: number[],
      reports: ModelComputeSeen[] = [],
    ) => {
      const g = groups.get(key) ?? empty();
      g.latency.add(reports, this.sloMs);
      g.sitesUp++;
      g.slotsTotal += slotsTotal;
      g.slotsBusy += Math.max(0, slotsTotal - slotsFree);
      for (const u of util) {
        g.utilSum += u;
        g.utilN++;
      }
      groups.set(key, g);
    };
    const measured = this.vehicles?.drain();
    for (const s of this.sites()) {
      const counts = measured?.get(s.siteId);
      if (counts) {
        // Measured by vehicles whatever the site's state now: the site's region, and the fleet.
        for (const key of ['fleet', `region:${s.region}`]) {
          const g = groups.get(key) ?? empty();
          g.vehicles.add(counts);
          groups.set(key, g);
        }
      }
      const reports = this.freshReports(s, taken);
      if (!siteIsUp(s.state)) continue;
      const utils = s.accelerators
        .map((a) => a.utilization_pct ?? -1)
        .filter((u) => u >= 0)
        .map((u) => u / 100);
      add('fleet', s.slotsTotal, s.slotsFree, utils, reports);
      add(`region:${s.region}`, s.slotsTotal, s.slotsFree, utils, reports);
      const byProfile = new Map<string, { total: number; free: number; util: number[] }>();
      for (const a of s.accelerators) {
        const id = a.profile_id || 'unknown';
        const p = byProfile.get(id) ?? { total: 0, free: 0, util: [] };
        p.total += a.slots_total ?? 0;
        p.free += a.slots_free ?? 0;
        if ((a.utilization_pct ?? -1) >= 0) p.util.push((a.utilization_pct ?? 0) / 100);
        byProfile.set(id, p);
      }
      for (const [id, p] of byProfile) add(`profile:${id}`, p.total, p.free, p.util);
    }
    this.taken = taken;
    for (const key of new Set([...groups.keys(), ...this.rings.keys()])) {
      const g = groups.get(key) ?? empty();
      const ring = this.rings.get(key) ?? [];
      ring.push({
        t,
        sitesUp: g.sitesUp,
        slotsTotal: g.slotsTotal,
        slotsBusy: g.slotsBusy,
        utilization: g.utilN > 0 ? Math.round((g.utilSum / g.utilN) * 10_000) / 10_000 : null,
        ...g.latency.figures(),
        ...g.vehicles.figures(this.vehicleSloMs),
      });
      if (ring.length > this.points) ring.splice(0, ring.length - this.points);
      this.rings.set(key, ring);
    }
  }

  /**
   * The site's compute reports not taken before (a model whose request count moved since the last
   * sample), noting every model's count in `next`. A simulated backend (a sleep) is no compute.
   */
  private freshReports(s: Site, next: Map<string, number>): ModelComputeSeen[] {
    const out: ModelComputeSeen[] = [];
    for (const m of Object.values(s.compute.models)) {
      const key = `${s.siteId}\u0000${m.model}`;
      next.set(key, m.totalRequests);
      if (!s.compute.simulated && m.requests > 0 && this.taken.get(key) !== m.totalRequests)
        out.push(m);
    }
    return out;
  }

  /** Oldest first, per group of the grouping (`fleet`, or each region / profile by name). */
  series(by: FleetGrouping): { key: string; points: FleetPoint[] }[] {
    const prefix = by === 'fleet' ? 'fleet' : `${by}:`;
    return [...this.rings]
      .filter(([key]) => (by === 'fleet' ? key === 'fleet' : key.startsWith(prefix)))
      .map(([key, points]) => ({ key: by === 'fleet' ? key : key.slice(prefix.length), points }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}
