import type { Registry } from 'prom-client';
import { runChecks, type Readiness } from '@edgefleet/common';
import type { Admission } from './admission.js';
import { closeAgent } from './agent-shutdown.js';
import type { SiteBackend } from './backends/site-backend.js';
import type { InferenceServer } from './inference-server.js';
import type { ControlLinks } from './links/control-links.js';
import type { MqttLink } from './links/mqtt-link.js';
import type { SiteUplink } from './links/site-uplink.js';
import type { FileOutbox } from './outbox/index.js';
import { AGENT_CHECK_TIMEOUT_MS, agentChecks, agentLivenessChecks } from './readiness.js';

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
  /** The Prometheus registry /metrics serves; absent when metrics.enabled is false (the default). */
  metrics?: Registry;
  mqtt: MqttLink;
  /** One EdgeControl stream per coordinator replica. */
  control: ControlLinks;
  /** What GET /readyz answers: MQTT broker connected, Inference gRPC listening, backend healthy. */
  readiness(): Promise<Readiness>;
  /**
   * What the systemd watchdog follows: Inference gRPC only (agentLivenessChecks). A broker that is
   * away, or an upstream inference server that is down, fails /readyz, but restarting the agent
   * would bring neither back and would drop the leases it serves.
   */
  liveness(): Promise<Readiness>;
  /** Publishes pending burns now (also runs on its interval). */
  flushBurns(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What startAgent hands back over a started site: its parts, readiness (backend included) and
 * liveness (without it) from agentChecks, and close() in closeAgent's order.
 */
export function agentHandle(p: {
  siteId: string;
  inference: InferenceServer;
  siteBackend: SiteBackend;
  outbox: FileOutbox;
  admission: Admission;
  metrics?: Registry;
  uplink: Pick<SiteUplink, 'mqtt' | 'uploader'>;
  control: ControlLinks;
  telemetry: { stop(): void };
  /** Pre-granted capacity: revoked (empty grants) before the streams close. */
  quota?: { revokeAll(): void };
}): Agent {
  const { inference, siteBackend, outbox, control, telemetry } = p;
  const { mqtt, uploader } = p.uplink;
  const { backend } = siteBackend;
  return {
    siteId: p.siteId,
    inferenceEndpoint: inference.endpoint,
    inferenceTls: inference.tls,
    models: siteBackend.models,
    backend: siteBackend.info,
    outbox,
    admission: p.admission,
    ...(p.metrics ? { metrics: p.metrics } : {}),
    mqtt,
    control,
    flushBurns: () => uploader.flush(),
    readiness: () => runChecks(agentChecks({ mqtt, inference, backend }), AGENT_CHECK_TIMEOUT_MS),
    liveness: () => runChecks(agentLivenessChecks({ inference }), AGENT_CHECK_TIMEOUT_MS),
    close: () => {
      p.quota?.revokeAll();
      return closeAgent({
        telemetry,
        uploader,
        control,
        mqtt,
        inference,
        backend: siteBackend,
        outbox,
      });
    },
  };
}
