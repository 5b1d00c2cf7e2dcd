import type { ActiveReservation } from './guarantee.js';

/** market.preemption in the coordinator's config (docs/market.md "Preemption"). */
export interface PreemptionSettings {
  /** Off: no Acquire preempts anything (a reserved one is refused as before). */
  enabled: boolean;
  /** How long a victim keeps serving after its notice (ms) before its lease is revoked. */
  graceMs: number;
  /** 0: only reservation holders preempt. n > 0: an Acquire also preempts a best-effort lease at least n priorities below its own. */
  minPriorityGap: number;
}

/** Why a lease is preempted (the `reason` label of edgefleet_preemptions_total). */
export type PreemptReason = 'reservation' | 'priority';

/** The Acquire that needs a slot. */
export interface Preemptor {
  customerId: string;
  priority: number;
  reason: PreemptReason;
  /** The sites it may take a slot on (its reservations' sites, or every site that would serve it). */
  siteIds: ReadonlySet<string>;
}

/** A live lease as the victim choice sees it. */
export interface RunningLease {
  leaseId: string;
  holdId: string;
  siteId: string;
  customerId: string;
  /** The priority its Acquire asked for. */
  priority: number;
  /** When it was granted (epoch ms). */
  startedAtMs: number;
  /** Held by a customer with an active reservation covering its site: never preempted. */
  reserved: boolean;
  /** Already given notice (by an earlier preemptor): never chosen twice. */
  noticed: boolean;
}

/**
 * Who the Acquire should preempt, if anyone: one best-effort lease (never more: a preemptor needs
 * one slot, and a lease already given notice is someone else's slot) on one of its sites, of
 * another customer, not reserved; for `priority`, at least `minPriorityGap` below the preemptor.
 *
 * Order: the lowest priority first (the ranking the customers asked for), then the youngest (it has
 * done the least work, so the least is lost and its customer's session has the least to move —
 * the older lease has a longer record of serving and more likely warmed caches on its site; the
 * market simulation uses the same rule), then the lease id (a deterministic answer).
 */
export function pickVictim(
  p: Preemptor,
  leases: Iterable<RunningLease>,
  minPriorityGap: number,
): RunningLease | undefined {
  let best: RunningLease | undefined;
  for (const l of leases) {
    if (l.reserved || l.noticed || l.customerId === p.customerId || !p.siteIds.has(l.siteId))
      continue;
    if (
      p.reason === 'priority' &&
      !(minPriorityGap > 0 && p.priority - l.priority >= minPriorityGap)
    )
      continue;
    if (!best || before(l, best)) best = l;
  }
  return best;
}

function before(a: RunningLease, b: RunningLease): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.startedAtMs !== b.startedAtMs) return a.startedAtMs > b.startedAtMs;
  return a.leaseId < b.leaseId;
}

/**
 * Whether a customer's Acquire may preempt, and on which sites: a reservation holder inside its
 * window that is still owed slots (its slots less its leases on the reservation's sites), on the
 * sites of those reservations; otherwise, with a priority gap configured, a request of priority
 * above the gap, on any site. Undefined: it preempts nobody.
 */
export function preemptorOf(
  customerId: string,
  priority: number,
  active: readonly ActiveReservation[],
  leasesOf: (customerId: string, siteIds: readonly string[]) => number,
  s: PreemptionSettings,
  allSites: () => Iterable<string>,
): Preemptor | undefined {
  if (!s.enabled) return undefined;
  const reserved = new Set<string>();
  for (const r of active) {
    if (r.customerId !== customerId) continue;
    if (r.slots - leasesOf(customerId, r.siteIds) <= 0) continue;
    for (const siteId of r.siteIds) reserved.add(siteId);
  }
  if (reserved.size > 0) return { customerId, priority, reason: 'reservation', siteIds: reserved };
  if (s.minPriorityGap > 0 && priority >= s.minPriorityGap)
    return { customerId, priority, reason: 'priority', siteIds: new Set(allSites()) };
  return undefined;
}

/** Whether a lease of `customerId` on `siteId` is held under an active reservation (never preempted). */
export function isReserved(
  customerId: string,
  siteId: string,
  active: readonly ActiveReservation[],
): boolean {
  return active.some((r) => r.customerId === customerId && r.siteIds.includes(siteId));
}
