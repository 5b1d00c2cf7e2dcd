import type { Site } from '../fleet/site.js';
import { priceAt } from '../fleet/site.js';
import { estimateRtt, positionAhead, type CallerLocation, type RttSource } from './estimate.js';
import { geoRttMs, haversineKm } from './geo.js';

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
  /** 0..9 (default 0); below ctx.reserve.minPriority a request leaves each site's reserve alone. */
  priority?: number;
}

export interface RouteWeights {
  rtt: number;
  cost: number;
  load: number;
  errors: number;
  /** × (1 − reputation): a site that failed spot-checks loses to an equal honest one (default 1). */
  reputation?: number;
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
  /** Slots per site kept for high-priority requests: floor(slotsTotal × fraction). */
  reserve?: { fraction: number; minPriority: number };
  /** A moving caller is also scored at its position this many seconds ahead (default 30). */
  lookaheadS?: number;
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
  /** Free slots minus this coordinator's in-flight offers, when scored. */
  freeSlots: number;
  /** Geographic RTT from the moving caller's position ahead (undefined when not moving). */
  rttAheadMs?: number;
}

/**
 * Why a site is not a candidate. The indexed walk (RouteIndex) also skips sites without looking
 * at them: `beyond_rtt` (their RTT lower bound exceeds the caller's bound) and `outscored` (their
 * RTT term alone cannot beat the kept candidates).
 */
export type RejectReason =
  | 'state'
  /** An accelerator (or MIG instance) of the site resolves to no profile: not routable until an operator maps it. */
  | 'hardware_unknown'
  /** Drained by its spot-check reputation until an operator reinstates it. */
  | 'reputation'
  | 'model'
  | 'capacity'
  | 'reserve'
  | 'domestic'
  | 'accelerator'
  | 'isolation'
  | 'rtt'
  | 'excluded'
  | 'beyond_rtt'
  | 'outscored';

export interface RouteResult {
  ranked: Candidate[];
  considered: number;
  eligible: number;
  rejected: Partial<Record<RejectReason, number>>;
  status: 'ok' | 'fail_open_stale_telemetry';
  /** Sites actually filtered and scored (= considered for a full scan; fewer for the indexed walk). */
  visited?: number;
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

function rejectReason(
  s: Site,
  req: RouteRequest,
  ctx: RouteContext,
  allowDegraded: boolean,
): RejectReason | undefined {
  if (req.exclude?.has(s.siteId)) return 'excluded';
  if (!(s.state === 'online' || (allowDegraded && s.state === 'degraded' && s.streamUp)))
    return 'state';
  if (!s.models.includes(req.model)) return 'model';
  if (s.unknownHardware.length > 0) return 'hardware_unknown';
  if (s.quarantined) return 'reputation';
  const free = s.slotsFree - s.inflight;
  if (free <= 0) return 'capacity';
  if (
    ctx.reserve &&
    (req.priority ?? 0) < ctx.reserve.minPriority &&
    free <= Math.floor(s.slotsTotal * ctx.reserve.fraction)
  )
    return 'reserve';
  if (req.domesticOnly && !s.domesticOnly) return 'domestic';
  if (
    req.acceleratorKinds.length > 0 &&
    !req.acceleratorKinds.some((k) => s.profileIds.includes(k))
  )
    return 'accelerator';
  if (req.isolation && !s.isolations.includes(req.isolation)) return 'isolation';
  return undefined;
}

/** Keeps the `keep` lowest-score candidates in order (insertion into a short sorted list). */
export function insertTopK(top: Candidate[], c: Candidate, keep: number): void {
  if (top.length >= keep && c.score >= (top[top.length - 1] as Candidate).score) return;
  let i = top.length;
  while (i > 0 && (top[i - 1] as Candidate).score > c.score) i--;
  top.splice(i, 0, c);
  if (top.length > keep) top.pop();
}

/** One routing pass: the per-request constants and the running result. */
export class RoutePass {
  readonly rejected: Partial<Record<RejectReason, number>> = {};
  readonly top: Candidate[] = [];
  considered = 0;
  eligible = 0;
  readonly rttScale: number;
  private readonly ahead: { lat: number; lon: number } | undefined;

  constructor(
    readonly req: RouteRequest,
    readonly ctx: RouteContext,
    readonly allowDegraded: boolean,
  ) {
    this.rttScale = req.maxRttMs > 0 ? req.maxRttMs : DEFAULT_RTT_SCALE_MS;
    this.ahead = positionAhead(req.location, ctx.lookaheadS ?? 30);
  }

  get moving(): boolean {
    return this.ahead !== undefined;
  }

  /** The score of the worst kept candidate once `keep` are kept (a site must beat it to enter). */
  get cutoff(): number {
    return this.top.length >= this.ctx.keep
      ? (this.top[this.top.length - 1] as Candidate).score
      : Infinity;
  }

  /** Filters and scores one site into the kept list. */
  visit(s: Site): void {
    const { req, ctx } = this;
    this.considered++;
    const why = rejectReason(s, req, ctx, this.allowDegraded);
    if (why) {
      this.rejected[why] = (this.rejected[why] ?? 0) + 1;
      return;
    }
    const { rttMs, source } = estimateRtt(s, req.location, ctx.pops, ctx.geoPathFactor);
    if (req.maxRttMs > 0 && !(rttMs <= req.maxRttMs)) {
      this.rejected.rtt = (this.rejected.rtt ?? 0) + 1;
      return;
    }
    this.eligible++;
    const w = ctx.weights;
    const rttAheadMs = this.ahead
      ? geoRttMs(haversineKm(this.ahead.lat, this.ahead.lon, s.lat, s.lon), ctx.geoPathFactor)
      : undefined;
    const pricePerKwh = priceAt(s.tariff, ctx.hourUtc);
    const costPerTokenHour = (pricePerKwh * slotPowerKw(s)) / Math.max(0.01, s.multiplier);
    const freeSlots = s.slotsFree - s.inflight;
    const load = s.slotsTotal > 0 ? 1 - freeSlots / s.slotsTotal : 1;
    const effRtt = rttAheadMs === undefined ? rttMs : (rttMs + rttAheadMs) / 2;
    const rttTerm = Number.isNaN(effRtt) ? 1 : effRtt / this.rttScale;
    const score =
      w.rtt * rttTerm +
      w.cost * (costPerTokenHour / REFERENCE_COST_PER_HOUR) +
      w.load * load +
      w.errors * s.errorRate +
      (w.reputation ?? 1) * (1 - s.reputation);
    // Most eligible sites of a walk do not beat the kept ones: no candidate object for them (this
    // ran once per site visited, the largest allocation of an Acquire).
    if (score >= this.cutoff) return;
    const c: Candidate = {
      site: s,
      score,
      rttMs,
      rttSource: source,
      costPerTokenHour,
      pricePerKwh,
      load,
      freeSlots,
    };
    if (rttAheadMs !== undefined) c.rttAheadMs = rttAheadMs;
    insertTopK(this.top, c, ctx.keep);
  }

  result(): Omit<RouteResult, 'status'> {
    return {
      ranked: this.top,
      considered: this.considered,
      eligible: this.eligible,
      rejected: this.rejected,
    };
  }
}

function pass(
  sites: Iterable<Site>,
  req: RouteRequest,
  ctx: RouteContext,
  allowDegraded: boolean,
): Omit<RouteResult, 'status'> {
  const p = new RoutePass(req, ctx, allowDegraded);
  for (const s of sites) p.visit(s);
  return p.result();
}

/** Power of two choices among the near-best (within nearBestFraction of the best score): moves the pick to the front. */
export function pickNearBest(ranked: Candidate[], ctx: RouteContext): void {
  const best = ranked[0];
  if (!best || ranked.length < 2) return;
  const limit = best.score + Math.abs(best.score) * ctx.nearBestFraction + 1e-9;
  let near = 1;
  while (near < ranked.length && (ranked[near] as Candidate).score <= limit) near++;
  if (near < 2) return;
  const i = Math.floor(ctx.random() * near);
  let j = Math.floor(ctx.random() * (near - 1));
  if (j >= i) j++;
  const a = ranked[i] as Candidate;
  const b = ranked[j] as Candidate;
  const pick = a.load < b.load || (a.load === b.load && a.score <= b.score) ? i : j;
  const [chosen] = ranked.splice(pick, 1);
  ranked.unshift(chosen as Candidate);
}

/**
 * Filter → score → pick. The first candidate is chosen by power of two choices among the
 * near-best (within nearBestFraction of the best score), so a burst from one cell does not
 * herd onto one site; the rest follow by score as hedges and fallbacks.
 */
export function route(
  sites: readonly Site[] | Iterable<Site>,
  req: RouteRequest,
  ctx: RouteContext,
): RouteResult {
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
  pickNearBest(ranked, ctx);
  return { ...res, ranked, status };
}
