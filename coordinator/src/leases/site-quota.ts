import type { edgefleet } from '@edgefleet/proto';

/** One slot an agent delegated: what an OfferReply admitting a lease onto it would say. */
export interface QuotaSlot {
  slot: string;
  acceleratorModel: string;
  acceleratorSerial: string;
  migInstanceUuid: string;
  isolation: string;
}

/** A local admission: the slot taken and the grant it was taken under. */
export interface QuotaAdmission extends QuotaSlot {
  epoch: number;
}

interface Held {
  leaseId: string;
  expiresAtMs: number;
}

interface SiteQuota {
  epoch: number;
  /** This replica's clock: the grant's ttl counted from when it arrived (no clock is compared). */
  expiresAtMs: number;
  slots: Map<string, QuotaSlot>;
  /** The granted slots no lease of this replica holds: taken from the end, O(1) on the Acquire path. */
  free: QuotaSlot[];
}

/**
 * A held slot whose lease passed its expiry this long ago is free again at the next grant (renewals
 * come every ttl / 3) even if no end was heard (a lease whose registration failed is never tracked;
 * the agent frees it at expiry by itself).
 */
export const HELD_GRACE_MS = 2_000;

/**
 * Pre-granted site capacity on this replica (docs/architecture.md, "the agent is the authority on
 * its own capacity"). Each agent may delegate slots to this replica (CapacityQuota); a lease is
 * admitted here, without an offer round trip, onto a delegated slot that no live lease of this
 * replica holds. Invariants, each checked by site-quota.test.ts:
 * - never more leases held on a site than its live grant's slots (one lease per slot);
 * - no admission once the grant expired, was revoked (no slots) or its stream ended (drop);
 * - a lease that ends (released, revoked, expired, ended by the agent) gives its slot back.
 * The agent still checks every lease at Infer and refuses beyond its real capacity.
 */
export class SiteQuotas {
  private readonly quotas = new Map<string, SiteQuota>();
  /** Per site: slot → the lease of this replica on it. Kept across regrants of the same stream. */
  private readonly held = new Map<string, Map<string, Held>>();
  /** lease id → where it is held. */
  private readonly byLease = new Map<string, { siteId: string; slot: string }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A grant from the site's agent; it replaces the one before. No slots = the quota is revoked. */
  grant(siteId: string, q: edgefleet.v1.CapacityQuota.$Properties): void {
    const slots = (q.slots ?? []).map((s) => ({
      slot: s.slot ?? '',
      acceleratorModel: s.accelerator_model ?? '',
      acceleratorSerial: s.accelerator_serial ?? '',
      migInstanceUuid: s.mig_instance_uuid ?? '',
      isolation: s.isolation ?? '',
    }));
    const ttlMs = q.ttl_ms ?? 0;
    if (slots.length === 0 || ttlMs <= 0) {
      this.quotas.delete(siteId);
      return;
    }
    const now = this.now();
    const held = this.held.get(siteId);
    const granted = new Map(slots.filter((s) => s.slot !== '').map((s) => [s.slot, s]));
    // Each grant (a renewal too) recounts the free slots: a held slot whose lease passed its expiry
    // without an end heard is free again from here.
    const free: QuotaSlot[] = [];
    for (const s of granted.values()) {
      const h = held?.get(s.slot);
      if (h && h.expiresAtMs + HELD_GRACE_MS <= now) {
        held?.delete(s.slot);
        this.byLease.delete(h.leaseId);
      }
      if (!held?.has(s.slot)) free.push(s);
    }
    free.reverse(); // taken from the end: the agent's order first
    this.quotas.set(siteId, {
      epoch: Number(q.epoch ?? 0),
      expiresAtMs: now + ttlMs,
      slots: granted,
      free,
    });
  }

  /** The site's stream ended: its quota and what this replica held on it are gone. */
  drop(siteId: string): void {
    this.quotas.delete(siteId);
    const held = this.held.get(siteId);
    if (held) for (const h of held.values()) this.byLease.delete(h.leaseId);
    this.held.delete(siteId);
  }

  /** Admits a lease onto a free delegated slot of the site, or undefined (no live quota, none free). */
  admit(
    siteId: string,
    lease: { leaseId: string; isolation: string; expiresAtMs: number },
  ): QuotaAdmission | undefined {
    const q = this.quotas.get(siteId);
    const now = this.now();
    if (!q) return undefined;
    if (q.expiresAtMs <= now) {
      this.quotas.delete(siteId);
      return undefined;
    }
    const want = lease.isolation;
    let i = q.free.length - 1;
    if (want) while (i >= 0 && q.free[i]?.isolation !== want) i--;
    if (i < 0) return undefined;
    const slot = q.free[i] as QuotaSlot;
    q.free.splice(i, 1);
    let held = this.held.get(siteId);
    if (!held) this.held.set(siteId, (held = new Map()));
    held.set(slot.slot, { leaseId: lease.leaseId, expiresAtMs: lease.expiresAtMs });
    this.byLease.set(lease.leaseId, { siteId, slot: slot.slot });
    return { ...slot, epoch: q.epoch };
  }

  /** The lease now runs until expiresAtMs (a renewal). */
  renew(leaseId: string, expiresAtMs: number): void {
    const at = this.byLease.get(leaseId);
    const h = at && this.held.get(at.siteId)?.get(at.slot);
    if (h && h.leaseId === leaseId) h.expiresAtMs = Math.max(h.expiresAtMs, expiresAtMs);
  }

  /** The lease ended (released, revoked, expired, refused by the agent): its slot is free again. */
  ended(leaseId: string): void {
    const at = this.byLease.get(leaseId);
    if (!at) return;
    this.byLease.delete(leaseId);
    const held = this.held.get(at.siteId);
    if (held?.get(at.slot)?.leaseId !== leaseId) return;
    held.delete(at.slot);
    const q = this.quotas.get(at.siteId);
    const granted = q?.slots.get(at.slot);
    if (granted) q?.free.push(granted);
  }

  /** Delegated slots no lease of this replica holds, under a live grant (0 without one). */
  free(siteId: string): number {
    const q = this.quotas.get(siteId);
    if (!q || q.expiresAtMs <= this.now()) return 0;
    return q.free.length;
  }

  /** Sites with a live grant here and their free delegated slots (the metrics). */
  summary(): { sites: number; slotsFree: number } {
    let sites = 0;
    let slotsFree = 0;
    for (const siteId of this.quotas.keys()) {
      if (!this.has(siteId)) continue;
      sites++;
      slotsFree += this.free(siteId);
    }
    return { sites, slotsFree };
  }

  /** True while the site has a live grant here. */
  has(siteId: string): boolean {
    const q = this.quotas.get(siteId);
    return q !== undefined && q.expiresAtMs > this.now();
  }
}
