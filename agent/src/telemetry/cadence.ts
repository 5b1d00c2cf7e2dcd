import type { edgefleet } from '@edgefleet/proto';

/** When the agent reports (config.telemetryHeartbeatMs, telemetryComputeChangePct, hostMetricsIdleMs). */
export interface TelemetryCadence {
  /** The longest gap between two reports while nothing routing depends on changes. */
  heartbeatMs: number;
  /** A model's median compute moving by more than this share (%) since it was last reported reports at once. */
  computeChangePct: number;
  /** Host sample age accepted while no lease is active (5 s while one is). */
  hostIdleMaxAgeMs: number;
}

/** Host sample age accepted while a lease is active. */
export const HOST_BUSY_MAX_AGE_MS = 5000;

/**
 * What the coordinator routes on, as one comparable string: per accelerator its slots (total, free,
 * isolation), the active leases, the advertised models, and the hook errors with the outbox alarm
 * (by hook and code). Readings that wander every round (power, temperature, utilisation, RTTs, host
 * load) are left out: they go with the heartbeat.
 */
export function routingSignature(t: {
  accelerators: readonly Pick<
    edgefleet.v1.Accelerator.$Properties,
    'serial' | 'slots_total' | 'slots_free' | 'isolation'
  >[];
  active_leases: number;
  models: readonly string[];
  hook_errors: readonly Pick<edgefleet.v1.HookError.$Properties, 'hook' | 'code'>[];
}): string {
  return JSON.stringify([
    t.accelerators.map((a) => [a.serial, a.slots_total, a.slots_free, a.isolation]),
    t.active_leases,
    t.models,
    t.hook_errors.map((e) => [e.hook, e.code]),
  ]);
}

/**
 * Whether a model's median compute moved past `pct` % of what was last reported for it (or has
 * never been reported). `reported` keeps each model's last reported median.
 */
export function computeMoved(
  current: readonly { model: string; p50_ms: number }[],
  reported: ReadonlyMap<string, number>,
  pct: number,
): boolean {
  return current.some(({ model, p50_ms }) => {
    const before = reported.get(model);
    if (before === undefined) return true;
    const base = Math.max(Math.abs(before), 1e-3);
    return (Math.abs(p50_ms - before) / base) * 100 > pct;
  });
}
