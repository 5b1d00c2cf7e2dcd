import { join, resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { Registry } from 'prom-client';
import { createLogger, runChecks, type Logger, type Readiness } from '@edgefleet/common';
import type { FirmwareHook } from '@edgefleet/firmware-hooks';
import { Admission } from './admission.js';
import { agentMetrics } from './agent-metrics.js';
import { AgentClock, neverBackwards } from './clock.js';
import { controlEndpoints, type AgentConfig } from './config.js';
import type { InferenceBackend } from './backends/backend.js';
import { createBackend } from './backends/create.js';
import { BurnUploader, burnUploadSettings } from './burns/uploader.js';
import { EdgeControlHandler } from './control/edge-control.js';
import { RevokedLeases } from './control/revoked-leases.js';
import { SigningKeys } from './control/signing-keys.js';
import { agentHello, siteStatus, type SiteIdentity } from './control/site-announce.js';
import { SiteTopicHandler } from './control/site-topics.js';
import { controlChannelCredentials } from './grpc-tls.js';
import { startInferenceServer } from './inference-server.js';
import { ControlLinks } from './links/control-links.js';
import { MqttLink } from './links/mqtt-link.js';
import { AGENT_CHECK_TIMEOUT_MS, agentChecks } from './readiness.js';
import { openOutbox, type FileOutbox } from './outbox/index.js';
import { SiteKey } from './site-key.js';
import { HookPoller, hooksFromConfig } from './telemetry/hook-poller.js';
import { ComputeStats } from './telemetry/compute-stats.js';
import { DiskFullWatch } from './burns/disk-full-watch.js';
import { selectHook } from './telemetry/hook-select.js';
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
  const backend = opts.backend ?? (await createBackend(config.backend, log));
  // Advertise only what the backend really loaded (an ONNX model that failed its hash is not offered);
  // the backend's own array, which the HTTP proxy's discovery keeps current in place.
  const models = backend.models ?? [...config.models];
  const admission = new Admission(models, config.sharesPerAccelerator);
  const backendInfo = {
    kind: backend.kind,
    ...(backend.executionProvider ? { executionProvider: backend.executionProvider } : {}),
  };
  const compute = new ComputeStats(backendInfo);
  const outbox = await openOutbox({
    dir: join(resolve(config.dataDir), 'outbox'),
    siteId,
    capacity: config.outboxCapacity,
    onWarning: (w) => log.warn({ warning: w }, 'outbox warning'),
  });
  const registry = new Registry();
  const metrics = agentMetrics(registry, { admission, outbox, controlEndpoints: endpoints.length });

  // `auto` becomes the vendor tool found here, or `none`; never the simulated `fake` hook.
  const hook = opts.hook
    ? { config: config.hook, source: 'configured' as const }
    : await selectHook(config.hook);
  if (hook.source !== 'configured')
    log.info(
      { hook: hook.config.name, tool: hook.detected?.path },
      `firmware hook ${hook.config.name} (${hook.source})`,
    );
  if (hook.config.name === 'none')
    log.warn(
      'no accelerator tool found (hook none): this site reports no accelerators and admits no lease; install the vendor driver and tool, or set hook.name',
    );
  if (!opts.hook && !opts.simulator && hook.config.name === 'fake')
    log.warn(
      'hook fake: simulated accelerators (for the simulator and tests; never on a real site)',
    );
  if (!opts.backend && !opts.simulator && config.backend.kind === 'simulated')
    log.warn(
      'backend simulated: answers are not computed (for the simulator and tests; never on a real site)',
    );
  // The first hook round fills the slot table before anything can admit a lease.
  const hooks = new HookPoller({
    ...hooksFromConfig(hook.config, siteId, opts.hook),
    timeoutMs: config.hook.timeoutMs,
    onAccelerators: (accs) => admission.setAccelerators(accs),
    onHookError: metrics.hookError,
  });
  await hooks.collect();

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
    },
    log,
  );
  const site: SiteIdentity = {
    siteId,
    secret: config.secret,
    inferenceEndpoint: inference.endpoint,
    inferenceTls: inference.tls,
    models,
    location: config.location,
  };

  const mqtt = new MqttLink({
    url: config.mqtt.url,
    siteId,
    secret: config.secret,
    keepaliveS: config.mqtt.keepaliveS,
    connectTimeoutMs: config.mqtt.connectTimeoutMs,
    log,
    reconnectBaseMs: config.reconnect.baseMs,
    reconnectMaxMs: config.reconnect.maxMs,
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

  const edge = new EdgeControlHandler({
    admission,
    clock,
    outbox,
    revoked,
    hello: () => agentHello(site, admission),
    broadcast: (m) => control.broadcast(m),
    publishStatus: () => mqtt.publishStatus(),
    flushBurns: () => void uploader.flush(),
    offerReplyDelayMs: config.faults.offerReplyDelayMs,
    log,
    onClockSkew: metrics.clockSkew,
  });
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
  const control = new ControlLinks({
    targets: endpoints,
    ...(opts.controlClient ? { sharedClient: opts.controlClient } : {}),
    credentials: controlChannelCredentials(config.coordinator.tls),
    log,
    backoff: config.reconnect,
    hello: (target) => edge.hello(target),
    onMessage: (m, from) => edge.onMessage(m, from),
    onUpChange: (n, cameUp) => {
      metrics.streamsUp(n);
      // A replica that just took our stream may have missed our retained status and telemetry (it
      // may have learned of this site only now, at the hello: enrolled through another replica).
      if (cameUp && mqtt.connected) {
        mqtt.publishStatus();
        telemetry.kick();
      }
    },
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
    backend: backendInfo,
    outbox,
    admission,
    metrics: registry,
    mqtt,
    control,
    flushBurns: () => uploader.flush(),
    readiness: () => runChecks(agentChecks({ mqtt, inference, backend }), AGENT_CHECK_TIMEOUT_MS),
    liveness: () => runChecks(agentChecks({ mqtt, inference }), AGENT_CHECK_TIMEOUT_MS),
    async close() {
      telemetry.stop();
      await uploader.stop();
      control.close();
      await mqtt.close();
      await inference.close();
      if (!opts.backend) await backend.close?.(); // a backend passed in belongs to the caller
      await outbox.close();
    },
  };
}
