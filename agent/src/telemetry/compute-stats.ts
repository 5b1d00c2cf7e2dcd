import type { edgefleet } from '@edgefleet/proto';

/** Samples kept per model per interval for the percentiles; the count and the max see every request. */
export const MAX_SAMPLES_PER_MODEL = 4096;

interface Window {
  requests: number;
  maxMs: number;
  samples: number[];
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/**
 * The site's measured compute per model between two telemetry reports: every metered request's
 * backend run time (for ONNX Runtime the session.run call, not the queue), summarised as count,
 * p50, p95 and max per model when the reporter drains it. Which backend it is and where it computes
 * (cpu, cuda) travel with the figures, so the NOC never shows a simulated sleep as real compute.
 */
export class ComputeStats {
  private windows = new Map<string, Window>();
  private since: number;

  constructor(
    private readonly backend: { kind: string; executionProvider?: string },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.since = now();
  }

  record(model: string, computeMs: number): void {
    if (!Number.isFinite(computeMs) || computeMs < 0) return;
    let w = this.windows.get(model);
    if (!w) this.windows.set(model, (w = { requests: 0, maxMs: 0, samples: [] }));
    // Past the cap, overwrite in a ring: the percentiles stay those of the interval's latest runs.
    if (w.samples.length < MAX_SAMPLES_PER_MODEL) w.samples.push(computeMs);
    else w.samples[w.requests % MAX_SAMPLES_PER_MODEL] = computeMs;
    w.requests++;
    w.maxMs = Math.max(w.maxMs, computeMs);
  }

  /** Each model's median since the previous drain (only models that ran), leaving the interval as it is. */
  peek(): { model: string; p50_ms: number }[] {
    return [...this.windows].map(([model, w]) => ({
      model,
      p50_ms: percentile(
        [...w.samples].sort((a, b) => a - b),
        50,
      ),
    }));
  }

  /** The figures since the previous drain (only models that ran), and a fresh interval. */
  drain(): edgefleet.v1.IInferenceCompute {
    const now = this.now();
    const models = [...this.windows].map(([model, w]) => {
      const sorted = [...w.samples].sort((a, b) => a - b);
      return {
        model,
        requests: w.requests,
        p50_ms: percentile(sorted, 50),
        p95_ms: percentile(sorted, 95),
        max_ms: w.maxMs,
      };
    });
    const intervalMs = Math.max(0, Math.round(now - this.since));
    this.windows = new Map();
    this.since = now;
    return {
      backend: this.backend.kind,
      execution_provider: this.backend.executionProvider ?? '',
      interval_ms: intervalMs,
      models,
    };
  }
}
