import { describeError, type Logger } from '@edgefleet/common';
import type { HalAccelerator } from '@edgefleet/firmware-hooks';
import { pb, type edgefleet } from '@edgefleet/proto';
import type { Admission } from '../admission.js';
import type { AgentConfig } from '../config.js';
import { hostMetrics, type HostSample } from '../host-metrics.js';
import { withOutboxAlarm, type Outbox } from '../outbox/index.js';
import {
  computeMoved,
  HOST_BUSY_MAX_AGE_MS,
  routingSignature,
  type TelemetryCadence,
} from './cadence.js';
import type { ComputeStats } from './compute-stats.js';
import type { HookPoller } from './hook-poller.js';
import { probePops } from './pop-rtt.js';

/** Where telemetry goes (the MQTT link; QoS 0, dropped while offline). */
export interface TelemetryLink {
  publishTelemetry(t: edgefleet.v1.Telemetry): void;
}

export interface TelemetryDeps {
  siteId: string;
  models: readonly string[];
  pops: AgentConfig['pops'];
  /** Sample host CPU, memory and network (config.hostMetrics). */
  hostMetrics: boolean;
  hooks: HookPoller;
  admission: Admission;
  outbox: Pick<Outbox, 'depth' | 'capacity' | 'isFull' | 'diskFull'>;
  /** Coordinator time (AgentClock.now). */
  now: () => number;
  link: TelemetryLink;
  log: Logger;
  /** The backend's measured compute since the last round (drained into each report). */
  compute?: Pick<ComputeStats, 'drain' | 'peek'>;
  /** Change-driven reports with a heartbeat (cadence.ts); without it every tick reports. */
  cadence?: TelemetryCadence;
  /** Monotonic milliseconds for the cadence; default performance.now (a test seam). */
  monotonic?: () => number;
  /** Runs in every round after the hooks are read and before the message is built (lease expiry, so the report's slots are current). */
  beforeReport?: () => void | Promise<void>;
  /** Test seams; default the real TCP probe and the /proc host sample (host-metrics.ts). */
  probe?: (host: string, port: number) => Promise<number | undefined>;
  hostSample?: (maxAgeMs: number) => Promise<HostSample>;
}

/**
 * Per accelerator, slots as the agent sees them: leases hold slots, whatever the tool says. An
 * accelerator admission has no slots for is reported with none free.
 */
export function acceleratorsWithSlots(
  accelerators: readonly HalAccelerator[],
  admission: Admission,
): HalAccelerator[] {
  const perAcc = admission.slotsByAccelerator();
  return accelerators.map((a) => {
    const slots = perAcc.get(a.serial);
    return slots
      ? {
          ...a,
          slots_total: slots.total,
          slots_free: slots.free,
          isolation: slots.isolation as HalAccelerator['isolation'],
        }
      : { ...a, slots_free: 0 };
  });
}

/**
 * One telemetry round (edgefleet/v1/site/{id}/telemetry): read the hooks, probe the PoPs, sample
 * the host, and publish accelerators, power, RTTs, leases, outbox depth and every hook error (the
 * outbox alarm among them). `report()` sends one now (a link came back, models changed); the
 * interval only `tick()`s: with a cadence, a tick reports when what routing depends on changed since
 * the last report (routingSignature: slots, leases, models, hook errors, the outbox alarm) or a
 * model's median compute moved, and otherwise only once the heartbeat is due. An idle site so sends
 * one report per heartbeat instead of one per interval, while a slot taken or freed still goes out
 * at the next tick.
 */
export class TelemetryReporter {
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private sentAtMs: number | undefined;
  private sentSignature = '';
  private readonly reportedP50 = new Map<string, number>();
  private ticking = false;

  constructor(private readonly d: TelemetryDeps) {}

  async report(): Promise<void> {
    await this.send(true);
  }

  /** One report; `expire` runs beforeReport (a change-driven tick has already run it). */
  private async send(expire: boolean): Promise<void> {
    const { d } = this;
    await d.hooks.collect();
    if (expire) await d.beforeReport?.();
    const rtt = await probePops(d.pops, d.probe ? { probe: d.probe } : {});
    const host = d.hostMetrics ? await this.sampleHost() : undefined;
    const t = new pb.Telemetry({
      site_id: d.siteId,
      ts_ms: d.now(),
      seq: ++this.seq,
      accelerators: acceleratorsWithSlots(d.hooks.accelerators, d.admission),
      host: host ?? null,
      site_power_w: d.hooks.sitePowerW,
      rtt,
      models: [...d.models],
      active_leases: d.admission.active,
      outbox_depth: d.outbox.depth,
      hook_errors: withOutboxAlarm(d.hooks.errors, d.outbox),
      compute: d.compute?.drain() ?? null,
    });
    d.link.publishTelemetry(t);
    this.sentAtMs = this.monotonic();
    this.sentSignature = routingSignature(t);
    for (const m of t.compute?.models ?? []) this.reportedP50.set(m.model ?? '', m.p50_ms ?? 0);
  }

  /**
   * One interval's check: reports (and resolves true) when the heartbeat is due, nothing was sent
   * yet, or something routing depends on changed; otherwise only lets expired leases go and
   * rechecks the outbox disk (beforeReport), so that their slots count as changed.
   */
  async tick(): Promise<boolean> {
    if (this.ticking) return false;
    this.ticking = true;
    try {
      if (this.due()) {
        await this.send(true);
        return true;
      }
      await this.d.beforeReport?.();
      if (!this.changed()) return false;
      await this.send(false);
      return true;
    } finally {
      this.ticking = false;
    }
  }

  private due(): boolean {
    const c = this.d.cadence;
    return !c || this.sentAtMs === undefined || this.monotonic() - this.sentAtMs >= c.heartbeatMs;
  }

  private changed(): boolean {
    const { d } = this;
    const now = routingSignature({
      accelerators: acceleratorsWithSlots(d.hooks.accelerators, d.admission),
      active_leases: d.admission.active,
      models: d.models,
      hook_errors: withOutboxAlarm(d.hooks.errors, d.outbox),
    });
    if (now !== this.sentSignature) return true;
    const pct = d.cadence?.computeChangePct ?? 0;
    return d.compute ? computeMoved(d.compute.peek(), this.reportedP50, pct) : false;
  }

  private monotonic(): number {
    return (this.d.monotonic ?? (() => performance.now()))();
  }

  /** A round in the background; a failed one is logged and the next one tries again. */
  kick(): void {
    this.report().catch((err: unknown) => this.failed(err));
  }

  /** Ticks every `intervalMs` (config.telemetryIntervalMs). */
  start(intervalMs: number): void {
    this.timer ??= setInterval(
      () => void this.tick().catch((err: unknown) => this.failed(err)),
      intervalMs,
    );
  }

  private failed(err: unknown): void {
    this.d.log.warn({ err: describeError(err) }, 'telemetry round failed');
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Host metrics are optional: a round goes out without them rather than not at all. While no lease
   * is active an older sample is good enough (cadence.hostIdleMaxAgeMs): the host is sampled less.
   */
  private async sampleHost(): Promise<HostSample | undefined> {
    const idleAge = this.d.cadence?.hostIdleMaxAgeMs ?? HOST_BUSY_MAX_AGE_MS;
    const maxAgeMs = this.d.admission.active > 0 ? HOST_BUSY_MAX_AGE_MS : idleAge;
    try {
      return await (this.d.hostSample ?? hostMetrics)(maxAgeMs);
    } catch (err) {
      this.d.log.debug({ err: describeError(err) }, 'host metrics unavailable this round');
      return undefined;
    }
  }
}
