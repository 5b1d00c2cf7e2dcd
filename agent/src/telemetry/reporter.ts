import { describeError, type Logger } from '@edgefleet/common';
import type { HalAccelerator } from '@edgefleet/firmware-hooks';
import { pb, type edgefleet } from '@edgefleet/proto';
import type { Admission } from '../admission.js';
import type { AgentConfig } from '../config.js';
import { hostMetrics, type HostSample } from '../host-metrics.js';
import { withOutboxAlarm, type Outbox } from '../outbox/index.js';
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
  compute?: Pick<ComputeStats, 'drain'>;
  /** Runs in every round after the hooks are read and before the message is built (lease expiry, so the report's slots are current). */
  beforeReport?: () => void | Promise<void>;
  /** Test seams; default the real TCP probe and the /proc host sample (host-metrics.ts). */
  probe?: (host: string, port: number) => Promise<number | undefined>;
  hostSample?: () => Promise<HostSample>;
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
 * outbox alarm among them). Runs on an interval and whenever a link comes back.
 */
export class TelemetryReporter {
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly d: TelemetryDeps) {}

  async report(): Promise<void> {
    const { d } = this;
    await d.hooks.collect();
    await d.beforeReport?.();
    const rtt = await probePops(d.pops, d.probe ? { probe: d.probe } : {});
    const host = d.hostMetrics ? await this.sampleHost() : undefined;
    d.link.publishTelemetry(
      new pb.Telemetry({
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
      }),
    );
  }

  /** A round in the background; a failed one is logged and the next one tries again. */
  kick(): void {
    this.report().catch((err: unknown) =>
      this.d.log.warn({ err: describeError(err) }, 'telemetry round failed'),
    );
  }

  start(intervalMs: number): void {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Host metrics are optional: a round goes out without them rather than not at all. */
  private async sampleHost(): Promise<HostSample | undefined> {
    try {
      return await (this.d.hostSample ?? hostMetrics)();
    } catch (err) {
      this.d.log.debug({ err: describeError(err) }, 'host metrics unavailable this round');
      return undefined;
    }
  }
}
