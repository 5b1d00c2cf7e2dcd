import { resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { Registry } from 'prom-client';
import { createLogger, runChecks, type Logger, type Readiness } from '@edgefleet/common';
import type { FirmwareHook } from '@edgefleet/firmware-hooks';
import { Admission } from './admission.js';
import { agentMetrics } from './agent-metrics.js';
import { closeAgent } from './agent-shutdown.js';
import { AgentClock, neverBackwards } from './clock.js';
import { controlEndpoints, type AgentConfig } from './config.js';
import type { InferenceBackend } from './backends/backend.js';
import { startSiteBackend } from './backends/site-backend.js';
import { BurnUploader, burnUploadSettings } from './burns/uploader.js';
import { reannounceOnStreamUp } from './control/reannounce.js';
import { RevokedLeases } from './control/revoked-leases.js';
import { SigningKeys } from './control/signing-keys.js';
import { agentHello, siteIdentity, siteStatus } from './control/site-announce.js';
import { SiteTopicHandler } from './control/site-topics.js';
import { createEdgeControl } from './control/start-edge-control.js';
import { controlChannelCredentials } from './grpc-tls.js';
import { startInferenceServer } from './inference-server.js';
import type { ControlLinks } from './links/control-links.js';
import { MqttLink } from './links/mqtt-link.js';
import { mqttLinkSettings } from './links/mqtt-settings.js';
import { AGENT_CHECK_TIMEOUT_MS, agentChecks } from './readiness.js';
import type { FileOutbox } from './outbox/index.js';
import { SiteKey } from './site-key.js';
import { ComputeStats } from './telemetry/compute-stats.js';
import { DiskFullWatch } from './burns/disk-full-watch.js';
import { openSiteOutbox } from './burns/site-outbox.js';
import { startSiteHooks } from './telemetry/site-hooks.js';
import { TelemetryReporter } from './telemetry/reporter.js';

export { AGENT_VERSION } from './version.js';
export { PublishTimeoutError } from './burns/uploader.js';

export interface Agent {
  siteId: string;
  inferenceEndpoint: string;
  /** Inference is served over TLS with the site certificate. */
  inferenceTls: boolean;
  /** The models this site advertises (for ONNX: those that loaded). */
  models: readonly string[];
  /** Which backend serves Infer here, and where it computes (ONNX Runtime: cpu or cuda). */
  backend: { kind: string; executionProvider?: string };
  outbox: FileOutbox;
  admission: Admission;
  metrics: Registry;
  mqtt: MqttLink;
  /** One EdgeControl stream per coordinator replica. */
  control: ControlLinks;
  /** What GET /readyz answers: MQTT broker connected, Inference gRPC listening, backend healthy. */
  readiness(): Promise<Readiness>;
  /**
   * What the systemd watchdog follows: broker and Inference gRPC only. An upstream inference server
   * that is down withdraws its models and fails /readyz, but restarting the agent would not bring it back.
   */
  liveness(): Promise<Readiness>;
  /** Publishes pending burns now (also runs on its interval). */
  flushBurns(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One edge site's daemon: telemetry over MQTT, leases over EdgeControl, inference over gRPC,
 * burns through the durable outbox. Wiring only: each behaviour lives in its own module
 * (burns/, control/, telemetry/, links/, outbox/).
 */
export async function startAgent(
  config: AgentConfig,
  opts: {
    log?: Logger;
    hook?: FirmwareHook;
    backend?: InferenceBackend;
    /** EdgeControl channel per coordinator endpoint, shared by many agents in one process (the fleet simulator). */
    controlClient?: (target: string) => grpc.Client;
    /** Part of the fleet simulator (`sim`, `npm start`): the fake hook and simulated backend are expected, not warned about. */
    simulator?: boolean;
  } = {},
): Promise<Agent> {
  const log = opts.log ?? createLogger(`agent:${config.siteId}`);
  // Before anything opens: a site that must sign and cannot does not start (SiteKeyMissingError, SiteKeyModeTooOpenError).
  const siteKey = SiteKey.open(resolve(config.dataDir), config.burnSigning === 'require');
  const siteId = config.siteId;
  const endpoints = controlEndpoints(config);
  const clock = new AgentClock(config.clock);
  const keys = new SigningKeys(config.signingKeys);
  const revoked = new RevokedLeases();
  const siteBackend = await startSiteBackend(config, { ...opts, log });
  const { backend, models } = siteBackend;
  const admission = new Admission(models, config.sharesPerAccelerator);
  const compute = new ComputeStats(siteBackend.info);
  const outbox = await openSiteOutbox(config, log);
  const registry = new Registry();
  const metrics = agentMetrics(registry, { admission, outbox, controlEndpoints: endpoints.length });

  const hooks = await startSiteHooks({
    ...opts,
    config: config.hook,
    siteId,
    onAccelerators: (accs) => admission.setAccelerators(accs),
    onHookError: metrics.hookError,
    log,
  });

  const inference = await startInferenceServer(
    config,
    {
      siteId,
      keys: () => keys.current,
      admission,
      backend,
      outbox,
      log,
      now: neverBackwards(() => clock.now()),
      isRevoked: (id) => revoked.has(id),
      // Infer appends only after a backend round trip, long after `uploader` below exists.
      onBurn: () => uploader.markDirty(),
      metrics: { infer: metrics.infer },
      onCompute: (model, ms) => compute.record(model, ms),
      receiptKey: () => siteKey.current(),
    },
    log,
  );
  const site = siteIdentity(config, inference, models);

  const mqtt = new MqttLink({
    ...mqttLinkSettings(config),
    log,
    status: () => siteStatus(site, admission),
  });
  const uploader = new BurnUploader({
    siteId,
    link: mqtt,
    outbox,
    settings: burnUploadSettings(config),
    log,
    signingKey: () => siteKey.current(),
  });
  const topics = new SiteTopicHandler({
    acks: uploader,
    keys,
    admission,
    publishStatus: () => mqtt.publishStatus(),
    log,
    onBadMessage: metrics.badMessage,
  });
  mqtt.onMessage((kind, payload) => topics.handle(kind, payload));

  const diskWatch = new DiskFullWatch(outbox, log);
  const telemetry = new TelemetryReporter({
    siteId,
    models,
    pops: config.pops,
    hostMetrics: config.hostMetrics,
    hooks,
    admission,
    outbox,
    compute,
    now: () => clock.now(),
    link: mqtt,
    log,
    beforeReport: async () => {
      edge.expireLeases();
      await diskWatch.tick();
    },
  });
  const { edge, links: control } = createEdgeControl({
    admission,
    clock,
    outbox,
    revoked,
    hello: () => agentHello(site, admission),
    publishStatus: () => mqtt.publishStatus(),
    flushBurns: () => void uploader.flush(),
    offerReplyDelayMs: config.faults.offerReplyDelayMs,
    log,
    onClockSkew: metrics.clockSkew,
    targets: endpoints,
    sharedClient: opts.controlClient,
    credentials: controlChannelCredentials(config.coordinator.tls),
    backoff: config.reconnect,
    onUpChange: reannounceOnStreamUp({ streamsUp: metrics.streamsUp, mqtt, telemetry }),
  });
  backend.onModelsChange?.(() => telemetry.kick()); // withdrawn models leave routing at once
  control.start();
  telemetry.start(config.telemetryIntervalMs);
  mqtt.onConnect(() => {
    telemetry.kick();
    uploader.onConnect();
  });
  uploader.start();

  log.info(
    {
      siteId,
      inferenceEndpoint: inference.endpoint,
      inferenceTls: inference.tls,
      coordinators: endpoints,
    },
    'agent started',
  );
  return {
    siteId,
    inferenceEndpoint: inference.endpoint,
    inferenceTls: inference.tls,
    models,
    backend: siteBackend.info,
    outbox,
    admission,
    metrics: registry,
    mqtt,
    control,
    flushBurns: () => uploader.flush(),
    readiness: () => runChecks(agentChecks({ mqtt, inference, backend }), AGENT_CHECK_TIMEOUT_MS),
    liveness: () => runChecks(agentChecks({ mqtt, inference }), AGENT_CHECK_TIMEOUT_MS),
    close: () =>
      closeAgent({ telemetry, uploader, control, mqtt, inference, backend: siteBackend, outbox }),
  };
}
