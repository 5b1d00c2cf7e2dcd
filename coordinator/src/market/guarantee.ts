/** What the Acquire path needs of a reservation active now. */
export interface ActiveReservation {
  id: string;
  customerId: string;
  siteIds: readonly string[];
  slots: number;
}

/**
 * The sites an Acquire of `customerId` must leave alone so that every reservation of another
 * customer active now keeps its guaranteed slots: for each such reservation, what its customer
 * still may claim (its slots less the leases it holds on its sites now) must stay free on its
 * sites; where one more lease would take the free count below that, all its sites are excluded for
 * everyone else. Each reservation is checked on its own (the calendar already placed them jointly
 * at booking), so with reservations sharing sites this is a per-reservation floor, not a joint one.
 */
export function guardedSites(
  customerId: string,
  active: readonly ActiveReservation[],
  freeSlots: (siteId: string) => number,
  leasesOf: (customerId: string, siteIds: readonly string[]) => number,
): Set<string> {
  const out = new Set<string>();
  for (const r of active) {
    if (r.customerId === customerId) continue;
    const owed = Math.max(0, r.slots - leasesOf(r.customerId, r.siteIds));
    if (owed === 0) continue;
    const free = r.siteIds.reduce((n, s) => n + Math.max(0, freeSlots(s)), 0);
    if (free - 1 < owed) for (const s of r.siteIds) out.add(s);
  }
  return out;
}
