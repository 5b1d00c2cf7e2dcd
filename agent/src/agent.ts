import { join, resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { createLogger, describeError, type Logger } from '@edgefleet/common';
import type { FirmwareHook } from '@edgefleet/firmware-hooks';
import { Admission, outboxRefusal } from './admission.js';
import { VerifiedTokens } from './verified-tokens.js';
import { agentHandle, type Agent } from './agent-handle.js';
import { AgentClock, neverBackwards } from './clock.js';
import { controlEndpoints, type AgentConfig } from './config.js';
import type { InferenceBackend } from './backends/backend.js';
import { startSiteBackend } from './backends/site-backend.js';
import { QuotaGranter } from './control/capacity-quota.js';
import { reannounceOnStreamUp } from './control/reannounce.js';
import { RevokedLeases } from './control/revoked-leases.js';
import { MAC_KEYS_FILE, MacKeys } from './control/mac-keys.js';
import { SigningKeys } from './control/signing-keys.js';
import { agentHello, siteIdentity } from './control/site-announce.js';
import { edgeControlSettings } from './control/edge-control-settings.js';
import { createEdgeControl } from './control/start-edge-control.js';
import { startInferenceServer } from './inference-server.js';
import { setUpMetrics } from './metrics-setup.js';
import { createSiteUplink } from './links/site-uplink.js';
import { SiteKey } from './site-key.js';
import { ComputeStats } from './telemetry/compute-stats.js';
import { openSiteOutbox } from './burns/site-outbox.js';
import { startSiteHooks } from './telemetry/site-hooks.js';
import { createSiteTelemetry } from './telemetry/site-telemetry.js';

export { AGENT_VERSION } from './version.js';
export { PublishTimeoutError } from './burns/uploader.js';
export type { Agent } from './agent-handle.js';

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
  const macKeys = new MacKeys(join(resolve(config.dataDir), MAC_KEYS_FILE), (err) =>
    log.warn({ err: describeError(err) }, 'lease-token MAC keys file: not read or not written'),
  );
  const revoked = new RevokedLeases();
  const siteBackend = await startSiteBackend(config, { ...opts, log });
  const { backend, models } = siteBackend;
  const admission = new Admission(models, config.sharesPerAccelerator);
  const compute = new ComputeStats(siteBackend.info);
  const outbox = await openSiteOutbox(config, log);
  const { registry, metrics } = await setUpMetrics(config.metrics.enabled, {
    admission,
    outbox,
    controlEndpoints: endpoints.length,
  });
  const quota = new QuotaGranter({
    admission,
    settings: config.capacityQuota,
    outbox: () => outboxRefusal(outbox),
    log,
  });

  const hooks = await startSiteHooks({
    ...opts,
    config: config.hook,
    siteId,
    onAccelerators: (accs) => {
      admission.setAccelerators(accs);
      quota.refresh(); // a device gone leaves the grant at once
    },
    onHookError: metrics.hookError,
    log,
  });

  const inference = await startInferenceServer(
    config,
    {
      siteId,
      keys: () => keys.current,
      verifiedTokens: new VerifiedTokens(),
      macKeys: () => macKeys.current,
      admission,
      backend,
      outbox,
      log,
      now: neverBackwards(() => clock.now()),
      isRevoked: (id) => revoked.has(id),
      // Infer appends only after a backend round trip, long after `uplink` below exists.
      onBurn: () => uplink.uploader.markDirty(),
      metrics: { infer: metrics.infer },
      onCompute: (model, ms) => compute.record(model, ms),
      receiptKey: () => siteKey.current(),
    },
    log,
  );
  const site = siteIdentity(config, inference, models);
  const uplink = createSiteUplink(config, {
    site,
    admission,
    keys,
    outbox,
    signingKey: () => siteKey.current(),
    log,
    onBadMessage: metrics.badMessage,
  });
  const { mqtt } = uplink;
  const telemetry = createSiteTelemetry(config, {
    models,
    hooks,
    admission,
    outbox,
    compute,
    clock,
    link: mqtt,
    log,
    expireLeases: () => edge.expireLeases(),
  });
  const { edge, links: control } = createEdgeControl({
    admission,
    clock,
    outbox,
    revoked,
    macKeys,
    hello: () => agentHello(site, admission),
    publishStatus: () => mqtt.publishStatus(),
    flushBurns: () => void uplink.uploader.flush(),
    log,
    onClockSkew: metrics.clockSkew,
    quota,
    onQuotaLease: metrics.quotaLease,
    ...edgeControlSettings(config),
    sharedClient: opts.controlClient,
    onUpChange: reannounceOnStreamUp({ streamsUp: metrics.streamsUp, mqtt, telemetry }),
  });
  backend.onModelsChange?.(() => telemetry.kick()); // withdrawn models leave routing at once
  control.start();
  quota.start();
  telemetry.start(config.telemetryIntervalMs);
  uplink.start(() => telemetry.kick());

  log.info(
    {
      siteId,
      inferenceEndpoint: inference.endpoint,
      inferenceTls: inference.tls,
      coordinators: endpoints,
    },
    'agent started',
  );
  return agentHandle({
    siteId,
    inference,
    siteBackend,
    outbox,
    admission,
    ...(registry ? { metrics: registry } : {}),
    uplink,
    control,
    telemetry,
    quota,
  });
}
