import type { Site } from '../fleet/site.js';
import { estimateRtt, positionAhead, type CallerLocation } from './estimate.js';
import { geoRttMs, haversineKm } from './geo.js';
import {
  pickNearBest,
  route,
  RoutePass,
  type RouteContext,
  type RouteRequest,
  type RouteResult,
} from './route.js';

/** Sites sorted by a lower bound of their RTT (ms) from one anchor (a PoP, or a grid cell of coordinates). */
interface SortedList {
  sites: Site[];
  lowerRttMs: Float64Array;
  builtAtMs: number;
}

interface Plan {
  list: SortedList;
  /** The score's RTT term is at least lbFactor × the list's bound. */
  lbFactor: number;
  /** The list bounds the caller's RTT now (so the caller's maxRttMs may stop the walk). */
  boundsNow: boolean;
}

export interface RouteIndexOptions {
  pops: ReadonlyMap<string, { lat: number; lon: number }>;
  geoPathFactor: number;
  /** How old a list may get before it is rebuilt from the registry (RTT EWMA drift, models added). */
  refreshMs: number;
  /** Grid cell (degrees) that callers with coordinates share a list in. */
  cellDeg?: number;
  /** At most this many lists are kept (least recently built ones go first). */
  maxLists?: number;
  now?: () => number;
}

/**
 * Candidate lists for route(), so that one decision does not touch every site of a large fleet.
 * Per model, and per anchor (the caller's PoP, or the grid cell of its coordinates), the sites
 * are kept sorted by a lower bound of the RTT from that anchor. A decision walks the list in that
 * order and stops once the RTT term alone cannot beat the worst kept candidate (every other term
 * of the score is ≥ 0) or exceeds the caller's bound, so it visits the near sites only.
 *
 * Everything that changes often — state, free slots, in-flight offers, tariff, load, errors —
 * is read live from the Site objects at decision time, exactly as route() does. What a list
 * snapshots is which sites serve the model and their RTT from the anchor; a list is rebuilt
 * when it is older than `refreshMs` or when the set of sites changes (`invalidate()`), so a
 * probe's EWMA moving or a model appearing on a site is seen within `refreshMs`.
 */
export class RouteIndex {
  private readonly lists = new Map<string, SortedList>();
  private readonly byModel = new Map<string, Site[]>();
  private modelsBuiltAtMs = -Infinity;
  private knownSize = -1;
  private readonly cellDeg: number;
  private readonly maxLists: number;
  private readonly now: () => number;
  rebuilds = 0;

  constructor(
    private readonly source: { all(): Iterable<Site>; readonly size: number },
    private readonly opts: RouteIndexOptions,
  ) {
    this.cellDeg = opts.cellDeg ?? 0.25;
    this.maxLists = opts.maxLists ?? 512;
    this.now = opts.now ?? Date.now;
  }

  /** Forget every list (a site was added or removed, or moved). */
  invalidate(): void {
    this.lists.clear();
    this.byModel.clear();
    this.modelsBuiltAtMs = -Infinity;
  }

  /** Filter → score → pick over the sites near the caller; same answer as route() over the whole registry. */
  route(req: RouteRequest, ctx: RouteContext): RouteResult {
    const plan = this.plan(req.model, req.location, ctx.lookaheadS ?? 30);
    if (!plan) return route(this.source.all(), req, ctx);
    const p = new RoutePass(req, ctx, false);
    const w = (plan.lbFactor * ctx.weights.rtt) / p.rttScale;
    const boundRtt = req.maxRttMs > 0 && plan.boundsNow;
    const { sites, lowerRttMs } = plan.list;
    let i = 0;
    for (; i < sites.length; i++) {
      const lb = lowerRttMs[i] as number;
      if (boundRtt && lb > req.maxRttMs) {
        p.rejected.beyond_rtt = sites.length - i;
        break;
      }
      if (w * lb >= p.cutoff) {
        p.rejected.outscored = sites.length - i;
        break;
      }
      p.visit(sites[i] as Site);
    }
    if (p.eligible === 0 && !this.anyOnline()) return route(this.source.all(), req, ctx); // fail open over the whole fleet
    const res = p.result();
    pickNearBest(res.ranked, ctx);
    return { ...res, considered: sites.length, visited: i, status: 'ok' };
  }

  private anyOnline(): boolean {
    for (const s of this.source.all()) if (s.state === 'online') return true;
    return false;
  }

  /**
   * A PoP caller's list bounds its RTT now; a moving one is scored on the mean of that and the
   * RTT ahead (≥ 0), so half the bound holds. A caller with coordinates gets the list of its grid
   * cell — of the midpoint between now and ahead when moving, which bounds that mean (the
   * distance to a segment's midpoint is at most the mean of the distances to its ends).
   */
  private plan(model: string, loc: CallerLocation, lookaheadS: number): Plan | undefined {
    const moving = positionAhead(loc, lookaheadS) !== undefined;
    const list = this.listFor(model, loc, lookaheadS);
    if (!list) return undefined;
    if (loc.popId) return { list, lbFactor: moving ? 0.5 : 1, boundsNow: true };
    return { list, lbFactor: 1, boundsNow: !moving };
  }

  private listFor(model: string, loc: CallerLocation, lookaheadS: number): SortedList | undefined {
    const now = this.now();
    if (this.source.size !== this.knownSize) {
      this.invalidate();
      this.knownSize = this.source.size;
    }
    if (now - this.modelsBuiltAtMs > this.opts.refreshMs) this.buildModels(now);
    let key: string;
    let anchor: (s: Site) => number;
    if (loc.popId && this.opts.pops.has(loc.popId)) {
      const popId = loc.popId;
      key = `p\0${model}\0${popId}`;
      anchor = (s) => estimateRtt(s, { popId }, this.opts.pops, this.opts.geoPathFactor).rttMs;
    } else if (!loc.popId && loc.lat !== undefined && loc.lon !== undefined) {
      const ahead = positionAhead(loc, lookaheadS);
      const lat = ahead ? (loc.lat + ahead.lat) / 2 : loc.lat;
      const lon = ahead ? (loc.lon + ahead.lon) / 2 : loc.lon;
      const d = this.cellDeg;
      const cy = Math.floor(lat / d);
      const cx = Math.floor(lon / d);
      const center = { lat: (cy + 0.5) * d, lon: (cx + 0.5) * d };
      // Every point of the cell is within `slack` km of its center (the corner nearer the equator is the farthest).
      const edgeLat = Math.abs(cy * d) < Math.abs((cy + 1) * d) ? cy * d : (cy + 1) * d;
      const slack = haversineKm(center.lat, center.lon, edgeLat, cx * d) + 0.01;
      key = `g\0${model}\0${cy}\0${cx}`;
      anchor = (s) =>
        geoRttMs(
          Math.max(0, haversineKm(center.lat, center.lon, s.lat, s.lon) - slack),
          this.opts.geoPathFactor,
        );
    } else {
      // An unknown PoP (probes only) or no location at all: RTT gives no order; scan everything.
      return undefined;
    }
    const cur = this.lists.get(key);
    if (cur && now - cur.builtAtMs <= this.opts.refreshMs) return cur;
    const next = this.build(this.byModel.get(model) ?? [], anchor, now);
    this.lists.delete(key);
    if (this.lists.size >= this.maxLists) {
      const oldest = this.lists.keys().next();
      if (!oldest.done) this.lists.delete(oldest.value);
    }
    this.lists.set(key, next);
    return next;
  }

  private buildModels(now: number): void {
    this.byModel.clear();
    for (const s of this.source.all()) {
      for (const m of s.models) {
        let l = this.byModel.get(m);
        if (!l) this.byModel.set(m, (l = []));
        l.push(s);
      }
    }
    this.modelsBuiltAtMs = now;
    this.lists.clear();
  }

  private build(sites: readonly Site[], anchor: (s: Site) => number, now: number): SortedList {
    this.rebuilds++;
    const keys = sites.map((s) => {
      const k = anchor(s);
      return Number.isNaN(k) ? Infinity : k;
    });
    const order = sites.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const lowerRttMs = new Float64Array(order.length);
    const sorted: Site[] = new Array<Site>(order.length);
    order.forEach((idx, i) => {
      sorted[i] = sites[idx] as Site;
      lowerRttMs[i] = keys[idx] as number;
    });
    return { sites: sorted, lowerRttMs, builtAtMs: now };
  }
}
