import type { HalAccelerator } from '@edgefleet/firmware-hooks';

export interface AdmittedLease {
  leaseId: string;
  holdId: string;
  model: string;
  budget: number;
  burned: number;
  expiresAtMs: number;
  slot: string;
  acceleratorModel: string;
  acceleratorSerial: string;
  multiplier: number;
  /** Fraction of the accelerator this slot is (1 = whole). */
  fraction: number;
  isolation: string;
  /** The MIG instance the lease is pinned to ("MIG-…"); '' for other slots or an unnamed instance. */
  migInstanceUuid: string;
}

export interface Slot {
  id: string;
  acceleratorModel: string;
  acceleratorSerial: string;
  multiplier: number;
  fraction: number;
  isolation: string;
  /** The MIG instance's UUID where the tool prints one; '' otherwise. */
  migInstanceUuid: string;
  leaseId: string | undefined;
  /** The coordinator replica (its target) this slot is delegated to in a capacity quota; undefined = none. */
  delegatedTo?: string | undefined;
}

export type AdmitResult =
  | { ok: true; lease: AdmittedLease }
  | {
      ok: false;
      reason: 'no_capacity' | 'model' | 'draining' | OutboxRefusal | 'expired' | 'isolation';
    };

/**
 * Why the burn outbox cannot take a new lease's burns: `outbox_disk_full` while the disk under it is
 * full (until a write or a space probe succeeds), `outbox_full` at capacity or when it is broken.
 */
export type OutboxRefusal = 'outbox_full' | 'outbox_disk_full';

export function outboxRefusal(o: {
  isFull: boolean;
  diskFull: boolean;
  broken?: unknown;
}): OutboxRefusal | undefined {
  if (o.diskFull) return 'outbox_disk_full';
  if (o.isFull || o.broken !== undefined) return 'outbox_full';
  return undefined;
}

/**
 * The agent is the authority on its own capacity: each lease takes one slot (a whole
 * accelerator, a MIG instance or a time-slice share) and nothing is ever over-admitted.
 */
export class Admission {
  private slots: Slot[] = [];
  private readonly leases = new Map<string, AdmittedLease>();
  draining = false;

  constructor(
    private readonly models: readonly string[],
    private readonly sharesPerAccelerator: number,
  ) {}

  /** Rebuilds the slot table from the hook's accelerators, keeping slots that hold leases. */
  setAccelerators(accs: readonly HalAccelerator[]): void {
    const next: Slot[] = [];
    for (const a of accs) {
      const isMig = a.isolation === 'mig' && a.slots_total > 0;
      const count = isMig ? a.slots_total : this.sharesPerAccelerator;
      const isolation = isMig ? 'mig' : this.sharesPerAccelerator > 1 ? 'timeslice' : 'whole';
      for (let i = 0; i < count; i++) {
        const fraction = isMig ? migFraction(a, i) : 1 / this.sharesPerAccelerator;
        // A MIG instance whose size the tool does not tell is not offered: it would be billed at a guess.
        if (fraction === undefined) continue;
        const id = `${a.index || a.serial}/${i}`;
        const prev = this.slots.find((s) => s.id === id);
        next.push({
          id,
          acceleratorModel: a.model,
          acceleratorSerial: a.serial,
          multiplier: a.multiplier,
          fraction,
          isolation,
          migInstanceUuid: isMig ? (a.mig?.[i]?.uuid ?? '') : '',
          leaseId: prev?.leaseId,
          delegatedTo: prev?.delegatedTo,
        });
      }
    }
    // Slots holding leases that disappeared from the tool output stay until their lease ends.
    for (const s of this.slots) if (s.leaseId && !next.some((n) => n.id === s.id)) next.push(s);
    this.slots = next;
  }

  get slotsTotal(): number {
    return this.slots.length;
  }

  get slotsFree(): number {
    return this.draining ? 0 : this.slots.filter((s) => !s.leaseId).length;
  }

  /**
   * Free slots as one coordinator replica can use them: those of nobody's quota (by offer) and those
   * delegated to it (by its quota); another replica's delegated slots are not. Offer replies carry
   * it, so a replica stops offering a site whose only free slots are another's.
   */
  slotsFreeFor(target: string): number {
    if (this.draining) return 0;
    return this.slots.filter(
      (s) => !s.leaseId && (s.delegatedTo === undefined || s.delegatedTo === target),
    ).length;
  }

  get active(): number {
    return this.leases.size;
  }

  /** Per accelerator serial: slots, free slots (none while draining) and the isolation kind. */
  slotsByAccelerator(): Map<string, { total: number; free: number; isolation: string }> {
    const out = new Map<string, { total: number; free: number; isolation: string }>();
    for (const s of this.slots) {
      const cur = out.get(s.acceleratorSerial) ?? { total: 0, free: 0, isolation: s.isolation };
      cur.total++;
      if (!s.leaseId && !this.draining) cur.free++;
      out.set(s.acceleratorSerial, cur);
    }
    return out;
  }

  get isolations(): string[] {
    return [...new Set(this.slots.map((s) => s.isolation))];
  }

  get(leaseId: string): AdmittedLease | undefined {
    return this.leases.get(leaseId);
  }

  admit(
    o: {
      leaseId: string;
      holdId: string;
      model: string;
      budget: number;
      expiresAtMs: number;
      isolation?: string;
    },
    now: number,
    /** outboxRefusal(outbox); `true` is `outbox_full`. */
    outbox: OutboxRefusal | boolean | undefined,
    /**
     * Which free slots it may take: `offer` (default) only slots delegated to no replica's quota;
     * `token` (a verified token at Infer the agent was not told of) any free slot, its real capacity.
     */
    via: 'offer' | 'token' = 'offer',
  ): AdmitResult {
    const existing = this.leases.get(o.leaseId);
    if (existing) return { ok: true, lease: existing };
    const refused = this.refusal(o, now, outbox);
    if (refused) return refused;
    const want = o.isolation && o.isolation !== '' ? o.isolation : undefined;
    const open = (s: Slot) => !s.leaseId && (via === 'token' || s.delegatedTo === undefined);
    const slot = this.slots.find((s) => open(s) && (!want || s.isolation === want));
    if (!slot)
      return {
        ok: false,
        reason: want && this.slots.some(open) ? 'isolation' : 'no_capacity',
      };
    return { ok: true, lease: this.take(slot, o) };
  }

  /**
   * A lease a coordinator replica admitted against the quota this agent delegated it (QuotaLeases),
   * onto the slot it names. Real capacity decides: the named slot if it is free (and not another
   * replica's), else a free slot of the same kind (model, fraction, isolation) of that replica or
   * of nobody's quota, else refused (`no_capacity`). Never more leases than slots.
   */
  admitNotified(
    o: Parameters<Admission['admit']>[0] & { slot: string },
    from: string,
    now: number,
    outbox: OutboxRefusal | boolean | undefined,
  ): AdmitResult {
    const mine = (s: Slot) => s.delegatedTo === undefined || s.delegatedTo === from;
    const named = this.slots.find((s) => s.id === o.slot);
    const existing = this.leases.get(o.leaseId);
    if (existing) {
      // Admitted at Infer before the notice came, maybe elsewhere: moved to the named slot if free.
      if (existing.slot !== o.slot && named && !named.leaseId && mine(named)) {
        const old = this.slots.find((s) => s.leaseId === o.leaseId);
        if (old) old.leaseId = undefined;
        this.leases.delete(o.leaseId);
        const moved = this.take(named, { ...existing, expiresAtMs: existing.expiresAtMs });
        moved.burned = existing.burned;
        return { ok: true, lease: moved };
      }
      return { ok: true, lease: existing };
    }
    const refused = this.refusal(o, now, outbox);
    if (refused) return refused;
    const sameKind = (s: Slot) =>
      named !== undefined &&
      s.acceleratorModel === named.acceleratorModel &&
      s.fraction === named.fraction &&
      s.isolation === named.isolation;
    const slot =
      named && !named.leaseId && mine(named)
        ? named
        : this.slots.find((s) => !s.leaseId && mine(s) && sameKind(s));
    if (!slot) return { ok: false, reason: 'no_capacity' };
    return { ok: true, lease: this.take(slot, o) };
  }

  /**
   * Delegates slots to coordinator replicas' quotas: `count` slots in all, split evenly among
   * `targets` (the first get one more). A replica keeps the slots it has (those its leases hold
   * included); one that falls short gets free slots of nobody's quota. Replicas not named, and every
   * replica while draining, lose theirs. Returns each target's delegated slots.
   */
  delegate(targets: readonly string[], count: number): Map<string, Slot[]> {
    const out = new Map<string, Slot[]>();
    const live = new Set(this.draining ? [] : targets);
    for (const s of this.slots)
      if (s.delegatedTo && !live.has(s.delegatedTo)) s.delegatedTo = undefined;
    const n = live.size;
    [...live].forEach((t, i) => {
      const want = Math.floor(count / n) + (i < count % n ? 1 : 0);
      const have = this.slots.filter((s) => s.delegatedTo === t);
      // Free ones go back first: a held slot returns to the replica when its lease ends.
      have.sort((a, b) => Number(a.leaseId === undefined) - Number(b.leaseId === undefined));
      for (const s of have.slice(want)) s.delegatedTo = undefined;
      const kept = have.slice(0, want);
      for (const s of this.slots) {
        if (kept.length >= want) break;
        if (!s.leaseId && s.delegatedTo === undefined) {
          s.delegatedTo = t;
          kept.push(s);
        }
      }
      out.set(t, kept);
    });
    return out;
  }

  /**
   * Takes back every slot delegated to `target` (a new stream to that replica: what its old session
   * admitted holds its slots until those leases end, and the new session knows none of them).
   */
  undelegate(target: string): void {
    for (const s of this.slots) if (s.delegatedTo === target) s.delegatedTo = undefined;
  }

  private refusal(
    o: { model: string; expiresAtMs: number },
    now: number,
    outbox: OutboxRefusal | boolean | undefined,
  ): AdmitResult | undefined {
    if (this.draining) return { ok: false, reason: 'draining' };
    if (outbox) return { ok: false, reason: outbox === true ? 'outbox_full' : outbox };
    if (!this.models.includes(o.model)) return { ok: false, reason: 'model' };
    if (o.expiresAtMs <= now) return { ok: false, reason: 'expired' };
    return undefined;
  }

  private take(
    slot: Slot,
    o: { leaseId: string; holdId: string; model: string; budget: number; expiresAtMs: number },
  ): AdmittedLease {
    slot.leaseId = o.leaseId;
    const lease: AdmittedLease = {
      leaseId: o.leaseId,
      holdId: o.holdId,
      model: o.model,
      budget: o.budget,
      burned: 0,
      expiresAtMs: o.expiresAtMs,
      slot: slot.id,
      acceleratorModel: slot.acceleratorModel,
      acceleratorSerial: slot.acceleratorSerial,
      multiplier: slot.multiplier,
      fraction: slot.fraction,
      isolation: slot.isolation,
      migInstanceUuid: slot.migInstanceUuid,
    };
    this.leases.set(o.leaseId, lease);
    return lease;
  }

  renew(leaseId: string, expiresAtMs: number): void {
    const l = this.leases.get(leaseId);
    if (l && expiresAtMs > l.expiresAtMs) l.expiresAtMs = expiresAtMs;
  }

  release(leaseId: string): AdmittedLease | undefined {
    const l = this.leases.get(leaseId);
    if (!l) return undefined;
    this.leases.delete(leaseId);
    const slot = this.slots.find((s) => s.leaseId === leaseId);
    if (slot) slot.leaseId = undefined;
    return l;
  }

  /** Frees the slots of leases past their expiry. Returns the ended lease ids. */
  expire(now: number): string[] {
    const ended: string[] = [];
    for (const l of [...this.leases.values()]) {
      if (l.expiresAtMs <= now) {
        this.release(l.leaseId);
        ended.push(l.leaseId);
      }
    }
    return ended;
  }
}

/**
 * A MIG instance's share of its GPU: its compute slices of the parent's (1g of 7 = 1/7), as the hook
 * read it. A hook that lists no instances at all (the fake simulator) splits the card evenly; one that
 * lists them without a size gives undefined.
 */
function migFraction(a: HalAccelerator, i: number): number | undefined {
  if (!a.mig) return 1 / Math.max(1, a.slots_total);
  return a.mig[i]?.fraction ?? undefined;
}
