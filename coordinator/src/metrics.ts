import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SiteState } from './fleet/site.js';
import { COORDINATOR_VERSION } from './version.js';

/** State the scrape-time gauges read (bound once the parts exist: `metrics.bindSources`). */
export interface MetricSources {
  sites: () => Iterable<{
    siteId: string;
    region: string;
    state: SiteState;
    /** 0: no telemetry yet. */
    lastTelemetryMs: number;
  }>;
  liveHolds: () => number;
  edgeControlStreams: () => number;
  /** Sites with a live capacity quota here, and its delegated slots no lease holds (absent: 0). */
  quotas?: () => { sites: number; slotsFree: number };
  /** Absent with an external broker (its own metrics tell). */
  brokerClients?: () => number;
}

/** How a queued Acquire leaves the queue (the `outcome` label of edgefleet_acquire_queue_outcomes_total). */
export const ACQUIRE_QUEUE_OUTCOMES = [
  'granted',
  'timeout',
  'full',
  'no_site',
  'cancelled',
  'abandoned',
  'error',
] as const;

/** A site is up while it answers: online, degraded (one link down) or draining. */
export function siteIsUp(state: SiteState): boolean {
  return state === 'online' || state === 'degraded' || state === 'draining';
}

/** The coordinator's Prometheus metrics; one registry per coordinator instance (tests run several). */
export function createCoordinatorMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'edgefleet_coordinator_' });
  let src: MetricSources | undefined;
  const m = {
    /** Gives the scrape-time gauges (site up, live holds, streams, broker clients) their sources. */
    bindSources(s: MetricSources): void {
      src = s;
    },
    registry,
    sitesByState: new Gauge({
      name: 'edgefleet_sites',
      help: 'Sites by state',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    telemetryMessages: new Counter({
      name: 'edgefleet_telemetry_messages_total',
      help: 'Telemetry messages ingested',
      registers: [registry],
    }),
    badMessages: new Counter({
      name: 'edgefleet_bad_messages_total',
      help: 'Rejected MQTT payloads by topic kind and reason',
      labelNames: ['kind', 'reason'] as const,
      registers: [registry],
    }),
    mqttAuthRejected: new Counter({
      name: 'edgefleet_mqtt_auth_rejected_total',
      help: 'MQTT connections refused',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    mqttLimited: new Counter({
      name: 'edgefleet_mqtt_limited_total',
      help: 'What the embedded broker refused for its limits: packets over the size limit (too_large, malformed: connection closed) and publishes over a site rate limit (rate_messages, rate_bytes: dropped)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    mqttAclDenied: new Counter({
      name: 'edgefleet_mqtt_acl_denied_total',
      help: 'MQTT publishes/subscribes denied by the topic ACL',
      labelNames: ['action'] as const,
      registers: [registry],
    }),
    leaseGrants: new Counter({
      name: 'edgefleet_lease_grants_total',
      help: 'Leases granted (admitted by an agent)',
      labelNames: ['role'] as const,
      registers: [registry],
    }),
    leaseAdmissions: new Counter({
      name: 'edgefleet_lease_admissions_total',
      help: 'Lease admissions asked for, by path: local (against a site quota, no round trip) or offer (LeaseOffer round trip)',
      labelNames: ['path'] as const,
      registers: [registry],
    }),
    leaseRejects: new Counter({
      name: 'edgefleet_lease_rejects_total',
      help: 'Acquire failures and agent rejections by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    routingSeconds: new Histogram({
      name: 'edgefleet_routing_decision_seconds',
      help: 'Time to filter, score and pick candidates',
      buckets: [0.00001, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005, 0.02],
      registers: [registry],
    }),
    acquireQueueWaiting: new Gauge({
      name: 'edgefleet_acquire_queue_waiting',
      help: 'Acquires waiting in the fair queue for a free slot',
      registers: [registry],
    }),
    preemptions: new Counter({
      name: 'edgefleet_preemptions_total',
      help: 'Best-effort leases given a preemption notice, by why (reservation, priority)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    acquireQueueOutcomes: new Counter({
      name: 'edgefleet_acquire_queue_outcomes_total',
      help: 'Queued Acquires by how they left the queue (granted, timeout, full, no_site, cancelled, abandoned, error); released_unclaimed counts grants released because their caller had gone',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    acquireQueueWaitSeconds: new Histogram({
      name: 'edgefleet_acquire_queue_wait_seconds',
      help: 'Time a queued Acquire waited before it was granted',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    burnBatchesRefused: new Counter({
      name: 'edgefleet_burn_batches_refused_total',
      help: 'Burn batches refused before staging: unsigned, forged (signature does not verify), or no_site_key (none enrolled)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    burnsStaged: new Counter({
      name: 'edgefleet_burns_staged_total',
      help: 'Burn records staged by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    reconDiscrepancies: new Counter({
      name: 'edgefleet_reconciliation_discrepancies_total',
      help: 'Reconciliation findings other than accepted',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    reconAccepted: new Counter({
      name: 'edgefleet_reconciliation_accepted_micro_tokens_total',
      help: 'µT posted to site earnings',
      registers: [registry],
    }),
    reconLagSeconds: new Gauge({
      name: 'edgefleet_reconciliation_lag_seconds',
      help: 'Age of the oldest staged burn at the last run',
      registers: [registry],
    }),
    packageExpiriesDeferred: new Counter({
      name: 'edgefleet_package_expiries_deferred_total',
      help: "Package expiries put off to a later run: the unspent remainder needs µT still on other coordinator replicas' ledger slices",
      registers: [registry],
    }),
    reconRuns: new Counter({
      name: 'edgefleet_reconciliation_runs_total',
      help: 'Reconciliation runs',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    buildInfo: new Gauge({
      name: 'edgefleet_build_info',
      help: 'Always 1; the running build as labels (component, version, node)',
      labelNames: ['component', 'version', 'node'] as const,
      registers: [registry],
    }),
    siteUp: new Gauge({
      name: 'edgefleet_site_up',
      help: 'Per site: 1 while online (telemetry fresh and EdgeControl linked), 0 otherwise; read at scrape',
      labelNames: ['site', 'region'] as const,
      registers: [registry],
      collect() {
        if (!src) return;
        this.reset();
        for (const site of src.sites())
          this.set({ site: site.siteId, region: site.region }, siteIsUp(site.state) ? 1 : 0);
      },
    }),
    siteTelemetryAge: new Gauge({
      name: 'edgefleet_site_telemetry_age_seconds',
      help: 'Per site: seconds since this replica last received its telemetry (no sample before the first); read at scrape',
      labelNames: ['site', 'region'] as const,
      registers: [registry],
      collect() {
        if (!src) return;
        this.reset();
        const now = Date.now();
        for (const site of src.sites())
          if (site.lastTelemetryMs > 0)
            this.set(
              { site: site.siteId, region: site.region },
              Math.max(0, (now - site.lastTelemetryMs) / 1000),
            );
      },
    }),
    liveHolds: new Gauge({
      name: 'edgefleet_live_holds',
      help: 'Lease holds this replica granted that are still live; read at scrape',
      registers: [registry],
      collect() {
        if (src) this.set(src.liveHolds());
      },
    }),
    brokerClients: new Gauge({
      name: 'edgefleet_broker_clients',
      help: 'MQTT clients connected to the embedded broker (absent with an external broker); read at scrape',
      registers: [registry],
      collect() {
        if (src?.brokerClients) this.set(src.brokerClients());
      },
    }),
    edgeControlStreams: new Gauge({
      name: 'edgefleet_edge_control_streams',
      help: 'Agents holding an EdgeControl stream to this replica; read at scrape',
      registers: [registry],
      collect() {
        if (src) this.set(src.edgeControlStreams());
      },
    }),
    quotaSites: new Gauge({
      name: 'edgefleet_quota_sites',
      help: 'Sites whose agent granted this replica a live capacity quota (leases admitted without an offer round trip); read at scrape',
      registers: [registry],
      collect() {
        this.set(src?.quotas?.().sites ?? 0);
      },
    }),
    quotaSlotsFree: new Gauge({
      name: 'edgefleet_quota_slots_free',
      help: 'Delegated slots of live capacity quotas on this replica that no lease holds; read at scrape',
      registers: [registry],
      collect() {
        this.set(src?.quotas?.().slotsFree ?? 0);
      },
    }),
    grpcStarted: new Counter({
      name: 'edgefleet_grpc_server_started_total',
      help: 'gRPC calls started, by service and method',
      labelNames: ['grpc_service', 'grpc_method', 'grpc_type'] as const,
      registers: [registry],
    }),
    grpcHandled: new Counter({
      name: 'edgefleet_grpc_server_handled_total',
      help: 'gRPC calls completed, by service, method and status code',
      labelNames: ['grpc_service', 'grpc_method', 'grpc_type', 'grpc_code'] as const,
      registers: [registry],
    }),
    grpcHandlingSeconds: new Histogram({
      name: 'edgefleet_grpc_server_handling_seconds',
      help: 'Unary gRPC call time from request to reply (Acquire latency is grpc_method="Acquire")',
      labelNames: ['grpc_service', 'grpc_method'] as const,
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'edgefleet_http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpSeconds: new Histogram({
      name: 'edgefleet_http_request_duration_seconds',
      help: 'HTTP request time until the response headers, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    signingKeyUnlinkFailures: new Counter({
      name: 'edgefleet_signing_key_unlink_failures_total',
      help: 'Retired lease-signing key files that could not be removed (read-only keys directory); the key is retired in memory',
      registers: [registry],
    }),
  };
  // Every outcome is exported from the start (0), so rate() and the alert rules see the series.
  for (const outcome of ACQUIRE_QUEUE_OUTCOMES) m.acquireQueueOutcomes.inc({ outcome }, 0);
  // Not a way of leaving the queue: a grant handed back because its caller had gone.
  m.acquireQueueOutcomes.inc({ outcome: 'released_unclaimed' }, 0);
  m.buildInfo.set(
    { component: 'coordinator', version: COORDINATOR_VERSION, node: process.version },
    1,
  );
  return m;
}

export type CoordinatorMetrics = ReturnType<typeof createCoordinatorMetrics>;
