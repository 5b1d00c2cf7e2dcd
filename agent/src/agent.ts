import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { Counter, Gauge, Registry } from 'prom-client';
import { createLogger, describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import { createHook, type FirmwareHook, type HalAccelerator } from '@edgefleet/firmware-hooks';
import {
  BadMessageError, GRPC_SERVER_OPTIONS, shutdownGrpcServer, InferenceService, MAX_PAYLOAD_BYTES, decodePayload, pb, verifyKeysFromPems, type VerifyKeys, type edgefleet,
} from '@edgefleet/proto';
import { Admission } from './admission.js';
import { AgentClock } from './clock.js';
import { controlEndpoints, type AgentConfig } from './config.js';
import type { InferenceBackend } from './backends/backend.js';
import { createBackend } from './backends/create.js';
import { inferenceHandlers } from './inference-service.js';
import type { ControlLink } from './links/control-link.js';
import { ControlLinks } from './links/control-links.js';
import { controlChannelCredentials, inferenceServerCredentials } from './grpc-tls.js';
import { MqttLink } from './links/mqtt-link.js';
import { openOutbox, withOutboxAlarm, type FileOutbox } from './outbox/index.js';
import { hostMetrics } from './host-metrics.js';
import { tcpConnectRtt } from './rtt-probe.js';

export const AGENT_VERSION = '0.1.0';

const BURN_PUBLISH_TIMEOUT_MS = 10_000;
/** A measured skew beyond this is logged as a warning (the clock is corrected either way when following the coordinator). */
const CLOCK_WARN_MS = 5000;

export class PublishTimeoutError extends EdgefleetError {
  constructor(what: string, ms: number) {
    super('PUBLISH_TIMEOUT', `${what} not acknowledged by the broker within ${ms} ms`, { what, ms });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishTimeoutError(what, ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface Agent {
  siteId: string;
  inferenceEndpoint: string;
  /** Inference is served over TLS with the site certificate. */
  inferenceTls: boolean;
  outbox: FileOutbox;
  admission: Admission;
  metrics: Registry;
  mqtt: MqttLink;
  /** One EdgeControl stream per coordinator replica. */
  control: ControlLinks;
  /** Publishes pending burns now (also runs on its interval). */
  flushBurns(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One edge site's daemon: telemetry over MQTT, leases over EdgeControl, inference over gRPC,
 * burns through the durable outbox.
 */
export async function startAgent(config: AgentConfig, opts: {
  log?: Logger; hook?: FirmwareHook; backend?: InferenceBackend;
  /** EdgeControl channel per coordinator endpoint, shared by many agents in one process (the fleet simulator). */
  controlClient?: (target: string) => grpc.Client;
} = {}): Promise<Agent> {
  const log = opts.log ?? createLogger(`agent:${config.siteId}`);
  const siteId = config.siteId;
  const metrics = new Registry();
  const inferCount = new Counter({ name: 'edgefleet_agent_infer_total', help: 'Inference requests by outcome', labelNames: ['outcome'] as const, registers: [metrics] });
  const outboxDepth = new Gauge({ name: 'edgefleet_agent_outbox_depth', help: 'Unacknowledged burn records', registers: [metrics] });
  const hookErrorsC = new Counter({ name: 'edgefleet_agent_hook_errors_total', help: 'Firmware hook failures', labelNames: ['hook', 'code'] as const, registers: [metrics] });
  const clockSkew = new Gauge({ name: 'edgefleet_agent_clock_skew_ms', help: 'Coordinator clock minus this host clock, measured at the last EdgeControl welcome', registers: [metrics] });
  const badCtl = new Counter({ name: 'edgefleet_agent_bad_messages_total', help: 'Rejected messages from the coordinator', labelNames: ['kind'] as const, registers: [metrics] });
  const endpoints = controlEndpoints(config);
  new Gauge({ name: 'edgefleet_agent_control_endpoints', help: 'Coordinator replicas this agent holds an EdgeControl stream to (configured)', registers: [metrics] }).set(endpoints.length);
  const streamsUp = new Gauge({ name: 'edgefleet_agent_control_streams_up', help: 'EdgeControl streams up (one per coordinator replica)', registers: [metrics] });

  const clock = new AgentClock(config.clock);
  let keys: VerifyKeys = verifyKeysFromPems(config.signingKeys);
  const revoked = new Set<string>();
  const backend = opts.backend ?? await createBackend(config.backend, log);
  const models = [...(backend.models ?? config.models)]; // advertise only what the backend really loaded
  const admission = new Admission(models, config.sharesPerAccelerator);
  // The agent's own answer to "how many leases hold slots here", whichever replicas granted them.
  new Gauge({ name: 'edgefleet_agent_leases_active', help: 'Admitted leases holding a slot', registers: [metrics], collect() {
    this.set(admission.active);
  } });
  new Gauge({ name: 'edgefleet_agent_slots', help: 'Lease slots (accelerators, MIG instances or time-slice shares)', registers: [metrics], collect() {
    this.set(admission.slotsTotal);
  } });
  const hook = opts.hook ?? createHook(config.hook.name, config.hook.name === 'fake' ? { seed: siteId, ...config.hook.options } : config.hook.options);
  const powerHook = config.hook.power ? createHook(config.hook.power, {}) : undefined;

  let accelerators: HalAccelerator[] = [];
  let sitePowerW = 0;
  let hookErrors: edgefleet.v1.HookError.$Properties[] = [];
  const collect = async () => {
    const errs: edgefleet.v1.HookError.$Properties[] = [];
    try {
      const r = await hook.collect({ timeoutMs: config.hook.timeoutMs });
      accelerators = r.accelerators;
      if (r.sitePowerW !== undefined) sitePowerW = r.sitePowerW;
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'HOOK_FAILED';
      errs.push({ hook: hook.name, code, message: describeError(err).slice(0, 500) });
      hookErrorsC.inc({ hook: hook.name, code });
    }
    if (powerHook) {
      try {
        const r = await powerHook.collect({ timeoutMs: config.hook.timeoutMs });
        if (r.sitePowerW !== undefined) sitePowerW = r.sitePowerW;
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'HOOK_FAILED';
        errs.push({ hook: powerHook.name, code, message: describeError(err).slice(0, 500) });
        hookErrorsC.inc({ hook: powerHook.name, code });
      }
    } else {
      sitePowerW = accelerators.reduce((a, x) => a + Math.max(0, x.power_w), 0);
    }
    hookErrors = errs;
    admission.setAccelerators(accelerators);
  };
  await collect();

  const outbox = await openOutbox({
    dir: join(resolve(config.dataDir), 'outbox'),
    siteId,
    capacity: config.outboxCapacity,
    onWarning: (w) => log.warn({ warning: w }, 'outbox warning'),
  });

  // Coordinator time as the inference path stamps burns with it: never backwards. Every welcome (a
  // replica restarted, another replica's stream came up) is a new clock sample that may step the
  // correction back by a few ms; a burn stamped across that step would end before it starts, and
  // the ledger refuses such a record for good (the site's chain would stop at it).
  let lastInferenceNow = 0;
  const inferenceNow = () => (lastInferenceNow = Math.max(lastInferenceNow, clock.now()));
  const server = new grpc.Server(GRPC_SERVER_OPTIONS);
  let burnDirty = false;
  server.addService(InferenceService, inferenceHandlers({
    siteId, keys: () => keys, admission, backend, outbox, log, now: inferenceNow,
    isRevoked: (id) => revoked.has(id),
    onBurn: () => {
      burnDirty = true;
    },
    metrics: { infer: (o) => inferCount.inc({ outcome: o }) },
  }));
  // TLS with the site certificate when the coordinator runs gRPC TLS (docs/security.md); the hello tells the coordinator.
  const inferenceCreds = inferenceServerCredentials(config.coordinator.tls);
  if (config.coordinator.tls.mode !== 'off' && !inferenceCreds.tls) log.warn({ reason: inferenceCreds.plaintextReason }, 'Inference served in plaintext: vehicles pinning the CA refuse this site');
  const boundPort = await new Promise<number>((res, rej) => {
    server.bindAsync(`${config.inference.host}:${config.inference.port}`, inferenceCreds.credentials, (err, p) => (err ? rej(err) : res(p)));
  });
  const inferenceEndpoint = config.inference.advertise ?? `${config.inference.host}:${boundPort}`;

  const statusMsg = (): edgefleet.v1.SiteStatus.$Properties => ({
    site_id: siteId,
    state: admission.draining ? pb.SiteState.SITE_STATE_DRAINING : pb.SiteState.SITE_STATE_ONLINE,
    agent_version: AGENT_VERSION,
    inference_endpoint: inferenceEndpoint,
    lat: config.location.lat,
    lon: config.location.lon,
    region: config.location.region,
  });

  const mqttLink = new MqttLink({ url: config.mqtt.url, siteId, secret: config.secret, keepaliveS: config.mqtt.keepaliveS, connectTimeoutMs: config.mqtt.connectTimeoutMs, log, reconnectBaseMs: config.reconnect.baseMs, reconnectMaxMs: config.reconnect.maxMs, status: statusMsg });

  // Burns: publish everything after `publishedUpTo`; acks drop records; a resend request or a
  // long silence rewinds to the ack mark (the coordinator deduplicates by (site, seq)).
  let publishedUpTo = outbox.ackedSeq;
  let lastAckAt = Date.now();
  let flushing: Promise<void> | undefined;
  const flushBurns = (): Promise<void> => {
    if (flushing) return flushing;
    flushing = (async () => {
      if (!mqttLink.connected) return;
      if (publishedUpTo > outbox.ackedSeq && Date.now() - lastAckAt > 30_000) publishedUpTo = outbox.ackedSeq;
      for (;;) {
        const batch = outbox.pending(Math.max(publishedUpTo, outbox.ackedSeq) + 1, config.burnBatchMax);
        if (batch.length === 0) break;
        // A QoS 1 publish in flight when the broker dies may never complete: bound it, so a lost
        // batch fails this flush (the records stay pending and go again) instead of blocking all later ones.
        await withTimeout(mqttLink.publishBurns(new pb.BurnBatch({ site_id: siteId, records: batch })), BURN_PUBLISH_TIMEOUT_MS, 'burn batch publish');
        publishedUpTo = (batch[batch.length - 1] as { seq: number }).seq;
      }
    })().catch((err: unknown) => log.warn({ err: describeError(err) }, 'burn publish failed; will retry')).finally(() => {
      flushing = undefined;
    });
    return flushing;
  };

  mqttLink.onMessage((kind, payload) => {
    try {
      if (kind === 'ack') {
        const ack = decodePayload(pb.BurnAck, payload, MAX_PAYLOAD_BYTES.ack, 'ack');
        lastAckAt = Date.now();
        if (ack.resend_from > 0) publishedUpTo = Math.min(publishedUpTo, ack.resend_from - 1);
        if (ack.acked_seq > outbox.ackedSeq) {
          outbox.ack(ack.acked_seq).then(() => outboxDepth.set(outbox.depth), (err: unknown) => log.error({ err: describeError(err) }, 'outbox ack failed'));
        }
      } else {
        const cfg = decodePayload(pb.SiteConfig, payload, MAX_PAYLOAD_BYTES.config, 'config');
        if (cfg.signing_keys.length > 0) {
          // Keep every key we have seen: tokens signed before a rotation stay valid until they expire.
          const merged = new Map<string, { kid: string; public_key_pem: string }>();
          for (const k of config.signingKeys) merged.set(k.kid, k);
          for (const k of cfg.signing_keys) merged.set(k.kid ?? '', { kid: k.kid ?? '', public_key_pem: k.public_key_pem ?? '' });
          config.signingKeys = [...merged.values()].filter((k) => k.kid && k.public_key_pem);
          keys = verifyKeysFromPems(config.signingKeys);
        }
        if (cfg.drain !== admission.draining) {
          admission.draining = cfg.drain;
          mqttLink.publishStatus();
        }
      }
    } catch (err) {
      badCtl.inc({ kind: err instanceof BadMessageError ? err.reason : 'invalid' });
      log.warn({ kind, err: describeError(err) }, 'bad message from coordinator dropped');
    }
  });

  const helloMsg = (): edgefleet.v1.AgentHello.$Properties => ({
    site_id: siteId, secret: config.secret, inference_endpoint: inferenceEndpoint, inference_tls: inferenceCreds.tls, models, slots_total: admission.slotsTotal, slots_free: admission.slotsFree, agent_version: AGENT_VERSION,
  });
  /** When the hello went to each replica (for the clock sample its welcome gives). */
  const helloSentAt = new Map<string, number>();
  const replyToOffer = (o: edgefleet.v1.LeaseOffer.$Properties, from: ControlLink): void => {
    const r = admission.admit({ leaseId: o.lease_id ?? '', holdId: o.hold_id ?? '', model: o.model ?? '', budget: Number(o.budget_micro_tokens ?? 0), expiresAtMs: Number(o.expires_at_ms ?? 0), isolation: o.isolation ?? '' }, clock.now(), outbox.isFull || outbox.broken !== undefined);
    from.send({
      offer_reply: r.ok
        ? { offer_id: o.offer_id, admitted: true, slot: r.lease.slot, accelerator_model: r.lease.acceleratorModel, accelerator_serial: r.lease.acceleratorSerial, slots_free: admission.slotsFree }
        : { offer_id: o.offer_id, admitted: false, reason: r.reason, slots_free: admission.slotsFree },
    });
  };
  // Any replica may offer, renew or revoke; one admission table decides, so capacity is never
  // double-booked however many replicas offer at once. An offer is answered on the stream it came on.
  const control = new ControlLinks({
    targets: endpoints,
    ...(opts.controlClient ? { sharedClient: opts.controlClient } : {}),
    credentials: controlChannelCredentials(config.coordinator.tls),
    log,
    backoff: config.reconnect,
    onUpChange: (n, cameUp) => {
      streamsUp.set(n);
      // A replica that just took our stream may have missed our retained status and telemetry (it
      // may have learned of this site only now, at the hello: enrolled through another replica).
      if (cameUp && mqttLink.connected) {
        mqttLink.publishStatus();
        sendTelemetry().catch((err: unknown) => log.warn({ err: describeError(err) }, 'telemetry round failed'));
      }
    },
    hello: (target) => {
      helloSentAt.set(target, clock.local());
      return helloMsg();
    },
    onMessage: (m, from) => {
      if (m.welcome) {
        const skew = clock.sample(helloSentAt.get(from.target) ?? 0, Number(m.welcome.server_time_ms ?? 0), clock.local());
        if (skew !== undefined) {
          clockSkew.set(skew);
          if (Math.abs(skew) > CLOCK_WARN_MS) log.warn({ skewMs: skew, corrected: clock.isSynced }, 'host clock differs from the coordinator; fix NTP (edgefleet-agent doctor)');
        }
      }
      if (m.offer) {
        const o = m.offer;
        if (config.faults.offerReplyDelayMs > 0) setTimeout(() => replyToOffer(o, from), config.faults.offerReplyDelayMs).unref();
        else replyToOffer(o, from);
      } else if (m.renewal) {
        admission.renew(m.renewal.lease_id ?? '', Number(m.renewal.expires_at_ms ?? 0));
      } else if (m.revoke) {
        const id = m.revoke.lease_id ?? '';
        revoked.add(id);
        if (revoked.size > 100_000) revoked.delete(revoked.values().next().value as string);
        admission.release(id);
        control.broadcast({ lease_ended: { lease_id: id, reason: m.revoke.reason ?? 'revoked', slots_free: admission.slotsFree } });
        void flushBurns();
      } else if (m.drain) {
        admission.draining = m.drain.drain ?? false;
        mqttLink.publishStatus();
      }
    },
  });
  control.start();

  let telemetrySeq = 0;
  const sendTelemetry = async () => {
    await collect();
    for (const id of admission.expire(clock.now())) control.broadcast({ lease_ended: { lease_id: id, reason: 'expired', slots_free: admission.slotsFree } });
    const rtt: edgefleet.v1.PopRtt.$Properties[] = [];
    for (const p of config.pops) {
      if (p.simulatedRttMs !== undefined) rtt.push({ pop_id: p.id, rtt_ms: p.simulatedRttMs * (0.9 + Math.random() * 0.2) });
      else if (p.host && p.port) {
        const ms = await tcpConnectRtt(p.host, p.port);
        if (ms !== undefined) rtt.push({ pop_id: p.id, rtt_ms: ms });
      }
    }
    const host = config.hostMetrics ? await hostMetrics().catch(() => undefined) : undefined;
    outboxDepth.set(outbox.depth);
    // Free slots as the agent sees them: leases hold slots, whatever the tool says.
    const perAcc = admission.slotsByAccelerator();
    const accs = accelerators.map((a) => {
      const slots = perAcc.get(a.serial);
      return slots ? { ...a, slots_total: slots.total, slots_free: slots.free, isolation: slots.isolation as HalAccelerator['isolation'] } : { ...a, slots_free: 0 };
    });
    mqttLink.publishTelemetry(new pb.Telemetry({
      site_id: siteId, ts_ms: clock.now(), seq: ++telemetrySeq, accelerators: accs, host: host ?? null, site_power_w: sitePowerW, rtt,
      models, active_leases: admission.active, outbox_depth: outbox.depth, hook_errors: withOutboxAlarm(hookErrors, outbox),
    }));
  };
  const telemetryTimer = setInterval(() => {
    sendTelemetry().catch((err: unknown) => log.warn({ err: describeError(err) }, 'telemetry round failed'));
  }, config.telemetryIntervalMs);
  mqttLink.client.on('connect', () => {
    sendTelemetry().catch((err: unknown) => log.warn({ err: describeError(err) }, 'telemetry round failed'));
    publishedUpTo = outbox.ackedSeq;
    void flushBurns();
  });
  const burnTimer = setInterval(() => {
    if (burnDirty || outbox.depth > 0) {
      burnDirty = false;
      void flushBurns();
    }
  }, config.burnFlushIntervalMs);

  log.info({ siteId, inferenceEndpoint, inferenceTls: inferenceCreds.tls, coordinators: endpoints }, 'agent started');
  return {
    siteId, inferenceEndpoint, inferenceTls: inferenceCreds.tls, outbox, admission, metrics, mqtt: mqttLink, control, flushBurns,
    async close() {
      clearInterval(telemetryTimer);
      clearInterval(burnTimer);
      await flushBurns();
      control.close();
      await mqttLink.close();
      await shutdownGrpcServer(server);
      if (!opts.backend) await backend.close?.(); // a backend passed in belongs to the caller
      await outbox.close();
    },
  };
}
