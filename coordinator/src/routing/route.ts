import type { Site } from '../fleet/site.js';
import { priceAt } from '../fleet/site.js';
import { estimateRtt, type CallerLocation, type RttSource } from './estimate.js';

export interface RouteRequest {
  model: string;
  location: CallerLocation;
  /** 0 = no bound */
  maxRttMs: number;
  domesticOnly: boolean;
  /** profile ids or vendors; empty = any */
  acceleratorKinds: readonly string[];
  /** '' = any */
  isolation: string;
  exclude?: ReadonlySet<string>;
}

export interface RouteWeights {
  rtt: number;
  cost: number;
  load: number;
  errors: number;
}

export interface RouteContext {
  pops: ReadonlyMap<string, { lat: number; lon: number }>;
  weights: RouteWeights;
  nearBestFraction: number;
  geoPathFactor: number;
  hourUtc: number;
  random: () => number;
  /** How many ranked candidates to keep (primary + hedges + fallbacks). */
  keep: number;
}

export interface Candidate {
  site: Site;
  score: number;
  rttMs: number;
  rttSource: RttSource;
  /** Power cost per token-hour of compute (currency units), tariff × slot draw ÷ multiplier. */
  costPerTokenHour: number;
  pricePerKwh: number;
  load: number;
}

export type RejectReason = 'state' | 'model' | 'capacity' | 'domestic' | 'accelerator' | 'isolation' | 'rtt' | 'excluded';

export interface RouteResult {
  ranked: Candidate[];
  considered: number;
  eligible: number;
  rejected: Partial<Record<RejectReason, number>>;
  status: 'ok' | 'fail_open_stale_telemetry';
}

/** A reference slot: 0.25 per kWh at 700 W (an H100 SXM at full load). */
const REFERENCE_COST_PER_HOUR = 0.25 * 0.7;
const DEFAULT_RTT_SCALE_MS = 20;

function slotPowerKw(s: Site): number {
  if (s.slotsTotal > 0 && s.sitePowerW > 0) return s.sitePowerW / s.slotsTotal / 1000;
  let w = 0;
  for (const a of s.accelerators) w += Math.max(0, a.power_w ?? 0);
  return s.slotsTotal > 0 && w > 0 ? w / s.slotsTotal / 1000 : 0.7;
}

function rejectReason(s: Site, req: RouteRequest, allowDegraded: boolean): RejectReason | undefined {
  if (req.exclude?.has(s.siteId)) return 'excluded';
  if (!(s.state === 'online' || (allowDegraded && s.state === 'degraded' && s.streamUp))) return 'state';
  if (!s.models.includes(req.model)) return 'model';
  if (s.slotsFree - s.inflight <= 0) return 'capacity';
  if (req.domesticOnly && !s.domesticOnly) return 'domestic';
  if (req.acceleratorKinds.length > 0 && !req.acceleratorKinds.some((k) => s.profileIds.includes(k))) return 'accelerator';
  if (req.isolation && !s.isolations.includes(req.isolation)) return 'isolation';
  return undefined;
}

/** Keeps the `keep` lowest-score candidates in order (insertion into a short sorted list). */
function insertTopK(top: Candidate[], c: Candidate, keep: number): void {
  if (top.length >= keep && c.score >= (top[top.length - 1] as Candidate).score) return;
  let i = top.length;
  while (i > 0 && (top[i - 1] as Candidate).score > c.score) i--;
  top.splice(i, 0, c);
  if (top.length > keep) top.pop();
}

function pass(sites: Iterable<Site>, req: RouteRequest, ctx: RouteContext, allowDegraded: boolean): Omit<RouteResult, 'status'> {
  const rejected: Partial<Record<RejectReason, number>> = {};
  const top: Candidate[] = [];
  let considered = 0;
  let eligible = 0;
  const rttScale = req.maxRttMs > 0 ? req.maxRttMs : DEFAULT_RTT_SCALE_MS;
  const w = ctx.weights;
  for (const s of sites) {
    considered++;
    const why = rejectReason(s, req, allowDegraded);
    if (why) {
      rejected[why] = (rejected[why] ?? 0) + 1;
      continue;
    }
    const { rttMs, source } = estimateRtt(s, req.location, ctx.pops, ctx.geoPathFactor);
    if (req.maxRttMs > 0 && !(rttMs <= req.maxRttMs)) {
      rejected.rtt = (rejected.rtt ?? 0) + 1;
      continue;
    }
    eligible++;
    const pricePerKwh = priceAt(s.tariff, ctx.hourUtc);
    const costPerTokenHour = (pricePerKwh * slotPowerKw(s)) / Math.max(0.01, s.multiplier);
    const load = s.slotsTotal > 0 ? 1 - (s.slotsFree - s.inflight) / s.slotsTotal : 1;
    const rttTerm = Number.isNaN(rttMs) ? 1 : rttMs / rttScale;
    const score = w.rtt * rttTerm + w.cost * (costPerTokenHour / REFERENCE_COST_PER_HOUR) + w.load * load + w.errors * s.errorRate;
    insertTopK(top, { site: s, score, rttMs, rttSource: source, costPerTokenHour, pricePerKwh, load }, ctx.keep);
  }
  return { ranked: top, considered, eligible, rejected };
}

/**
 * Filter → score → pick. The first candidate is chosen by power of two choices among the
 * near-best (within nearBestFraction of the best score), so a burst from one cell does not
 * herd onto one site; the rest follow by score as hedges and fallbacks.
 */
export function route(sites: readonly Site[] | Iterable<Site>, req: RouteRequest, ctx: RouteContext): RouteResult {
  const list = Array.isArray(sites) ? sites : [...sites];
  let res = pass(list, req, ctx, false);
  let status: RouteResult['status'] = 'ok';
  if (res.eligible === 0 && !list.some((s) => s.state === 'online')) {
    // Every site's telemetry is stale (e.g. the broker is down): fail open over sites whose
    // EdgeControl stream is up, and say so, rather than refusing everything or hanging.
    const open = pass(list, req, ctx, true);
    if (open.eligible > 0) {
      res = open;
      status = 'fail_open_stale_telemetry';
    }
  }
  const ranked = res.ranked;
  const best = ranked[0];
  if (best && ranked.length > 1) {
    const limit = best.score + Math.abs(best.score) * ctx.nearBestFraction + 1e-9;
    let near = 1;
    while (near < ranked.length && (ranked[near] as Candidate).score <= limit) near++;
    if (near >= 2) {
      const i = Math.floor(ctx.random() * near);
      let j = Math.floor(ctx.random() * (near - 1));
      if (j >= i) j++;
      const a = ranked[i] as Candidate;
      const b = ranked[j] as Candidate;
      const pick = a.load < b.load || (a.load === b.load && a.score <= b.score) ? i : j;
      const [chosen] = ranked.splice(pick, 1);
      ranked.unshift(chosen as Candidate);
    }
  }
  return { ...res, ranked, status };
}
