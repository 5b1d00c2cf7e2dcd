import type { Logger } from '@edgefleet/common';
import type { edgefleet } from '@edgefleet/proto';
import type { Admission, OutboxRefusal, Slot } from '../admission.js';

/** agent config `capacityQuota` (docs/operations.md). */
export interface CapacityQuotaSettings {
  /** Share of the site's slots delegated to coordinator replicas (0 = none: every lease is offered). */
  share: number;
  /** How long a grant lets a replica admit; renewed every ttlMs / 3. */
  ttlMs: number;
}

/** A replica's EdgeControl stream, as the granter needs it (a ControlLink). */
export interface QuotaPort {
  readonly target: string;
  readonly up?: boolean;
  send(m: edgefleet.v1.AgentMessage.$Properties): boolean;
}

/**
 * Pre-granted site capacity, the agent's side (docs/architecture.md). The agent delegates
 * floor(share × its slots) to the coordinator replicas whose welcome says they take quotas, split
 * among them (each gets its own, disjoint slots), and renews each grant every ttlMs / 3. It revokes
 * (an empty grant) when its real capacity shrinks: draining, shutting down, an outbox that refuses
 * new leases; a device that goes away leaves the slot table and so the next grant, sent at once.
 * Slots delegated to a replica are not given to offers; the leases a replica admits against them
 * come in QuotaLeases notices (EdgeControlHandler), and any token still goes through the admission
 * table at Infer, so the site never serves more leases than it has slots.
 */
export class QuotaGranter {
  private readonly replicas = new Map<string, QuotaPort>();
  /** What each replica was last granted (slot ids joined), to send changes at once. */
  private readonly sent = new Map<string, string>();
  private epoch = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly d: {
      admission: Admission;
      settings: CapacityQuotaSettings;
      /** outboxRefusal(outbox): a site that cannot record burns grants nothing. */
      outbox: () => OutboxRefusal | undefined;
      log: Logger;
    },
  ) {}

  get enabled(): boolean {
    return this.d.settings.share > 0;
  }

  /** A replica's welcome: one that takes quotas gets a grant at once. */
  onWelcome(w: edgefleet.v1.Welcome.$Properties, from: QuotaPort): void {
    if (!this.enabled || this.closed) return;
    // A new stream: the replica's new session holds no lease, so it is granted free slots only.
    this.d.admission.undelegate(from.target);
    if (w.accepts_quota === true) this.replicas.set(from.target, from);
    else this.replicas.delete(from.target);
    this.sent.delete(from.target);
    this.refresh();
  }

  /** Renews every grant each ttlMs / 3 (and notices streams that went down). */
  start(): void {
    if (!this.enabled || this.timer) return;
    const every = Math.max(50, Math.floor(this.d.settings.ttlMs / 3));
    this.timer = setInterval(() => this.refresh(true), every);
    this.timer.unref();
  }

  /**
   * Recomputes the grants from the slot table now; sends those that changed (all with `renew`).
   * Called on the renewal tick and whenever capacity may have changed (accelerators, drain).
   */
  refresh(renew = false): void {
    if (!this.enabled) return;
    for (const [t, p] of this.replicas)
      if (p.up === false) {
        this.replicas.delete(t);
        this.sent.delete(t);
      }
    const { admission } = this.d;
    const refusing = this.closed || this.d.outbox() !== undefined;
    const count = refusing ? 0 : Math.floor(this.d.settings.share * admission.slotsTotal);
    const grants = admission.delegate(refusing ? [] : [...this.replicas.keys()], count);
    for (const [target, port] of this.replicas) {
      const slots = grants.get(target) ?? [];
      const key = slots.map((s) => s.id).join(',');
      if (!renew && this.sent.get(target) === key) continue;
      if (this.sent.get(target) !== key)
        this.d.log.info({ coordinator: target, slots: slots.length }, 'capacity quota granted');
      this.sent.set(target, key);
      port.send({ quota: this.grantOf(slots) });
    }
  }

  /** Revokes every grant (an empty one to each replica): the agent is shutting down. */
  revokeAll(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.enabled || this.closed) return;
    this.closed = true;
    this.refresh(true);
  }

  private grantOf(slots: readonly Slot[]): edgefleet.v1.CapacityQuota.$Properties {
    return {
      epoch: ++this.epoch,
      ttl_ms: slots.length > 0 ? this.d.settings.ttlMs : 0,
      slots_free: this.d.admission.slotsFree,
      slots: slots.map((s) => ({
        slot: s.id,
        accelerator_model: s.acceleratorModel,
        accelerator_serial: s.acceleratorSerial,
        mig_instance_uuid: s.migInstanceUuid,
        isolation: s.isolation,
      })),
    };
  }
}
