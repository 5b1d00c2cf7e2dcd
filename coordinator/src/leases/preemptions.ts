import { describeError, type Logger } from '@edgefleet/common';
import type { PreemptReason, RunningLease } from '../market/index.js';
import type { CoordinatorMetrics } from '../metrics.js';

interface Pending {
  victim: RunningLease;
  /** The customer whose Acquire the slot goes to. */
  claimant: string;
  timer: NodeJS.Timeout;
  /** Each preemptor waiting on this slot (one: a victim is never chosen twice). */
  freed: () => void;
}

export interface PreemptionPorts {
  /** Tells the victim's watchers (KIND_PREEMPTED with its deadline). */
  notify(victim: RunningLease, reason: PreemptReason, deadlineMs: number): void;
  /** Ends the victim's lease now: the agent is told (LeaseRevoke "preempted"), the ledger ends it. */
  revoke(victim: RunningLease): Promise<void>;
}

/**
 * The notices given and not yet carried out on this replica: each victim keeps serving until its
 * deadline (now + graceMs), then is revoked; the preemptor waits for that (or for the lease to end
 * sooner — its customer released it) and takes the slot. Nothing here touches the Acquire hot path:
 * LeaseService asks only after a refusal for want of a free slot.
 */
export class Preemptions {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly graceMs: number,
    private readonly ports: PreemptionPorts,
    private readonly metrics: Pick<CoordinatorMetrics, 'preemptions'>,
    private readonly log: Logger,
  ) {}

  /** Whether this lease was already given notice (it is not chosen again). */
  noticed(leaseId: string): boolean {
    return this.pending.has(leaseId);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Slots on these sites already being freed for this customer (they count as its own). */
  claimedBy(customerId: string, siteIds: readonly string[]): number {
    let n = 0;
    for (const p of this.pending.values())
      if (p.claimant === customerId && siteIds.includes(p.victim.siteId)) n++;
    return n;
  }

  /** Gives the victim notice; resolves once its slot is free (revoked at the deadline, or ended before). */
  preempt(
    victim: RunningLease,
    reason: PreemptReason,
    claimant: string,
    now = Date.now(),
  ): Promise<void> {
    const deadlineMs = now + this.graceMs;
    this.metrics.preemptions.inc({ reason });
    this.log.info(
      { leaseId: victim.leaseId, siteId: victim.siteId, customerId: victim.customerId, reason },
      'lease preempted: notice given',
    );
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(victim.leaseId)) return;
        this.ports.revoke(victim).then(resolve, (err: unknown) => {
          this.log.error(
            { leaseId: victim.leaseId, err: describeError(err) },
            'preempted lease revocation failed',
          );
          reject(err as Error);
        });
      }, this.graceMs);
      timer.unref();
      this.pending.set(victim.leaseId, { victim, claimant, timer, freed: resolve });
      this.ports.notify(victim, reason, deadlineMs);
    });
  }

  /** A lease ended for another reason (Release, expiry, site loss): its slot is free now. */
  ended(leaseId: string): void {
    const p = this.pending.get(leaseId);
    if (!p) return;
    this.pending.delete(leaseId);
    clearTimeout(p.timer);
    p.freed();
  }

  /** Stops every timer (shutdown): the victims keep their leases, the preemptors wait no more. */
  close(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.freed();
    }
    this.pending.clear();
  }
}
