import type { QueueOutcome, QueueOutcomeEvent, QueueSnapshot } from '../leases/acquire-queue.js';
import { ACQUIRE_QUEUE_OUTCOMES as QUEUE_OUTCOMES } from '../metrics.js';

export type OutcomeCounts = Record<QueueOutcome, number>;

/** Wait-time percentiles (ms) of the granted requests; null: none was granted (no data). */
export interface WaitFigures {
  granted: number;
  waitP50Ms: number | null;
  waitP95Ms: number | null;
  waitP99Ms: number | null;
  waitMaxMs: number | null;
}

/** One minute of the queue: how many left it and how, and how long the granted ones waited. */
export interface QueuePoint extends WaitFigures {
  /** The minute's start (ms). */
  t: number;
  outcomes: OutcomeCounts;
}

/** GET /api/v1/fleet/queue: the queue now and over the last hour. */
export interface QueueView {
  /** false until a request has waited in the queue (or been refused by it) on this replica. */
  used: boolean;
  now: QueueSnapshot | null;
  bucketMs: number;
  /** The last hour (from the first use on), one point a minute, oldest first. */
  points: QueuePoint[];
  /** Over those points together. */
  hour: WaitFigures & { outcomes: OutcomeCounts };
}

interface Bucket {
  t: number;
  outcomes: OutcomeCounts;
  granted: number;
  /** Waits of granted requests (ms); at most `maxSamples`, a uniform sample beyond. */
  waits: number[];
}

const zero = (): OutcomeCounts => ({
  granted: 0,
  timeout: 0,
  full: 0,
  no_site: 0,
  cancelled: 0,
  abandoned: 0,
  error: 0,
});

/** The nearest-rank percentile of ascending `sorted` (q in 0..1). */
function rank(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

function figures(granted: number, waits: number[]): WaitFigures {
  if (waits.length === 0)
    return { granted, waitP50Ms: null, waitP95Ms: null, waitP99Ms: null, waitMaxMs: null };
  const sorted = waits.slice().sort((a, b) => a - b);
  return {
    granted,
    waitP50Ms: rank(sorted, 0.5),
    waitP95Ms: rank(sorted, 0.95),
    waitP99Ms: rank(sorted, 0.99),
    waitMaxMs: sorted[sorted.length - 1] ?? null,
  };
}

/**
 * The acquire queue over time for the NOC's queue view: every request that leaves the queue
 * (AcquireQueue.onOutcome) is counted in its minute, and a granted one's wait kept for the
 * percentiles; `buckets` minutes are kept (60 = the last hour). The waiting customers come from
 * the queue itself (`follow`). The queue is this replica's: each replica has its own.
 */
export class QueueHistory {
  private readonly ring: Bucket[] = [];
  private source: (() => QueueSnapshot) | undefined;
  private firstUseMs: number | undefined;

  constructor(
    readonly bucketMs = 60_000,
    readonly buckets = 60,
    private readonly maxSamples = 2000,
    private readonly random: () => number = Math.random,
  ) {}

  /** Takes the queue's outcomes from now on, and its waiting customers on each view. */
  follow(queue: {
    onOutcome(fn: (e: QueueOutcomeEvent) => void): void;
    snapshot(): QueueSnapshot;
  }): void {
    this.source = () => queue.snapshot();
    queue.onOutcome((e) => this.record(e));
  }

  record(e: QueueOutcomeEvent): void {
    const t = Math.floor(e.atMs / this.bucketMs) * this.bucketMs;
    this.firstUseMs = Math.min(this.firstUseMs ?? t, t);
    let b = this.ring.find((x) => x.t === t);
    if (!b) {
      b = { t, outcomes: zero(), granted: 0, waits: [] };
      this.ring.push(b);
      this.ring.sort((x, y) => x.t - y.t);
      if (this.ring.length > this.buckets) this.ring.splice(0, this.ring.length - this.buckets);
    }
    b.outcomes[e.outcome]++;
    if (e.outcome !== 'granted') return;
    b.granted++;
    if (b.waits.length < this.maxSamples) b.waits.push(e.waitedMs);
    else {
      // reservoir sampling: every granted request of the minute is equally likely to be kept
      const i = Math.floor(this.random() * b.granted);
      if (i < this.maxSamples) b.waits[i] = e.waitedMs;
    }
  }

  /** The queue now and over the hour before `nowMs`, one point a minute from the first use on. */
  view(nowMs: number): QueueView {
    const snapshot = this.source?.() ?? null;
    const used = this.firstUseMs !== undefined || (snapshot?.waiting ?? 0) > 0;
    const last = Math.floor(nowMs / this.bucketMs) * this.bucketMs;
    const first = Math.max(
      last - (this.buckets - 1) * this.bucketMs,
      this.firstUseMs ?? (used ? last : last + this.bucketMs),
    );
    const byT = new Map(this.ring.map((b) => [b.t, b]));
    const points: QueuePoint[] = [];
    const hourOutcomes = zero();
    const hourWaits: number[] = [];
    let hourGranted = 0;
    for (let t = first; t <= last; t += this.bucketMs) {
      const b = byT.get(t);
      const outcomes = b ? { ...b.outcomes } : zero();
      points.push({ t, outcomes, ...figures(b?.granted ?? 0, b?.waits ?? []) });
      if (!b) continue;
      for (const o of QUEUE_OUTCOMES) hourOutcomes[o] += b.outcomes[o];
      hourGranted += b.granted;
      hourWaits.push(...b.waits);
    }
    return {
      used,
      now: snapshot,
      bucketMs: this.bucketMs,
      points,
      hour: { ...figures(hourGranted, hourWaits), outcomes: hourOutcomes },
    };
  }
}
