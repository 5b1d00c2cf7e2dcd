import type { Logger } from '@edgefleet/common';
import type { Admission } from '../admission.js';
import { DiskFullWatch } from '../burns/disk-full-watch.js';
import type { AgentConfig } from '../config.js';
import type { FileOutbox } from '../outbox/index.js';
import type { ComputeStats } from './compute-stats.js';
import type { HookPoller } from './hook-poller.js';
import { TelemetryReporter, type TelemetryLink } from './reporter.js';

/**
 * The site's telemetry rounds as configured (PoPs, host metrics, change-driven cadence). Before each report, after the
 * hooks are read: expired leases give their slots back and a full disk under the outbox is probed
 * again (DiskFullWatch), so the slots and the outbox alarm in the message are current. Not started.
 */
export function createSiteTelemetry(
  config: Pick<
    AgentConfig,
    | 'siteId'
    | 'pops'
    | 'hostMetrics'
    | 'telemetryHeartbeatMs'
    | 'telemetryComputeChangePct'
    | 'hostMetricsIdleMs'
  >,
  d: {
    models: readonly string[];
    hooks: HookPoller;
    admission: Admission;
    outbox: FileOutbox;
    compute: ComputeStats;
    /** Coordinator time (AgentClock). */
    clock: { now(): number };
    link: TelemetryLink;
    log: Logger;
    /** Drops leases past their expiry (EdgeControlHandler.expireLeases). */
    expireLeases: () => void;
  },
): TelemetryReporter {
  const diskWatch = new DiskFullWatch(d.outbox, d.log);
  return new TelemetryReporter({
    siteId: config.siteId,
    models: d.models,
    pops: config.pops,
    hostMetrics: config.hostMetrics,
    cadence: {
      heartbeatMs: config.telemetryHeartbeatMs,
      computeChangePct: config.telemetryComputeChangePct,
      hostIdleMaxAgeMs: config.hostMetricsIdleMs,
    },
    hooks: d.hooks,
    admission: d.admission,
    outbox: d.outbox,
    compute: d.compute,
    now: () => d.clock.now(),
    link: d.link,
    log: d.log,
    beforeReport: async () => {
      d.expireLeases();
      await diskWatch.tick();
    },
  });
}
