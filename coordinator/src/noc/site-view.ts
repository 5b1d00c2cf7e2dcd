import { priceAt, type Site } from '../fleet/site.js';

/** A site as the REST API shows it. */
export function siteView(s: Site, nowMs = Date.now()) {
  return {
    siteId: s.siteId,
    name: s.name,
    region: s.region,
    lat: s.lat,
    lon: s.lon,
    state: s.state,
    stateSinceMs: s.stateSinceMs,
    reason: s.reason,
    endpoint: s.endpoint,
    models: s.models,
    slotsTotal: s.slotsTotal,
    slotsFree: s.slotsFree,
    utilization: s.utilization,
    sitePowerW: s.sitePowerW,
    domestic: s.domesticOnly,
    vendors: vendorsOf(s),
    accelerators: s.accelerators.map((a) => ({ ...a })) as Record<string, unknown>[],
    rttMs: Object.fromEntries(s.rttMs),
    lastTelemetryMs: s.lastTelemetryMs,
    outboxDepth: s.outboxDepth,
    activeLeases: s.activeLeases,
    errorRate: s.errorRate,
    reputation: s.reputation,
    drainedByReputation: s.quarantined,
    hookErrors: s.hookErrors.map((h) => ({
      hook: h.hook ?? '',
      code: h.code ?? '',
      message: h.message ?? '',
    })),
    compute: computeView(s),
    signals: { mqtt: s.mqttUp, stream: s.streamUp, status: s.statusState },
    tariff: s.tariff,
    pricePerKwhNow: priceAt(s.tariff, new Date(nowMs).getUTCHours()),
    badMessages: {
      total: s.badMessages.total,
      byReason: { ...s.badMessages.byReason },
      ...(s.badMessages.last ? { last: { ...s.badMessages.last } } : {}),
    },
  };
}

export function vendorsOf(s: Site): string[] {
  const v = new Set<string>();
  for (const a of s.accelerators) if (a.vendor) v.add(a.vendor);
  return [...v].sort();
}

/**
 * The site's backend and its measured compute per request, per model (telemetry): what the NOC
 * shows as real compute time. A simulated backend's times are a configured sleep and say so.
 */
export function computeView(s: Site) {
  const c = s.compute;
  return {
    backend: c.backend,
    executionProvider: c.executionProvider,
    simulated: c.simulated,
    intervalMs: c.intervalMs,
    updatedMs: c.updatedMs,
    models: Object.values(c.models)
      .map((m) => ({ ...m }))
      .sort((a, b) => a.model.localeCompare(b.model)),
  };
}
