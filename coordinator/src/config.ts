import { z } from 'zod';
import { loadConfig } from '@edgefleet/common';
import { MAX_PAYLOAD_BYTES } from '@edgefleet/proto';
import { SLICE_REPLICA_ID } from './ledger/accounts.js';
import { DEFAULT_COMPUTE_SLO_MS } from './noc/fleet-latency.js';
import { DEFAULT_VEHICLE_SLO_MS } from './noc/vehicle-latency.js';
import { spotCheckSettingsSchema } from './spot-checks/settings.js';

const port = z.number().int().min(0).max(65535);

const popSchema = z.object({
  id: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  region: z.string().default(''),
});

/** A JSON array or "a,b" (env variables). */
const nameList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().min(1).max(253)).max(64),
);

/**
 * gRPC transport security (docs/security.md "gRPC TLS and mTLS"). 'off': plaintext; 'tls': the
 * coordinator proves itself with a server certificate (agents and clients pin the CA); 'mtls': as
 * 'tls', and every agent's EdgeControl stream must present the client certificate it got at
 * enrollment, naming its site. Without files the coordinator makes its own CA and server certificate
 * under dataDir/grpc-tls/ on first start and reuses them. Env EDGEFLEET_COORDINATOR_GRPC__TLS__MODE.
 */
const grpcTlsSchema = z
  .object({
    mode: z.enum(['off', 'tls', 'mtls']).default('off'),
    /** Operator PKI: the server certificate chain (PEM) and its private key; both or neither. */
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    /** With certFile: the CA certificate agents and clients pin (the root that issued certFile), handed out at enrollment. */
    caFile: z.string().min(1).optional(),
    /** Operator PKI: the CA (PEM) and its ECDSA P-256 PKCS#8 key that sign site certificates at enrollment and tls-renew (EdgeControl client certificate in mtls, Inference server certificate in tls and mtls); both or neither. */
    clientCaFile: z.string().min(1).optional(),
    clientCaKeyFile: z.string().min(1).optional(),
    /** Extra DNS names / IP addresses for the self-issued server certificate (besides grpc.advertise, grpc.host, localhost, this host's name). */
    serverNames: nameList.default([]),
    /** Validity of the site certificates issued at enrollment and tls-renew (tls, mtls). */
    clientCertDays: z.number().int().min(1).max(3650).default(365),
  })
  .prefault({})
  .superRefine((t, ctx) => {
    const together = (a: 'certFile' | 'clientCaFile', b: 'keyFile' | 'clientCaKeyFile') => {
      if (Boolean(t[a]) !== Boolean(t[b]))
        ctx.addIssue({
          code: 'custom',
          path: [t[a] ? b : a],
          message: `${a} and ${b} go together: set both or neither`,
        });
    };
    together('certFile', 'keyFile');
    together('clientCaFile', 'clientCaKeyFile');
    if (t.certFile && !t.caFile)
      ctx.addIssue({
        code: 'custom',
        path: ['caFile'],
        message:
          'required with certFile: the CA certificate that issued it, which agents and clients pin',
      });
  });

export const coordinatorConfigSchema = z.object({
  /** Where the embedded ledger (PGlite) and the signing keys live. */
  dataDir: z.string().default('./data/coordinator'),
  /** postgres://… to use PostgreSQL instead of embedded PGlite. */
  databaseUrl: z.string().optional(),
  /**
   * PostgreSQL only: how long a new connection may take before the request fails with
   * DATABASE_UNAVAILABLE (503 / UNAVAILABLE). Env EDGEFLEET_COORDINATOR_DATABASE_CONNECT_TIMEOUT_MS.
   */
  databaseConnectTimeoutMs: z.number().int().positive().max(300_000).default(5000),
  /**
   * Embedded PGlite only: 'worker' runs it in a worker thread, off the event loop that serves gRPC,
   * offers and telemetry; 'main-thread' runs it on that loop. Env EDGEFLEET_COORDINATOR_PGLITE.
   */
  pglite: z.enum(['worker', 'main-thread']).default('worker'),
  http: z.object({ host: z.string().default('127.0.0.1'), port: port.default(8080) }).prefault({}),
  grpc: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: port.default(50051),
      /** host:port agents and clients are told to dial (defaults to host:port bound). */
      advertise: z.string().optional(),
      tls: grpcTlsSchema,
    })
    .prefault({}),
  mqtt: z
    .object({
      /** "embedded" runs aedes in-process; otherwise mqtt://user:pass@host:port of an external broker. */
      url: z.string().default('embedded'),
      /** Embedded broker listener (ignored for an external broker). */
      host: z.string().default('127.0.0.1'),
      port: port.default(1884),
      /** URL agents are told to use (defaults to the embedded listener or the external URL without credentials). */
      advertiseUrl: z.string().optional(),
      /** Shared-subscription group for burns on an external broker ($share/<group>/…); "" = plain subscription. */
      sharedGroup: z.string().default('edgefleet-coordinators'),
      clientId: z.string().optional(),
      /**
       * What the embedded broker refuses a site (docs/operations.md#broker-limits). An external
       * broker enforces its own (Mosquitto: max_packet_size, deploy/mosquitto/mosquitto.conf).
       */
      limits: z
        .object({
          /** Largest packet read from a connection (bytes); a larger one closes it before its payload is read. Room for the largest burn batch (1 MiB). */
          maxPacketBytes: z
            .number()
            .int()
            .positive()
            .default(MAX_PAYLOAD_BYTES.burns + 64 * 1024),
          /** Per site: publishes per second on average, and at once; beyond them dropped, counted and alerted. */
          messagesPerSecond: z.number().positive().default(50),
          messageBurst: z.number().int().positive().default(500),
          /** Per site: payload bytes per second on average, and at once (at least maxPacketBytes, or the largest batch never passes). */
          bytesPerSecond: z
            .number()
            .positive()
            .default(1024 * 1024),
          byteBurst: z
            .number()
            .int()
            .positive()
            .default(8 * 1024 * 1024),
        })
        .refine((l) => l.byteBurst >= l.maxPacketBytes, {
          message: 'byteBurst must be at least maxPacketBytes',
          path: ['byteBurst'],
        })
        .prefault({}),
    })
    .prefault({}),
  /** When the preferred ports are taken, bind ephemeral ones instead of failing (dev/start). */
  portFallback: z.boolean().default(false),
  leases: z
    .object({
      defaultTtlS: z.number().int().positive().default(300),
      maxTtlS: z.number().int().positive().default(3600),
      maxHedges: z.number().int().min(0).max(5).default(3),
      offerTimeoutMs: z.number().int().positive().default(1500),
      /**
       * Pre-granted site capacity (docs/architecture.md): this replica takes the slot quotas agents
       * grant it and admits leases against them without an offer round trip, telling each agent in
       * batches (at most maxBatch leases, none waiting over flushMs). enabled false: every lease is offered.
       */
      quota: z
        .object({
          enabled: z.boolean().default(true),
          flushMs: z.number().int().min(0).max(1000).default(2),
          maxBatch: z.number().int().min(1).max(1000).default(64),
        })
        .prefault({}),
      /** After release or expiry a hold stays open this long for in-flight burns, then its remainder is voided. */
      settleMs: z.number().int().nonnegative().default(10_000),
      /** The fair queue an Acquire with max_queue_ms > 0 waits in when no slot is free (docs/market.md). */
      queue: z
        .object({
          /** Waiting Acquires across all customers; beyond it QUEUE_FULL. */
          maxWaiting: z.number().int().positive().default(10_000),
          /** Waiting Acquires of one customer (one flood cannot fill the fleet's queue). */
          maxPerCustomer: z.number().int().positive().default(1_000),
          /** The longest wait a caller may ask for; a larger max_queue_ms is cut to it. */
          maxWaitMs: z.number().int().positive().default(30_000),
          /** How often the queue retries its head while slots may have freed (releases also wake it). */
          retryMs: z.number().int().positive().default(100),
          /** Waiting requests tried per wake-up, in fair order. */
          triesPerWake: z.number().int().positive().default(8),
          /** Plan weights by customer id (default 1): weight 2 is served twice as often while both wait. */
          weights: z.record(z.string(), z.number().positive()).default({}),
        })
        .prefault({}),
    })
    .prefault({}),
  /** The ledger's Acquire path (docs/ledger.md "Slices"). */
  ledger: z
    .object({
      /**
       * This replica's id, stable across its restarts (its slices are returned at its start). Default:
       * one kept in dataDir (ledger-replica-id), so replicas must not share a dataDir. Env
       * EDGEFLEET_COORDINATOR_LEDGER__REPLICA_ID.
       */
      replicaId: z.string().regex(SLICE_REPLICA_ID).optional(),
      slices: z
        .object({
          /**
           * Holds decided in memory against this replica's slice of each customer's balance (no SQL
           * on Acquire while the slice covers it); false: every hold placed in the database at
           * once. Env EDGEFLEET_COORDINATOR_LEDGER__SLICES__ENABLED.
           */
          enabled: z.boolean().default(true),
          /** A slice is sized to what the customer placed on this replica in about this long. */
          demandWindowMs: z.number().int().positive().default(2_000),
          /** Smallest slice taken, in holds of the size being placed. */
          minHolds: z.number().int().positive().default(4),
          /** At most this share of what the customer has left goes into one top-up (others not starved). */
          maxShare: z.number().gt(0).max(1).default(0.5),
          /** A slice unused this long goes back to its customer. Env EDGEFLEET_COORDINATOR_LEDGER__SLICES__IDLE_RETURN_MS. */
          idleReturnMs: z.number().int().positive().default(10_000),
          /** Slices of a replica not seen this long are swept back to their customers by another. */
          goneAfterMs: z.number().int().positive().default(60_000),
          /** Heartbeat, top-ups, idle returns and sweeps every this long. */
          tickMs: z.number().int().positive().default(1_000),
        })
        .prefault({}),
    })
    .prefault({}),
  reconcile: z
    .object({
      /** node-cron expression (6 fields = with seconds). */
      schedule: z.string().default('*/5 * * * * *'),
      enabled: z.boolean().default(true),
      /**
       * Post an in-order batch in the transaction that receives it (each burn written once) and ack at
       * once; anything else is staged for the next run. Only with `enabled` (manual runs only = no posting at ingest).
       */
      fastPath: z.boolean().default(true),
    })
    .prefault({}),
  alerts: z
    .object({
      /** NOC alerts are POSTed here as JSON ({event, alert, atMs}) when raised, resolved or acknowledged. */
      webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
      /** Attempts per event (exponential backoff between them) before it is dropped and counted. */
      webhookMaxAttempts: z.number().int().positive().default(6),
      webhookBackoffMs: z.number().int().positive().default(1_000),
      webhookMaxBackoffMs: z.number().int().positive().default(60_000),
      webhookTimeoutMs: z.number().int().positive().default(5_000),
      /** Events waiting for a slow or dead receiver beyond this are dropped, oldest first. */
      webhookMaxQueue: z.number().int().positive().default(10_000),
      /**
       * How often each replica marks the alerts it still sees in the shared store; an open alert
       * no replica has marked for three of these is resolved as stale (left open by replicas that
       * stopped).
       */
      storeRefreshMs: z.number().int().positive().default(30_000),
    })
    .prefault({}),
  /** The NOC page (docs/noc.md). */
  noc: z
    .object({
      /**
       * The fleet views' compute SLO, a p95 per request (ms): a site's report interval whose p95 is
       * above it counts all its requests as SLO misses. Env EDGEFLEET_COORDINATOR_NOC__COMPUTE_SLO_MS.
       */
      computeSloMs: z.number().positive().max(3_600_000).default(DEFAULT_COMPUTE_SLO_MS),
      /**
       * The vehicles' SLO, end to end per request as their SDKs measure it (send → answer): the
       * fleet views count a request slower than this as a miss. Env EDGEFLEET_COORDINATOR_NOC__VEHICLE_SLO_MS.
       */
      vehicleSloMs: z.number().positive().max(3_600_000).default(DEFAULT_VEHICLE_SLO_MS),
    })
    .prefault({}),
  liveness: z
    .object({
      /** Telemetry older than this makes a site degraded (and out of routing). */
      telemetryStaleMs: z.number().int().positive().default(5_000),
      /** Everything silent for this long: offline. */
      offlineAfterMs: z.number().int().positive().default(15_000),
      /** One link lost (MQTT or EdgeControl, the other up): degraded this long, then offline. */
      autonomyWindowMs: z.number().int().positive().default(30_000),
      sweepIntervalMs: z.number().int().positive().default(500),
      /**
       * How often this replica reads changes made through other replicas from the shared database:
       * a new tariff, a revoked site, a customer API key issued or revoked. One indexed query each; a
       * change made here applies here at once.
       */
      changePollMs: z.number().int().positive().default(2_000),
      /**
       * EdgeControl keepalive: each agent that answers pings gets a Ping `pingIntervalMs` after its
       * last Pong; none within `pingTimeoutMs` marks the site offline (reason hung, leases rerouted)
       * and closes its stream until the agent says hello again. A frozen agent is offline within
       * pingIntervalMs + pingTimeoutMs (3 s by default). pingIntervalMs 0 turns it off.
       */
      pingIntervalMs: z.number().int().nonnegative().default(1_000),
      pingTimeoutMs: z.number().int().positive().default(2_000),
    })
    .prefault({}),
  routing: z
    .object({
      weights: z
        .object({
          rtt: z.number().nonnegative().default(1),
          cost: z.number().nonnegative().default(0.35),
          load: z.number().nonnegative().default(0.5),
          errors: z.number().nonnegative().default(1),
          /** × (1 − the site's spot-check reputation). */
          reputation: z.number().nonnegative().default(1),
        })
        .prefault({}),
      /** Candidates within this fraction of the best score are "near-equal" (power of two choices among them). */
      nearBestFraction: z.number().nonnegative().default(0.1),
      /** Fiber path factor and speed for the geographic RTT fallback. */
      geoPathFactor: z.number().positive().default(1.6),
      rttEwmaAlpha: z.number().gt(0).lte(1).default(0.3),
      pops: z.array(popSchema).default([]),
      /** Cell id (ECGI/NCGI) → PoP id, for callers that name their cell. */
      cells: z
        .array(z.object({ cellId: z.string().min(1).max(64), popId: z.string().min(1) }))
        .default([]),
      /** Tracking area code → PoP id. */
      trackingAreas: z
        .array(z.object({ trackingArea: z.string().min(1).max(64), popId: z.string().min(1) }))
        .default([]),
      /** Requests below minPriority leave floor(slotsTotal × fraction) slots of each site to higher ones. */
      reserve: z
        .object({
          fraction: z.number().min(0).max(1).default(0.1),
          minPriority: z.number().int().min(0).max(9).default(5),
        })
        .prefault({}),
      /** A moving caller is also scored at its position this many seconds ahead. */
      lookaheadS: z.number().nonnegative().default(30),
      /** Candidate lists (per model and PoP / grid cell) are rebuilt when older than this. */
      indexRefreshMs: z.number().int().positive().default(1000),
    })
    .prefault({}),
  auth: z
    .object({
      /** Static bearer tokens with roles. */
      tokens: z
        .array(
          z.object({
            token: z.string().min(16),
            role: z.enum(['viewer', 'installer', 'operator', 'admin']),
            name: z.string().default(''),
          }),
        )
        .default([]),
      /**
       * LeaseBroker callers: 'required' = a customer API key (POST /api/v1/customers/:id/api-keys)
       * or an operator/admin token in `authorization: Bearer …`; 'open' = anyone may act for any
       * customer (development only).
       */
      leaseBroker: z.enum(['required', 'open']).default('required'),
    })
    .prefault({}),
  enrollment: z.object({ codeTtlS: z.number().int().positive().default(3600) }).prefault({}),
  /** Prices (docs/market.md): a token (1 h of a reference H100) in integer minor units of `currency`. */
  market: z
    .object({
      currency: z.enum(['EUR', 'USD', 'GBP', 'CNY', 'CHF', 'INR', 'JPY', 'KRW']).default('EUR'),
      /** A token's price on an idle fleet before energy, in minor units (150 = 1.50 EUR). */
      baseMinorPerToken: z.number().int().nonnegative().default(150),
      /** Utilization above which scarcity lifts the spot price. */
      targetUtilization: z.number().min(0).max(0.99).default(0.85),
      /** The lift at a full fleet, as a fraction of base + energy (1 = double). */
      maxPremium: z.number().min(0).max(10).default(1),
      /**
       * How often each Watch stream's spot prices are checked; a changed price of one of the hold's
       * sites is sent as a KIND_PRICE event (the current ones when the watch starts). 0 = never.
       */
      priceOnWatchMs: z.number().int().min(0).max(3_600_000).default(5_000),
      /** Reservations (compute futures; coordinator/src/market/reservations.ts, docs/market.md). */
      reservations: z
        .object({
          /** Declared slots × this (floored) is what the capacity calendar may sell; 1 = never overbooked. */
          oversubscription: z.number().min(1).max(10).default(1),
          /** The price of one slot for one hour, in µT, fixed at booking (1,000,000 = one token). */
          microTokensPerSlotHour: z.number().int().positive().default(1_000_000),
          /** Cancelled before its start: this share of the price is kept as a fee (basis points). */
          cancelFeeBps: z.number().int().min(0).max(10_000).default(500),
          /** The longest window one reservation may cover, and how far ahead it may start (hours). */
          maxWindowH: z.number().int().positive().default(744),
          maxLeadH: z.number().int().positive().default(8_760),
          /**
           * How often ended windows are settled (their escrow committed to revenue) and the
           * reservations active now re-read for the Acquire path's guarantee (bookings on other replicas).
           */
          tickMs: z.number().int().positive().default(5_000),
        })
        .prefault({}),
      /**
       * Preemption (docs/market.md "Preemption"): an Acquire of a reservation holder inside its
       * window (or, with minPriorityGap > 0, of a priority at least that far above a running
       * best-effort lease) that finds no free slot gives one best-effort lease notice on its Watch
       * (KIND_PREEMPTED), revokes it after graceMs and takes its slot. enabled: false = never.
       */
      preemption: z
        .object({
          enabled: z.boolean().default(true),
          graceMs: z.number().int().min(0).max(600_000).default(5_000),
          minPriorityGap: z.number().int().min(0).max(9).default(0),
        })
        .prefault({}),
    })
    .prefault({}),
  /**
   * Burn batches signed with each site's enrolled Ed25519 key (docs/verification.md "Signed burns").
   * signedBurns "require" (default) refuses an unsigned batch; "accept-unsigned" stages it (sites
   * enrolled before signing, during a migration). A batch whose signature does not verify is refused
   * either way. rotationGraceS: how long a rotated-out key still verifies.
   */
  siteKeys: z
    .object({
      signedBurns: z.enum(['require', 'accept-unsigned']).default('require'),
      rotationGraceS: z.number().int().min(0).default(86_400),
    })
    .prefault({}),
  /** Canaries and reputation (coordinator/src/spot-checks/settings.ts, docs/verification.md). */
  spotChecks: spotCheckSettingsSchema,
  limits: z
    .object({
      /** Enrolled (not revoked) sites the fleet may hold: enrollment refuses one more with SITE_LIMIT_REACHED. */
      maxSites: z.number().int().positive().default(20_000),
    })
    .prefault({}),
  health: z
    .object({
      /** /readyz: how long each check (database query, broker, gRPC) may take before it counts as failed. */
      checkTimeoutMs: z.number().int().positive().max(60_000).default(2_000),
    })
    .prefault({}),
});

export type CoordinatorConfig = z.infer<typeof coordinatorConfigSchema>;
export type PopConfig = z.infer<typeof popSchema>;

export function loadCoordinatorConfig(
  opts: { env?: NodeJS.ProcessEnv; file?: string; overrides?: Record<string, unknown> } = {},
): CoordinatorConfig {
  return loadConfig(coordinatorConfigSchema, { envPrefix: 'EDGEFLEET_COORDINATOR_', ...opts });
}
