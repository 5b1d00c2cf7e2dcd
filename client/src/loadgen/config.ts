import type { Topology } from './topology.js';

/** One load-generation run, validated (the CLI builds it from flags: `edgefleet loadgen`). */
export interface LoadgenConfig {
  /** host:port of the coordinator's gRPC LeaseBroker. */
  coordinator: string;
  /** Customer API key or operator/admin token (sent as a bearer token). */
  token: string | undefined;
  /** PEM path of the CA the coordinator's gRPC certificate chains to (TLS); plaintext without. */
  ca?: string;
  customer: string;
  vehicles: number;
  durationS: number;
  /** Requests per second per vehicle. */
  rate: number;
  /** Hedge leases per acquire (0..3). */
  hedges: number;
  model: string;
  priority: number;
  /** A served request slower than this (end to end) counts as an SLO violation. */
  sloMs: number;
  budgetMicroTokens: number;
  ttlS: number;
  maxRttMs: number;
  /** Per-attempt Infer deadline, ms. */
  inferTimeoutMs: number;
  /** Hedged requests after this delay (or the p95); undefined = none. */
  hedgeAfterMs: number | 'p95' | undefined;
  maxOutputTokens: number;
  /** Release and re-acquire (at the vehicle's new position) every this many seconds; 0 = one session per run. */
  sessionS: number;
  topology: Topology;
  seed: number;
  /** LeaseBroker call deadline, ms. */
  timeoutMs: number;
}

/** Bounds: a load generator must stop by itself and not overrun the machine it runs on. */
export const LOADGEN_LIMITS = {
  maxVehicles: 10_000,
  maxDurationS: 3_600,
  maxRatePerVehicle: 1_000,
  maxTotalRate: 50_000,
} as const;

/** The config as the report shows it (no token). */
export function configView(c: LoadgenConfig): Record<string, unknown> {
  const { token: _token, ...rest } = c;
  return rest;
}
