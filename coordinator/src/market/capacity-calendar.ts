import { FlowGraph } from './max-flow.js';

/** A booked (or proposed) reservation: slots on sites of one class, for a window. */
export interface ReservationSpan {
  id: string;
  /** The sites of the reservation's class, resolved when it was booked (region, kinds, domestic). */
  siteIds: readonly string[];
  slots: number;
  startMs: number;
  endMs: number;
}

export interface CalendarAnswer {
  /** True when the candidate can be placed beside every booked reservation in every instant. */
  ok: boolean;
  /** The most slots of the candidate's class still free over its whole window (the tightest instant). */
  available: number;
  /** Where `available` is reached: the start of the tightest segment. */
  tightestAtMs: number;
}

/**
 * Can a fleet honour one more reservation? Time is cut at every reservation boundary inside the
 * candidate's window; in each segment the question is a bipartite placement — every active
 * reservation's slots onto sites of its class, no site over its capacity (× the oversubscription
 * factor, floored) — answered exactly by a maximum flow. Sites that belong to the same reservations
 * are merged first, so the graph has one node per distinct class overlap, not per site.
 *
 * Booked reservations are placed first and keep their flow (augmenting paths never take flow back
 * from a source edge), so the answer is what is left for the candidate, never a re-shuffle that
 * would starve a booking.
 */
export function canHonour(
  candidate: ReservationSpan,
  booked: readonly ReservationSpan[],
  capacity: ReadonlyMap<string, number>,
  oversubscription = 1,
): CalendarAnswer {
  const overlapping = booked.filter(
    (r) => r.id !== candidate.id && r.startMs < candidate.endMs && r.endMs > candidate.startMs,
  );
  const cuts = new Set([candidate.startMs, candidate.endMs]);
  for (const r of overlapping) {
    if (r.startMs > candidate.startMs) cuts.add(r.startMs);
    if (r.endMs < candidate.endMs) cuts.add(r.endMs);
  }
  const times = [...cuts].sort((a, b) => a - b);
  let available = Infinity;
  let tightestAtMs = candidate.startMs;
  for (let i = 0; i + 1 < times.length; i++) {
    const from = times[i] as number;
    const to = times[i + 1] as number;
    const active = overlapping.filter((r) => r.startMs < to && r.endMs > from);
    const free = freeSlots(candidate, active, capacity, oversubscription);
    if (free < available) {
      available = free;
      tightestAtMs = from;
    }
  }
  if (!Number.isFinite(available)) available = 0;
  return { ok: available >= candidate.slots, available, tightestAtMs };
}

/** Slots the candidate's class can still take in one segment, with `active` placed first. */
function freeSlots(
  candidate: ReservationSpan,
  active: readonly ReservationSpan[],
  capacity: ReadonlyMap<string, number>,
  oversubscription: number,
): number {
  const all = [...active, candidate];
  // Group sites by the set of reservations (indices into `all`) whose class holds them.
  const groups = new Map<string, number>();
  const members = new Map<string, number[]>();
  all.forEach((r, idx) => {
    for (const site of new Set(r.siteIds)) {
      const list = members.get(site);
      if (list) list.push(idx);
      else members.set(site, [idx]);
    }
  });
  for (const [site, idxs] of members) {
    const slots = Math.floor((capacity.get(site) ?? 0) * oversubscription);
    if (slots <= 0) continue;
    const key = idxs.join(',');
    groups.set(key, (groups.get(key) ?? 0) + slots);
  }
  const keys = [...groups.keys()];
  const source = 0;
  const sink = 1 + all.length + keys.length;
  const g = new FlowGraph(sink + 1);
  keys.forEach((key, gi) => {
    const node = 1 + all.length + gi;
    g.addEdge(node, sink, groups.get(key) ?? 0);
    for (const idx of key.split(',').map(Number)) g.addEdge(1 + idx, node, Number.MAX_SAFE_INTEGER);
  });
  const bookedTotal = active.reduce((sum, r) => sum + r.slots, 0);
  active.forEach((r, idx) => g.addEdge(source, 1 + idx, r.slots));
  const placed = g.maxFlow(source, sink);
  // Capacity that shrank under a booking (a site gone) leaves nothing for a newcomer there.
  if (placed < bookedTotal) return 0;
  const classCapacity = [...groups.entries()]
    .filter(([key]) => key.split(',').includes(String(all.length - 1)))
    .reduce((sum, [, slots]) => sum + slots, 0);
  g.addEdge(source, all.length, classCapacity);
  return g.maxFlow(source, sink);
}
