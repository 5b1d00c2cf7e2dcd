import type { edgefleet } from '@edgefleet/proto';

export type SiteState = 'online' | 'degraded' | 'draining' | 'offline' | 'unknown';

export interface TariffWindow {
  startHour: number;
  endHour: number;
  pricePerKwh: number;
}

/** What the coordinator knows of one site: enrollment facts plus live signals. */
export interface Site {
  siteId: string;
  name: string;
  region: string;
  lat: number;
  lon: number;
  tariff: TariffWindow[];
  // live signals
  statusState: 'online' | 'draining' | 'offline' | 'unknown';
  mqttUp: boolean;
  streamUp: boolean;
  lastTelemetryMs: number;
  lastSeenMs: number;
  endpoint: string;
  models: string[];
  accelerators: edgefleet.v1.Accelerator.$Properties[];
  slotsTotal: number;
  slotsFree: number;
  /** Offers in flight from this coordinator that the agent has not answered yet. */
  inflight: number;
  sitePowerW: number;
  utilization: number;
  domesticOnly: boolean;
  profileIds: string[];
  isolations: string[];
  multiplier: number;
  /** EWMA RTT (ms) from the site to each PoP, from the agent's probes. */
  rttMs: Map<string, number>;
  /** EWMA of offer/inference errors, 0..1. */
  errorRate: number;
  outboxDepth: number;
  activeLeases: number;
  hookErrors: edgefleet.v1.HookError.$Properties[];
  telemetryCount: number;
  state: SiteState;
  stateSinceMs: number;
}

export function newSite(init: { siteId: string; name?: string; region?: string; lat?: number; lon?: number; tariff?: TariffWindow[] }): Site {
  return {
    siteId: init.siteId,
    name: init.name ?? init.siteId,
    region: init.region ?? '',
    lat: init.lat ?? 0,
    lon: init.lon ?? 0,
    tariff: init.tariff ?? [],
    statusState: 'unknown',
    mqttUp: false,
    streamUp: false,
    lastTelemetryMs: 0,
    lastSeenMs: 0,
    endpoint: '',
    models: [],
    accelerators: [],
    slotsTotal: 0,
    slotsFree: 0,
    inflight: 0,
    sitePowerW: 0,
    utilization: 0,
    domesticOnly: false,
    profileIds: [],
    isolations: [],
    multiplier: 1,
    rttMs: new Map(),
    errorRate: 0,
    outboxDepth: 0,
    activeLeases: 0,
    hookErrors: [],
    telemetryCount: 0,
    state: 'unknown',
    stateSinceMs: 0,
  };
}

export interface LivenessSettings {
  telemetryStaleMs: number;
  offlineAfterMs: number;
}

/**
 * Site state from several signals: the MQTT session (status + last will), the EdgeControl
 * stream, and telemetry freshness. Both links gone = offline at once (a killed agent).
 */
export function deriveState(s: Site, now: number, l: LivenessSettings): SiteState {
  if (s.lastSeenMs === 0 && !s.streamUp && !s.mqttUp) return s.statusState === 'offline' ? 'offline' : 'unknown';
  const fresh = now - s.lastTelemetryMs <= l.telemetryStaleMs;
  if (!s.streamUp && (!s.mqttUp || s.statusState === 'offline')) return 'offline';
  if (now - s.lastSeenMs > l.offlineAfterMs && !s.streamUp) return 'offline';
  if (s.statusState === 'draining') return 'draining';
  if (s.streamUp && s.mqttUp && fresh && s.statusState !== 'offline') return 'online';
  return 'degraded';
}

/** Price per kWh at the given UTC hour from a time-of-use tariff (0 when none applies). */
export function priceAt(tariff: readonly TariffWindow[], hour: number): number {
  for (const w of tariff) {
    if (w.startHour <= w.endHour ? hour >= w.startHour && hour < w.endHour : hour >= w.startHour || hour < w.endHour) return w.pricePerKwh;
  }
  return 0;
}
