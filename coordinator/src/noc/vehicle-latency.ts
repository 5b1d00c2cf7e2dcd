import {
  LATENCY_BUCKET_COUNT,
  bucketQuantile,
  bucketsAbove,
  type edgefleet,
} from '@edgefleet/proto';

/** The vehicles' SLO by default: an answer within 10 ms of sending the request. */
export const DEFAULT_VEHICLE_SLO_MS = 10;
/** One report's requests per site at most (more is not a vehicle's count of a few seconds). */
const MAX_REPORT_REQUESTS = 1_000_000;

/**
 * What vehicles measured of their requests, end to end (send → answer: network, queueing and
 * compute), as the SDK reports it with each Renew and Release (SiteLatency in lease.proto): counts
 * per latency bucket, summed per site until the fleet history takes them (drain). A report that is
 * not the right shape (wrong number of buckets, a count out of range) is dropped whole.
 */
export class VehicleLatency {
  private pending = new Map<string, number[]>();

  /** Adds reports; `allowed` says which sites the caller may report on (its hold's). Returns how many were taken. */
  record(
    reports: readonly edgefleet.v1.ISiteLatency[],
    allowed: (siteId: string) => boolean,
  ): number {
    let taken = 0;
    for (const r of reports) {
      const siteId = r.site_id ?? '';
      const counts = r.bucket_counts ?? [];
      if (!siteId || counts.length !== LATENCY_BUCKET_COUNT || !allowed(siteId)) continue;
      let total = 0;
      let ok = true;
      for (const c of counts) {
        if (!Number.isInteger(c) || c < 0) ok = false;
        total += c;
      }
      if (!ok || total === 0 || total > MAX_REPORT_REQUESTS) continue;
      const sum = this.pending.get(siteId) ?? Array<number>(LATENCY_BUCKET_COUNT).fill(0);
      for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) sum[i] = (sum[i] ?? 0) + (counts[i] ?? 0);
      this.pending.set(siteId, sum);
      taken++;
    }
    return taken;
  }

  /** The counts per site since the last drain (then empty). */
  drain(): Map<string, number[]> {
    const out = this.pending;
    this.pending = new Map();
    return out;
  }
}

/** A group's vehicle-measured latency in one fleet-history sample; null figures when none was reported. */
export interface VehicleFigures {
  vehicleRequests: number;
  vehicleP50Ms: number | null;
  vehicleP95Ms: number | null;
  /** Share of those requests answered slower than the vehicle SLO (0..1), at bucket precision. */
  vehicleSloMissRate: number | null;
}

/** Sums bucketed counts of one group (the fleet or a region) into its figures. */
export class VehicleAcc {
  private readonly counts = Array<number>(LATENCY_BUCKET_COUNT).fill(0);

  add(counts: readonly number[]): void {
    for (let i = 0; i < LATENCY_BUCKET_COUNT; i++)
      this.counts[i] = (this.counts[i] ?? 0) + (counts[i] ?? 0);
  }

  figures(sloMs: number): VehicleFigures {
    const n = this.counts.reduce((a, b) => a + b, 0);
    const r = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1000) / 1000);
    return {
      vehicleRequests: n,
      vehicleP50Ms: r(bucketQuantile(this.counts, 0.5)),
      vehicleP95Ms: r(bucketQuantile(this.counts, 0.95)),
      vehicleSloMissRate:
        n > 0 ? Math.round((bucketsAbove(this.counts, sloMs) / n) * 10_000) / 10_000 : null,
    };
  }
}
