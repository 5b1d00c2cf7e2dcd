import { Counter, Gauge, type Registry } from 'prom-client';
import type { Admission } from './admission.js';
import type { Outbox } from './outbox/index.js';
import { AGENT_VERSION } from './version.js';

/** What the agent's parts report into its Prometheus registry (agent/src/metrics-server.ts serves it). */
export interface AgentMetrics {
  infer: (outcome: string) => void;
  hookError: (hook: string, code: string) => void;
  /** Coordinator clock minus this host's, measured at a welcome. */
  clockSkew: (ms: number) => void;
  badMessage: (kind: string) => void;
  streamsUp: (n: number) => void;
  /** A lease a replica admitted against this site's quota, as the agent took it (admitted or refused). */
  quotaLease: (admitted: boolean) => void;
}

/**
 * Registers the agent's metrics. Gauges of state the agent already holds (leases, slots, outbox
 * depth) read it at scrape time, so no code path has to remember to update them.
 */
/** What the scrape-time gauges read. */
export interface AgentMetricsSources {
  admission: Admission;
  outbox: Pick<Outbox, 'depth' | 'diskFull' | 'capacity'>;
  controlEndpoints: number;
}

export function agentMetrics(registry: Registry, src: AgentMetricsSources): AgentMetrics {
  const registers = [registry];
  new Gauge({
    name: 'edgefleet_build_info',
    help: 'Always 1; the running build as labels (component, version, node)',
    labelNames: ['component', 'version', 'node'] as const,
    registers,
  }).set({ component: 'agent', version: AGENT_VERSION, node: process.version }, 1);
  const inferCount = new Counter({
    name: 'edgefleet_agent_infer_total',
    help: 'Inference requests by outcome',
    labelNames: ['outcome'] as const,
    registers,
  });
  new Gauge({
    name: 'edgefleet_agent_outbox_depth',
    help: 'Unacknowledged burn records',
    registers,
    collect() {
      this.set(src.outbox.depth);
    },
  });
  new Gauge({
    name: 'edgefleet_agent_outbox_capacity',
    help: 'Burn records the outbox holds unacknowledged before it refuses new leases (OUTBOX_NEAR_FULL from 80 %)',
    registers,
  }).set(src.outbox.capacity);
  new Gauge({
    name: 'edgefleet_agent_outbox_disk_full',
    help: '1 while the disk under the burn outbox is full (new leases refused until space returns)',
    registers,
    collect() {
      this.set(src.outbox.diskFull ? 1 : 0);
    },
  });
  const hookErrors = new Counter({
    name: 'edgefleet_agent_hook_errors_total',
    help: 'Firmware hook failures',
    labelNames: ['hook', 'code'] as const,
    registers,
  });
  const clockSkew = new Gauge({
    name: 'edgefleet_agent_clock_skew_seconds',
    help: 'Coordinator clock minus this host clock, measured at the last EdgeControl welcome',
    registers,
  });
  const badMessages = new Counter({
    name: 'edgefleet_agent_bad_messages_total',
    help: 'Rejected messages from the coordinator',
    labelNames: ['kind'] as const,
    registers,
  });
  new Gauge({
    name: 'edgefleet_agent_control_endpoints',
    help: 'Coordinator replicas this agent holds an EdgeControl stream to (configured)',
    registers,
  }).set(src.controlEndpoints);
  const streamsUp = new Gauge({
    name: 'edgefleet_agent_control_streams_up',
    help: 'EdgeControl streams up (one per coordinator replica)',
    registers,
  });
  // The agent's own answer to "how many leases hold slots here", whichever replicas granted them.
  new Gauge({
    name: 'edgefleet_agent_leases_active',
    help: 'Admitted leases holding a slot',
    registers,
    collect() {
      this.set(src.admission.active);
    },
  });
  new Gauge({
    name: 'edgefleet_agent_slots',
    help: 'Lease slots (accelerators, MIG instances or time-slice shares)',
    registers,
    collect() {
      this.set(src.admission.slotsTotal);
    },
  });
  const quotaLeases = new Counter({
    name: 'edgefleet_agent_quota_leases_total',
    help: 'Leases coordinator replicas admitted against this site’s capacity quota, by outcome here (admitted, refused: no real capacity)',
    labelNames: ['outcome'] as const,
    registers,
  });
  return {
    infer: (outcome) => inferCount.inc({ outcome }),
    quotaLease: (admitted) => quotaLeases.inc({ outcome: admitted ? 'admitted' : 'refused' }),
    hookError: (hook, code) => hookErrors.inc({ hook, code }),
    clockSkew: (ms) => clockSkew.set(ms / 1000),
    badMessage: (kind) => badMessages.inc({ kind }),
    streamsUp: (n) => streamsUp.set(n),
  };
}
