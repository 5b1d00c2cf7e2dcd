import { LATENCY_BUCKET_COUNT, latencyBucket } from '@edgefleet/proto';

/** One site's report as Renew and Release carry it (SiteLatency in lease.proto). */
export interface SiteLatencyReport {
  site_id: string;
  bucket_counts: number[];
}

/**
 * The latency this client measured of its answered requests (send → answer), counted per site in
 * the protocol's buckets until the next Renew or Release carries them to the coordinator, whose NOC
 * shows them per region beside what the sites measure of their compute. A report that could not be
 * sent is put back and goes with the next one.
 */
export class LatencyReport {
  private counts = new Map<string, number[]>();

  add(siteId: string, latencyMs: number): void {
    if (!siteId || !Number.isFinite(latencyMs) || latencyMs < 0) return;
    let c = this.counts.get(siteId);
    if (!c) {
      c = Array<number>(LATENCY_BUCKET_COUNT).fill(0);
      this.counts.set(siteId, c);
    }
    const i = latencyBucket(latencyMs);
    c[i] = (c[i] ?? 0) + 1;
  }

  /** Everything counted so far (then nothing is pending). */
  take(): SiteLatencyReport[] {
    const out = [...this.counts].map(([site_id, bucket_counts]) => ({ site_id, bucket_counts }));
    this.counts = new Map();
    return out;
  }

  /** Reports whose call failed: counted again, to go with the next one. */
  putBack(reports: readonly SiteLatencyReport[]): void {
    for (const r of reports) {
      const c = this.counts.get(r.site_id) ?? Array<number>(LATENCY_BUCKET_COUNT).fill(0);
      r.bucket_counts.forEach((n, i) => (c[i] = (c[i] ?? 0) + n));
      this.counts.set(r.site_id, c);
    }
  }
}
