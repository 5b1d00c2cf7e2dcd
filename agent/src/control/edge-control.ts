import type { Logger } from '@edgefleet/common';
import type { edgefleet } from '@edgefleet/proto';
import { outboxRefusal, type Admission } from '../admission.js';
import type { AgentClock } from '../clock.js';
import type { FileOutbox } from '../outbox/index.js';
import type { QuotaGranter } from './capacity-quota.js';
import type { MacKeys } from './mac-keys.js';
import type { RevokedLeases } from './revoked-leases.js';

/** A measured skew beyond this is logged as a warning (the clock is corrected either way when following the coordinator). */
export const CLOCK_WARN_MS = 5000;

/** The EdgeControl stream a message came on (a ControlLink); an offer is answered on it. */
export interface ReplyPort {
  readonly target: string;
  /** False once the stream is down (a ControlLink); absent = unknown. */
  readonly up?: boolean;
  send(m: edgefleet.v1.AgentMessage.$Properties): boolean;
}

export interface EdgeControlDeps {
  admission: Admission;
  clock: AgentClock;
  /** A full, broken or out-of-disk outbox could not record the new lease's burns: offers are refused (outboxRefusal). */
  outbox: Pick<FileOutbox, 'isFull' | 'broken' | 'diskFull'>;
  revoked: RevokedLeases;
  /** The site's ef2 lease-token MAC keys; each replica's LeaseMacKeys replaces what it sent before. */
  macKeys: MacKeys;
  /** The hello as of now (slots change between reconnects). */
  hello: () => edgefleet.v1.AgentHello.$Properties;
  /** To every live stream (ControlLinks.broadcast). */
  broadcast: (m: edgefleet.v1.AgentMessage.$Properties) => void;
  /** Republishes the retained MQTT status (a drain changes it). */
  publishStatus: () => void;
  /** Publishes pending burns now (after a revoke the coordinator settles the lease sooner). */
  flushBurns: () => void;
  /** faults.offerReplyDelayMs: a slow site for drills; 0 answers at once. */
  offerReplyDelayMs: number;
  log: Logger;
  /** Each measured coordinator − host clock skew (the clock-skew gauge). */
  onClockSkew?: (skewMs: number) => void;
  /** Pre-granted capacity (capacity-quota.ts); absent = no quota, every lease is offered. */
  quota?: QuotaGranter;
  /** Each lease a replica admitted against its quota: admitted here or refused (no real capacity). */
  onQuotaLease?: (admitted: boolean) => void;
}

/**
 * What the agent does with EdgeControl messages from any coordinator replica: a welcome is a clock
 * sample; an offer goes through admission and is answered on the stream it came on; renewals,
 * revokes and drains change the one admission table, so capacity is never double-booked however
 * many replicas offer at once. Leases that end (revoked, expired) are told to every replica.
 */
export class EdgeControlHandler {
  /** When the hello went to each replica (for the clock sample its welcome gives). */
  private readonly helloSentAt = new Map<string, number>();

  constructor(private readonly d: EdgeControlDeps) {}

  /** The hello for one replica's stream; remembers when it went. */
  hello(target: string): edgefleet.v1.AgentHello.$Properties {
    this.helloSentAt.set(target, this.d.clock.local());
    return this.d.hello();
  }

  onMessage(m: edgefleet.v1.CoordinatorMessage, from: ReplyPort): void {
    const { admission } = this.d;
    // Keepalive: answered at once on the stream it came on (a late pong marks the site hung).
    if (m.ping) {
      from.send({ pong: { seq: m.ping.seq ?? 0 } });
      return;
    }
    if (m.welcome) {
      this.onWelcome(m.welcome, from.target);
      this.d.quota?.onWelcome(m.welcome, from);
    }
    if (m.mac_keys) {
      this.d.macKeys.set(from.target, m.mac_keys);
    } else if (m.offer) {
      const o = m.offer;
      if (this.d.offerReplyDelayMs > 0)
        setTimeout(() => this.replyToOffer(o, from), this.d.offerReplyDelayMs).unref();
      else this.replyToOffer(o, from);
    } else if (m.quota_leases) {
      for (const l of m.quota_leases.leases ?? []) this.takeQuotaLease(l, from);
    } else if (m.renewal) {
      admission.renew(m.renewal.lease_id ?? '', Number(m.renewal.expires_at_ms ?? 0));
    } else if (m.revoke) {
      const id = m.revoke.lease_id ?? '';
      this.d.revoked.add(id);
      admission.release(id);
      this.leaseEnded(id, m.revoke.reason ?? 'revoked');
      this.d.flushBurns();
    } else if (m.drain) {
      admission.draining = m.drain.drain ?? false;
      this.d.publishStatus();
      this.d.quota?.refresh(); // a draining site delegates nothing
    }
  }

  /** Frees the slots of leases past their expiry (coordinator time) and tells every replica. */
  expireLeases(): void {
    for (const id of this.d.admission.expire(this.d.clock.now())) this.leaseEnded(id, 'expired');
  }

  private onWelcome(w: edgefleet.v1.Welcome.$Properties, target: string): void {
    const { clock } = this.d;
    const skew = clock.sample(
      this.helloSentAt.get(target) ?? 0,
      Number(w.server_time_ms ?? 0),
      clock.local(),
    );
    if (skew === undefined) return;
    this.d.onClockSkew?.(skew);
    if (Math.abs(skew) > CLOCK_WARN_MS)
      this.d.log.warn(
        { skewMs: skew, corrected: clock.isSynced },
        'host clock differs from the coordinator; fix NTP (edgefleet-agent doctor)',
      );
  }

  private replyToOffer(o: edgefleet.v1.LeaseOffer.$Properties, from: ReplyPort): void {
    const { admission, outbox } = this.d;
    const r = admission.admit(
      {
        leaseId: o.lease_id ?? '',
        holdId: o.hold_id ?? '',
        model: o.model ?? '',
        budget: Number(o.budget_micro_tokens ?? 0),
        expiresAtMs: Number(o.expires_at_ms ?? 0),
        isolation: o.isolation ?? '',
      },
      this.d.clock.now(),
      outboxRefusal(outbox),
    );
    from.send({
      offer_reply: r.ok
        ? {
            offer_id: o.offer_id,
            admitted: true,
            slot: r.lease.slot,
            accelerator_model: r.lease.acceleratorModel,
            accelerator_serial: r.lease.acceleratorSerial,
            mig_instance_uuid: r.lease.migInstanceUuid,
            slots_free: admission.slotsFreeFor(from.target),
          }
        : {
            offer_id: o.offer_id,
            admitted: false,
            reason: r.reason,
            slots_free: admission.slotsFreeFor(from.target),
          },
    });
  }

  /**
   * A lease the replica admitted against the quota this agent granted it: onto the slot it names,
   * as real capacity allows. Refused (the slot went to another lease, a device went away), the
   * replica is told at once (LeaseEnded, its quota slot is free again) and the token meets the
   * admission table at Infer like any other: admitted if a slot is free then, else SITE_AT_CAPACITY.
   */
  private takeQuotaLease(l: edgefleet.v1.QuotaLease.$Properties, from: ReplyPort): void {
    const id = l.lease_id ?? '';
    if (!id || this.d.revoked.has(id)) return;
    const r = this.d.admission.admitNotified(
      {
        leaseId: id,
        holdId: l.hold_id ?? '',
        model: l.model ?? '',
        budget: Number(l.budget_micro_tokens ?? 0),
        expiresAtMs: Number(l.expires_at_ms ?? 0),
        isolation: l.isolation ?? '',
        slot: l.slot ?? '',
      },
      from.target,
      this.d.clock.now(),
      outboxRefusal(this.d.outbox),
    );
    this.d.onQuotaLease?.(r.ok);
    if (r.ok) return;
    // The grant follows what refused it (an outbox that cannot record burns now revokes it) at
    // once, not at the next renewal: the replica stops admitting leases this site would refuse.
    this.d.quota?.refresh();
    this.d.log.warn(
      { leaseId: id, slot: l.slot, reason: r.reason, coordinator: from.target },
      'quota lease refused: no real capacity for it',
    );
    from.send({
      lease_ended: {
        lease_id: id,
        reason: `refused: ${r.reason}`,
        slots_free: this.d.admission.slotsFree,
      },
    });
  }

  private leaseEnded(leaseId: string, reason: string): void {
    this.d.broadcast({
      lease_ended: { lease_id: leaseId, reason, slots_free: this.d.admission.slotsFree },
    });
  }
}
