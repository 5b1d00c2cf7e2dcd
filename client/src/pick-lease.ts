/**
 * Lease selection, pure: ranks the leases a session may send a request to. Leases already
 * tried for this request are skipped; leases that have expired by the local clock go last
 * (the agent, not the client clock, has the final word, so they are not dropped); otherwise
 * the lowest peak-EWMA score wins, ties broken by the coordinator's expected RTT and then by
 * the order the coordinator gave (primary first).
 */
export interface LeaseCandidate {
  leaseId: string;
  /** Peak-EWMA score of the lease's endpoint (lower is better). */
  score: number;
  /** Local-clock expiry, ms since epoch; 0 = unknown. */
  expiresAtMs: number;
  /** The coordinator's expected RTT, ms; 0 = unknown. */
  expectedRttMs: number;
  /** Position in the coordinator's answer: 0 = primary, 1.. = hedges. */
  order: number;
}

function compare(a: LeaseCandidate, b: LeaseCandidate, nowMs: number): number {
  const aExpired = a.expiresAtMs > 0 && a.expiresAtMs <= nowMs ? 1 : 0;
  const bExpired = b.expiresAtMs > 0 && b.expiresAtMs <= nowMs ? 1 : 0;
  if (aExpired !== bExpired) return aExpired - bExpired;
  const as = Number.isFinite(a.score) ? a.score : Number.MAX_VALUE;
  const bs = Number.isFinite(b.score) ? b.score : Number.MAX_VALUE;
  if (as !== bs) return as - bs;
  const ar = a.expectedRttMs > 0 ? a.expectedRttMs : Number.MAX_VALUE;
  const br = b.expectedRttMs > 0 ? b.expectedRttMs : Number.MAX_VALUE;
  if (ar !== br) return ar < br ? -1 : 1;
  return a.order - b.order;
}

/** Candidates best first, without those in `exclude` (lease ids). */
export function rankLeases<T extends LeaseCandidate>(
  candidates: readonly T[],
  nowMs: number,
  exclude: ReadonlySet<string> = new Set(),
): T[] {
  return candidates.filter((c) => !exclude.has(c.leaseId)).sort((a, b) => compare(a, b, nowMs));
}

/** The best candidate not in `exclude`, or undefined when none is left. */
export function pickLease<T extends LeaseCandidate>(
  candidates: readonly T[],
  nowMs: number,
  exclude: ReadonlySet<string> = new Set(),
): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (exclude.has(c.leaseId)) continue;
    if (best === undefined || compare(c, best, nowMs) < 0) best = c;
  }
  return best;
}
