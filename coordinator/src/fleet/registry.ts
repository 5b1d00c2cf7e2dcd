import { EventEmitter } from 'node:events';
import type { edgefleet } from '@edgefleet/proto';
import { applyCompute } from './site-compute.js';
import { HardwareResolver } from '../hardware/hardware-resolver.js';
import { resolveSiteHardware } from './site-hardware.js';
import {
  deriveLiveness,
  newSite,
  type LivenessSettings,
  type Site,
  type SiteState,
  type TariffWindow,
} from './site.js';

export interface StateChange {
  siteId: string;
  from: SiteState;
  to: SiteState;
  atMs: number;
}

function ewma(prev: number | undefined, sample: number, alpha: number): number {
  return prev === undefined ? sample : prev + alpha * (sample - prev);
}

/**
 * The fleet as the coordinator sees it, rebuilt from telemetry, status and EdgeControl
 * streams (so any replica can rebuild it). Emits 'state' with a StateChange, and 'tariff' with the
 * site id when an enrolled site's tariff is replaced (its config is then published again).
 */
export class FleetRegistry extends EventEmitter<{ state: [StateChange]; tariff: [string] }> {
  private readonly sites = new Map<string, Site>();

  constructor(
    private readonly liveness: LivenessSettings,
    private readonly rttAlpha = 0.3,
    private readonly now: () => number = Date.now,
    /** The coordinator's profile resolution (table + operator mappings): the only source of multipliers. */
    readonly hardware: HardwareResolver = new HardwareResolver(),
  ) {
    super();
  }

  get size(): number {
    return this.sites.size;
  }

  get(siteId: string): Site | undefined {
    return this.sites.get(siteId);
  }

  all(): IterableIterator<Site> {
    return this.sites.values();
  }

  /** Registers an enrolled site (from the database at start, or at enrollment). */
  upsertEnrolled(init: {
    siteId: string;
    name?: string;
    region?: string;
    lat?: number;
    lon?: number;
    tariff?: TariffWindow[];
  }): Site {
    const cur = this.sites.get(init.siteId);
    if (cur) {
      const tariffChanged = init.tariff !== undefined && init.tariff !== cur.tariff;
      Object.assign(
        cur,
        Object.fromEntries(Object.entries(init).filter(([, v]) => v !== undefined)),
      );
      if (tariffChanged) this.emit('tariff', cur.siteId);
      return cur;
    }
    const s = newSite(init);
    this.sites.set(s.siteId, s);
    return s;
  }

  /**
   * Forgets a site (revoked). Its move to offline is emitted first, so its leases fail over and
   * the NOC hears of it like any other site loss. Returns false if the site was not known.
   */
  remove(siteId: string): boolean {
    const s = this.sites.get(siteId);
    if (!s) return false;
    this.sites.delete(siteId);
    if (s.state !== 'offline')
      this.emit('state', { siteId, from: s.state, to: 'offline', atMs: this.now() });
    return true;
  }

  applyTelemetry(t: edgefleet.v1.Telemetry): void {
    const s = this.sites.get(t.site_id);
    if (!s) return;
    const now = this.now();
    s.lastTelemetryMs = now;
    s.lastSeenMs = now;
    s.telemetryCount++;
    s.models = t.models;
    let total = 0;
    let free = 0;
    let util = 0;
    let utilN = 0;
    const isolations = new Set<string>();
    for (const a of t.accelerators) {
      total += a.slots_total ?? 0;
      free += a.slots_free ?? 0;
      if ((a.utilization_pct ?? -1) >= 0) {
        util += a.utilization_pct ?? 0;
        utilN++;
      }
      if (a.isolation) isolations.add(a.isolation);
    }
    this.writeSlots(s, free, total);
    s.utilization = utilN > 0 ? util / utilN / 100 : total > 0 ? 1 - free / total : 0;
    this.writeHardware(s, t.accelerators);
    s.isolations = [...isolations];
    s.sitePowerW = t.site_power_w;
    s.outboxDepth = t.outbox_depth;
    s.activeLeases = t.active_leases;
    s.hookErrors = t.hook_errors;
    if (t.compute) s.compute = applyCompute(s.compute, t.compute, now);
    for (const r of t.rtt) {
      if (r.pop_id && Number.isFinite(r.rtt_ms) && (r.rtt_ms ?? -1) >= 0)
        s.rttMs.set(r.pop_id, ewma(s.rttMs.get(r.pop_id), r.rtt_ms ?? 0, this.rttAlpha));
    }
    this.refresh(s, now);
  }

  /**
   * Resolves a site's accelerators with the coordinator's profiles. The agent's multiplier and
   * domestic flag are never read: multiplier, domestic-only and the kinds come from the resolution.
   */
  private writeHardware(
    s: Site,
    accelerators: readonly edgefleet.v1.Accelerator.$Properties[],
  ): void {
    const hw = resolveSiteHardware(accelerators, this.hardware);
    s.accelerators = hw.accelerators;
    s.hardware = hw.resolved;
    s.unknownHardware = hw.unknown;
    s.multiplier = hw.multiplier;
    s.domesticOnly = hw.domestic;
    s.profileIds = hw.profileIds;
  }

  /** Resolves every site's last reported hardware again (an operator mapped a model string). */
  reresolveHardware(): void {
    for (const s of this.sites.values())
      if (s.accelerators.length) this.writeHardware(s, s.accelerators);
  }

  applyStatus(st: edgefleet.v1.SiteStatus, kind: 'online' | 'draining' | 'offline'): void {
    const s = this.sites.get(st.site_id);
    if (!s) return;
    const now = this.now();
    s.statusState = kind;
    this.setMqttUp(s, kind !== 'offline', now);
    if (kind !== 'offline') s.lastSeenMs = now;
    if (st.inference_endpoint) s.endpoint = st.inference_endpoint;
    if (st.lat || st.lon) {
      s.lat = st.lat;
      s.lon = st.lon;
    }
    if (st.region) s.region = st.region;
    this.refresh(s, now);
  }

  setStream(
    siteId: string,
    up: boolean,
    hello?: {
      endpoint: string;
      endpointTls?: boolean;
      models: string[];
      slotsTotal: number;
      slotsFree: number;
    },
  ): void {
    const s = this.sites.get(siteId);
    if (!s) return;
    const now = this.now();
    if (s.streamUp !== up) s.streamChangedMs = now;
    s.streamUp = up;
    if (up) {
      s.lastSeenMs = now;
      s.hung = false;
    }
    if (hello) {
      if (hello.endpoint) s.endpoint = hello.endpoint;
      s.endpointTls = hello.endpointTls ?? false;
      if (hello.models.length) s.models = hello.models;
      this.writeSlots(s, hello.slotsFree, Math.max(s.slotsTotal, hello.slotsTotal));
    }
    if (!up) s.inflight = 0;
    this.refresh(s, now);
  }

  /**
   * The site's agent missed an EdgeControl keepalive: it is offline (leases rerouted) although its
   * MQTT session may still look up, until its next hello (setStream up).
   */
  markHung(siteId: string): void {
    const s = this.sites.get(siteId);
    if (!s || s.hung) return;
    s.hung = true;
    this.refresh(s, this.now());
  }

  setMqtt(siteId: string, up: boolean): void {
    const s = this.sites.get(siteId);
    if (!s) return;
    const now = this.now();
    this.setMqttUp(s, up, now);
    if (!up) s.statusState = 'offline';
    this.refresh(s, now);
  }

  /** Counts a rejected payload against its site (for the NOC and alerts; not a metric label). */
  noteBadMessage(siteId: string, kind: string, reason: string, message: string): void {
    const s = this.sites.get(siteId);
    if (!s) return;
    const t = s.badMessages;
    t.total++;
    t.byReason[reason] = (t.byReason[reason] ?? 0) + 1;
    t.last = { kind, reason, message: message.slice(0, 300), atMs: this.now() };
  }

  private setMqttUp(s: Site, up: boolean, now: number): void {
    if (s.mqttUp !== up) s.mqttChangedMs = now;
    s.mqttUp = up;
  }

  /** The agent answered an offer or ended a lease: trust its own count of free slots. */
  noteSlots(siteId: string, slotsFree: number): void {
    const s = this.sites.get(siteId);
    if (s) this.writeSlots(s, slotsFree);
  }

  /**
   * The one writer of a site's slot counts. Every report is the agent's own count (the authority on
   * its capacity): its hello, each telemetry sum, each offer reply and lease end; the latest wins.
   * `total` is given only by the reports that carry one (hello, telemetry).
   */
  private writeSlots(s: Site, free: number, total?: number): void {
    s.slotsFree = free;
    if (total !== undefined) s.slotsTotal = total;
  }

  noteError(siteId: string, failed: boolean): void {
    const s = this.sites.get(siteId);
    if (s) s.errorRate = ewma(s.errorRate, failed ? 1 : 0, 0.2);
  }

  /** Re-derives every site's state (telemetry going stale has no event of its own). */
  sweep(): void {
    const now = this.now();
    for (const s of this.sites.values()) this.refresh(s, now);
  }

  countByState(): Record<SiteState, number> {
    const out: Record<SiteState, number> = {
      online: 0,
      degraded: 0,
      draining: 0,
      offline: 0,
      unknown: 0,
    };
    for (const s of this.sites.values()) out[s.state]++;
    return out;
  }

  private refresh(s: Site, now: number): void {
    const { state: next, reason } = deriveLiveness(s, now, this.liveness);
    s.reason = reason;
    if (next !== s.state) {
      const from = s.state;
      s.state = next;
      s.stateSinceMs = now;
      this.emit('state', { siteId: s.siteId, from, to: next, atMs: now });
    }
  }
}
