/**
 * Upper bounds (ms) of the latency buckets a caller reports per site (SiteLatency.bucket_counts in
 * lease.proto): a request whose latency is at most LATENCY_BUCKETS_MS[i] (and above the bound before)
 * counts in bucket i; one more bucket, the last, holds everything above 1000 ms.
 */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;

/** How many counts a SiteLatency carries: one per bound and one for above the last. */
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKETS_MS.length + 1;

/** The bucket a latency falls in (0 … LATENCY_BUCKET_COUNT − 1). */
export function latencyBucket(ms: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++)
    if (ms <= (LATENCY_BUCKETS_MS[i] as number)) return i;
  return LATENCY_BUCKETS_MS.length;
}

/**
 * The latency at quantile q (0..1) of bucketed counts, interpolated linearly inside its bucket as
 * Prometheus' histogram_quantile does (the first bucket from 0); in the last, open bucket it is the
 * last bound (at least that much). Undefined when the counts hold no request.
 */
export function bucketQuantile(counts: readonly number[], q: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  const rank = Math.min(1, Math.max(0, q)) * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && seen + c >= rank) {
      const hi = LATENCY_BUCKETS_MS[i];
      if (hi === undefined) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      const lo = i === 0 ? 0 : (LATENCY_BUCKETS_MS[i - 1] as number);
      return lo + (hi - lo) * ((rank - seen) / c);
    }
    seen += c;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}

/**
 * Of bucketed counts, the requests certainly slower than `sloMs`: those in buckets wholly above it
 * (exact when the SLO is one of the bounds, as the default 10 ms is).
 */
export function bucketsAbove(counts: readonly number[], sloMs: number): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) {
    const lo = i === 0 ? 0 : (LATENCY_BUCKETS_MS[i - 1] as number);
    if (lo >= sloMs) n += counts[i] ?? 0;
  }
  return n;
}
