import { pb, type edgefleet } from '@edgefleet/proto';
import type { Candidate, RouteResult } from '../routing/route.js';

/**
 * The answer to an Acquire: the first lease is the primary, the rest hedges. The route explanation
 * (winner, runner-up, counts) is built only when the request asks for it (AcquireRequest.explain):
 * most callers never read it, and it cost a few µs and several objects per Acquire.
 */
export function acquireResponse(
  req: Pick<edgefleet.v1.AcquireRequest, 'explain'>,
  routed: RouteResult & { attachment: string },
  leases: readonly edgefleet.v1.Lease[],
  winner: Candidate,
): edgefleet.v1.AcquireResponse {
  const res = new pb.AcquireResponse({ primary: leases[0] ?? null, hedges: leases.slice(1) });
  if (req.explain) {
    const runnerUp = routed.ranked.find((c) => c.site.siteId !== winner.site.siteId);
    res.explanation = explanationMsg(routed, winner, runnerUp);
  }
  return res;
}

function explanationMsg(
  routed: RouteResult & { attachment: string },
  winner: Candidate | undefined,
  runnerUp: Candidate | undefined,
): edgefleet.v1.RouteExplanation {
  return new pb.RouteExplanation({
    ...(winner ? { winner: candidateMsg(winner) } : {}),
    ...(runnerUp ? { runner_up: candidateMsg(runnerUp) } : {}),
    considered: routed.considered,
    eligible: routed.eligible,
    rejected: Object.fromEntries(Object.entries(routed.rejected).map(([k, v]) => [k, v ?? 0])),
    status: routed.status,
    attachment: routed.attachment,
  });
}

export function candidateMsg(c: Candidate): edgefleet.v1.Candidate.$Properties {
  return {
    site_id: c.site.siteId,
    score: c.score,
    rtt_ms: Number.isNaN(c.rttMs) ? 0 : c.rttMs,
    rtt_source: c.rttSource,
    cost_micro_tokens_per_hour: c.costPerTokenHour,
    load: c.load,
    error_rate: c.site.errorRate,
    price_per_kwh: c.pricePerKwh,
    free_slots: Math.max(0, c.freeSlots),
  };
}
