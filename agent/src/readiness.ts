import type { HealthCheck } from '@edgefleet/common';

/**
 * What an agent needs to serve (GET /readyz on its metrics server): its MQTT broker connection
 * (telemetry, status, burns), its Inference gRPC server, and a backend that can serve (the HTTP
 * proxy's upstream answers and serves a model). The EdgeControl streams are not a condition: a site
 * keeps serving the leases it holds while a coordinator is away (their state is in /metrics). The
 * systemd watchdog follows less (agentLivenessChecks).
 */
export function agentChecks(d: {
  mqtt: { readonly connected: boolean };
  inference: { listening(): boolean };
  /** A backend that can tell (the HTTP proxy: its upstream answers and serves a model). */
  backend?: { health?(): true | string };
}): HealthCheck[] {
  const health = d.backend?.health?.bind(d.backend);
  return [
    { name: 'broker', check: () => d.mqtt.connected || 'not connected to the MQTT broker' },
    {
      name: 'grpc',
      check: () => d.inference.listening() || 'Inference gRPC server not listening',
    },
    ...(health ? [{ name: 'backend', check: health }] : []),
  ];
}

/**
 * What the systemd watchdog follows: the Inference gRPC server only. Not the broker: leases come
 * over EdgeControl and burns wait in the outbox, so a site keeps serving the vehicles it holds
 * leases for while its broker is away, and a restart would kill those leases without bringing a
 * remote broker back (the MQTT client reconnects on its own). Not the backend: a restart would not
 * bring a local inference server back either.
 */
export function agentLivenessChecks(d: { inference: { listening(): boolean } }): HealthCheck[] {
  return [
    {
      name: 'grpc',
      check: () => d.inference.listening() || 'Inference gRPC server not listening',
    },
  ];
}

/** How long /readyz waits for a check (all of the agent's answer at once). */
export const AGENT_CHECK_TIMEOUT_MS = 2_000;
