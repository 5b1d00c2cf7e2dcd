import type { HealthCheck } from '@edgefleet/common';

/**
 * What an agent needs to serve (GET /readyz on its metrics server, and the systemd watchdog, which
 * pings only while both pass): its MQTT broker connection (telemetry, status, burns) and its
 * Inference gRPC server. The EdgeControl streams are not a condition: a site keeps serving the
 * leases it holds while a coordinator is away (their state is in /metrics).
 */
export function agentChecks(d: {
  mqtt: { readonly connected: boolean };
  inference: { listening(): boolean };
}): HealthCheck[] {
  return [
    { name: 'broker', check: () => d.mqtt.connected || 'not connected to the MQTT broker' },
    {
      name: 'grpc',
      check: () => d.inference.listening() || 'Inference gRPC server not listening',
    },
  ];
}

/** How long /readyz waits for a check (all of the agent's answer at once). */
export const AGENT_CHECK_TIMEOUT_MS = 2_000;
