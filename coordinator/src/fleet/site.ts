import type { edgefleet } from '@edgefleet/proto';
import { emptyCompute, type SiteCompute } from './site-compute.js';
import type { UnknownAccelerator } from '../hardware/resolve-accelerator.js';
import type { ResolvedAccelerator } from './site-hardware.js';

export type SiteState = 'online' | 'degraded' | 'draining' | 'offline' | 'unknown';

/**
 * Why a site is in its state. "Link lost" (one of MQTT / EdgeControl down, the other up) is
 * told apart from "site failed" (both down): a link-lost site keeps serving the leases it
 * holds and meters burns locally, so it stays degraded for the autonomy window before it is
 * taken offline; a failed site is offline at once.
 */
export type SiteReason =
  | 'ok'
  | 'never_seen'
  | 'draining'
  | 'telemetry_stale'
  | 'mqtt_lost'
  | 'stream_lost'
  | 'link_lost_expired'
  | 'site_failed'
  | 'silent'
  | 'hung';

/** A small per-site tally of rejected MQTT payloads, by reason (siteId is no Prometheus label). */
export interface BadMessageTally {
  total: number;
  byReason: Record<string, number>;
  last?: { kind: string; reason: string; message: string; atMs: number };
}

export interface TariffWindow {
  startHour: number;
  endHour: number;
  pricePerKwh: number;
}

/** Same windows in the same order (JSONB reorders an object's keys, so JSON text can't tell). */
export function sameTariff(a: readonly TariffWindow[], b: readonly TariffWindow[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (w, i) =>
        w.startHour === b[i]?.startHour &&
        w.endHour === b[i]?.endHour &&
        w.pricePerKwh === b[i]?.pricePerKwh,
    )
  );
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
  /** Its agent missed an EdgeControl keepalive (frozen process): offline until it says hello again. */
  hung: boolean;
  lastTelemetryMs: number;
  lastSeenMs: number;
  endpoint: string;
  /** The site serves Inference over TLS (its EdgeControl hello says so); leases carry it as endpoint_tls. */
  endpointTls: boolean;
  models: string[];
  /** As reported, with profile_id, multiplier and domestic replaced by the coordinator's resolution. */
  accelerators: edgefleet.v1.Accelerator.$Properties[];
  /** The coordinator's profile for each accelerator (and MIG instance), by serial. */
  hardware: ResolvedAccelerator[];
  /** Hardware the coordinator cannot price: while any is listed the site is not routable. */
  unknownHardware: UnknownAccelerator[];
  slotsTotal: number;
  slotsFree: number;
  /** Offers in flight from this coordinator that the agent has not answered yet. */
  inflight: number;
  sitePowerW: number;
  utilization: number;
  /** Every accelerator resolves to a domestic profile (coordinator's table, never the agent's flag). */
  domesticOnly: boolean;
  profileIds: string[];
  isolations: string[];
  /** Highest multiplier among the site's resolved accelerators (coordinator's table). */
  multiplier: number;
  /** EWMA RTT (ms) from the site to each PoP, from the agent's probes. */
  rttMs: Map<string, number>;
  /** EWMA of offer/inference errors, 0..1. */
  errorRate: number;
  outboxDepth: number;
  activeLeases: number;
  hookErrors: edgefleet.v1.HookError.$Properties[];
  /** The backend behind the Inference port and its measured compute per model (telemetry). */
  compute: SiteCompute;
  telemetryCount: number;
  state: SiteState;
  reason: SiteReason;
  stateSinceMs: number;
  /** When the MQTT session / EdgeControl stream last went up or down (0 = never). */
  mqttChangedMs: number;
  streamChangedMs: number;
  badMessages: BadMessageTally;
  /** Spot-check reputation in [0, 1] (1 = every canary passed; coordinator/src/spot-checks/). Routing scores it. */
  reputation: number;
  /** Drained by its reputation: not routable for new leases until an operator reinstates it. */
  quarantined: boolean;
}

export function newSite(init: {
  siteId: string;
  name?: string;
  region?: string;
  lat?: number;
  lon?: number;
  tariff?: TariffWindow[];
}): Site {
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
    hung: false,
    lastTelemetryMs: 0,
    lastSeenMs: 0,
    endpoint: '',
    endpointTls: false,
    models: [],
    accelerators: [],
    hardware: [],
    unknownHardware: [],
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
    compute: emptyCompute(),
    telemetryCount: 0,
    state: 'unknown',
    reason: 'never_seen',
    stateSinceMs: 0,
    mqttChangedMs: 0,
    streamChangedMs: 0,
    badMessages: { total: 0, byReason: {} },
    reputation: 1,
    quarantined: false,
  };
}

export interface LivenessSettings {
  telemetryStaleMs: number;
  offlineAfterMs: number;
  /** How long a site with one link lost (the other up) stays degraded before it is offline. */
  autonomyWindowMs?: number;
}

export const DEFAULT_AUTONOMY_WINDOW_MS = 30_000;

/**
 * Site state from several signals: the MQTT session (status + last will), the EdgeControl
 * stream, and telemetry freshness. Both links gone = site failed, offline at once (a killed
 * agent); one link gone = link lost, degraded for the autonomy window, then offline.
 */
export function deriveLiveness(
  s: Site,
  now: number,
  l: LivenessSettings,
): { state: SiteState; reason: SiteReason } {
  if (s.hung) return { state: 'offline', reason: 'hung' };
  const mqttLive = s.mqttUp && s.statusState !== 'offline';
  if (s.lastSeenMs === 0 && !s.streamUp && !s.mqttUp)
    return s.statusState === 'offline'
      ? { state: 'offline', reason: 'site_failed' }
      : { state: 'unknown', reason: 'never_seen' };
  if (!s.streamUp && !mqttLive) return { state: 'offline', reason: 'site_failed' };
  if (now - s.lastSeenMs > l.offlineAfterMs && !s.streamUp)
    return { state: 'offline', reason: 'silent' };
  if (!s.streamUp || !mqttLive) {
    // A link that never came up counts as lost since the other one came up.
    const lostSince =
      (!s.streamUp ? s.streamChangedMs : s.mqttChangedMs) ||
      Math.max(s.mqttChangedMs, s.streamChangedMs);
    if (lostSince > 0 && now - lostSince > (l.autonomyWindowMs ?? DEFAULT_AUTONOMY_WINDOW_MS))
      return { state: 'offline', reason: 'link_lost_expired' };
    if (s.statusState === 'draining') return { state: 'draining', reason: 'draining' };
    return { state: 'degraded', reason: s.streamUp ? 'mqtt_lost' : 'stream_lost' };
  }
  if (s.statusState === 'draining') return { state: 'draining', reason: 'draining' };
  if (now - s.lastTelemetryMs > l.telemetryStaleMs)
    return { state: 'degraded', reason: 'telemetry_stale' };
  return { state: 'online', reason: 'ok' };
}

export function deriveState(s: Site, now: number, l: LivenessSettings): SiteState {
  return deriveLiveness(s, now, l).state;
}

/** Price per kWh at the given UTC hour from a time-of-use tariff (0 when none applies). */
export function priceAt(tariff: readonly TariffWindow[], hour: number): number {
  for (const w of tariff) {
    if (
      w.startHour <= w.endHour
        ? hour >= w.startHour && hour < w.endHour
        : hour >= w.startHour || hour < w.endHour
    )
      return w.pricePerKwh;
  }
  return 0;
}
