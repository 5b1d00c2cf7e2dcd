import type { EdgefleetError } from '@edgefleet/common';
import { pb, type edgefleet } from '@edgefleet/proto';

/** A lease as the coordinator grants it (decoded pb.Lease: lease_id, hold_id, site_id, endpoint, token…). */
export type Lease = edgefleet.v1.Lease;
export type InferResponse = edgefleet.v1.InferResponse;
export type LeaseEvent = edgefleet.v1.LeaseEvent;
export type AcquireResponse = edgefleet.v1.AcquireResponse;
export type RenewResponse = edgefleet.v1.RenewResponse;
export type ReleaseResponse = edgefleet.v1.ReleaseResponse;
export type RouteExplanation = edgefleet.v1.IRouteExplanation;
export const LeaseEventKind = pb.LeaseEvent.Kind;

/**
 * A moving caller's motion (with coordinates): the coordinator also scores RTT at the position
 * ~30 s ahead, so a vehicle is placed on the next site along its route.
 */
export interface Motion {
  /** Ground speed, m/s, in [0, 400). */
  speedMps: number;
  /** Course over ground, degrees clockwise from north (0 = north, 90 = east). */
  headingDeg: number;
}

/** Where the caller attaches to the network; a PoP id is preferred (network path) over lat/lon. */
export type LocationSpec =
  | { popId: string }
  | { cellId: string }
  | { trackingArea: string }
  | ({ lat: number; lon: number } & Partial<Motion>);

/** Where a waiting Acquire stands in the coordinator's fair queue (AcquireOptions.onQueued). */
export interface QueuedInfo {
  position: number;
  expectedWaitMs: number | undefined;
}

export interface AcquireOptions {
  model: string;
  location: LocationSpec;
  /** Upper bound on the estimated RTT to the site, ms; 0 or absent = no bound. */
  maxRttMs?: number;
  /** Lease budget in integer µT (held on the customer's balance until release). */
  budgetMicroTokens: number;
  /** Hedge leases wanted besides the primary (0..3). */
  hedges?: number;
  domesticOnly?: boolean;
  acceleratorKinds?: string[];
  isolation?: '' | 'whole' | 'mig' | 'timeslice';
  /** Lease lifetime, s; 0 or absent = the coordinator's default. */
  ttlS?: number;
  /** Ask the coordinator for its routing explanation. */
  explain?: boolean;
  /**
   * 0..9 (default 0). Requests below the coordinator's reserved priority leave each site's
   * reserve of slots (its `routing.reserve`) to higher-priority requests.
   */
  priority?: number;
  /**
   * Wait up to this long (ms) in the coordinator's fair queue when no slot is free, instead of
   * failing at once with NoSiteAvailableError (default 0 = do not wait). The Acquire call's deadline
   * is extended by it. Fails with QueueTimeoutError when no slot freed, QueueFullError at the bound.
   */
  maxQueueMs?: number;
  /**
   * With maxQueueMs: told once when the request has to wait in the coordinator's queue, with its
   * place (0 = next to be served) and, when the queue has been served lately, the expected wait in
   * ms. Not called when a slot is granted at once.
   */
  onQueued?: (info: QueuedInfo) => void;
  /** Renew automatically every third of the TTL (default true). */
  autoRenew?: boolean;
  /** Called when an automatic renewal fails (it is retried at the next tick). */
  onRenewError?: (err: Error) => void;
  /** Called after each successful automatic renewal with the renewed lease set. */
  onRenew?: (leases: readonly Lease[]) => void;
  /**
   * Called when the coordinator gives one of the session's leases notice of preemption (seen on
   * the session's watch(): KIND_PREEMPTED): the session has already moved its requests to a hedge
   * or, with none left, started acquiring a replacement hold (`replacing`).
   */
  onPreempted?: (notice: PreemptionNotice) => void;
  /**
   * On a preemption notice with no other lease left, acquire a replacement hold with the same
   * request and move the session onto it before the deadline (default true).
   */
  replaceOnPreempt?: boolean;
  /** Called when acquiring that replacement fails (the preempted lease serves until its deadline). */
  onReplaceError?: (err: Error) => void;
  /** Default per-request options of the session's infer(). */
  infer?: Partial<InferOptions>;
}

export interface InferOptions {
  maxOutputTokens?: number;
  /** Per-attempt deadline, ms (default: the client's defaultTimeoutMs). */
  timeoutMs?: number;
  /**
   * Send a hedged request to the next-best lease when the first has not answered after this
   * many ms; 'p95' = the p95 of recent latencies (half the timeout until 10 samples exist).
   * Absent = no hedging (failover on error/timeout still applies).
   */
  hedgeAfterMs?: number | 'p95';
  /** Idempotency/tracing id, the same on every attempt (default: random). */
  requestId?: string;
  /** Tensor inputs for tensor models (KServe v2 style; see inference.proto); the answer's `response.outputs` has the outputs. */
  tensors?: edgefleet.v1.IInferTensor[];
  /** Which tensor outputs to return (default: all). */
  outputNames?: string[];
}

export interface AttemptFailure {
  siteId: string;
  leaseId: string;
  endpoint: string;
  /** Machine code or gRPC status name. */
  reason: string;
  message: string;
  /** The typed error of this attempt (SiteTlsError, SitePlaintextError, RemoteError…). */
  error?: EdgefleetError;
}

export interface InferResult {
  response: InferResponse;
  output: string;
  /** The site that served the request. */
  siteId: string;
  leaseId: string;
  endpoint: string;
  /** Attempts started for this request (1 = first try succeeded, hedges included). */
  attempts: number;
  /** Whether a hedged request was sent. */
  hedged: boolean;
  /** Latency of the winning attempt, ms. */
  latencyMs: number;
  microTokens: number;
  /** Attempts that failed before the success, in order. */
  failures: AttemptFailure[];
}

/** A lease of the session that gives its slot to a reserved or higher-priority lease. */
export interface PreemptionNotice {
  lease: Lease;
  /** When the coordinator revokes it (epoch ms, coordinator clock). */
  deadlineMs: number;
  /** "preempted: reservation" or "preempted: priority". */
  reason: string;
  /** True when the session had no other lease and is acquiring a replacement hold. */
  replacing: boolean;
}

export interface ReleaseResult {
  burnedMicroTokens: number;
  releasedMicroTokens: number;
}

/** Normalizes a decoded nested message (typed as plain properties) into a pb.Lease instance. */
export function toLease(p: edgefleet.v1.Lease.$Properties | null | undefined): Lease | undefined {
  if (!p) return undefined;
  return p instanceof pb.Lease ? p : new pb.Lease(p);
}
