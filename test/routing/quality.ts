/**
 * Routing quality: a simulation over a synthetic telecom edge topology that compares edgefleet's
 * router (the real RouteIndex/route() over real Site objects) with naive strategies.
 *
 * Topology: REGIONS regions, each with PoPs around a metro; sites scattered around the PoPs; the
 * RTT of a site to a PoP is fiber distance × a per-pair path factor (1.2–2.2) at 200 km/ms plus
 * access jitter (0.3–2.5 ms) — the ground truth. Agents probe their three nearest PoPs (the
 * router sees those, smoothed); for other PoPs the router falls back to geography with its own
 * path factor (1.6), which can be wrong, as in the field. Each region has a time-of-use tariff
 * (peak hours and prices differ); each site a mix of accelerators from PROFILES with their
 * multipliers and board power. Vehicles arrive at PoPs every quarter hour of a day, with commute
 * bursts in a few regions; each asks for one slot with an RTT bound, holds it 1–6 quarter hours,
 * and capacity shrinks as leases are granted.
 */
import { mulberry32, PROFILES } from '@edgefleet/firmware-hooks';
import {
  newSite,
  priceAt,
  route,
  RouteIndex,
  type RouteContext,
  type RouteRequest,
  type Site,
} from '@edgefleet/coordinator';

export interface QualityOptions {
  sites: number;
  popsPerRegion: number;
  steps: number;
  baseArrivals: number;
  burstArrivals: number;
  maxRttMs: number;
  seed: number;
}

export const DEFAULT_QUALITY: QualityOptions = {
  sites: 2400,
  popsPerRegion: 8,
  steps: 96,
  baseArrivals: 150,
  burstArrivals: 900,
  maxRttMs: 10,
  seed: 7,
};

const REGIONS = [
  { id: 'de', lat: 50.1, lon: 8.7, peak: [7, 20], price: [0.11, 0.34] },
  { id: 'fr', lat: 48.86, lon: 2.35, peak: [8, 21], price: [0.09, 0.22] },
  { id: 'es', lat: 40.42, lon: -3.7, peak: [10, 22], price: [0.07, 0.26] },
  { id: 'it', lat: 45.46, lon: 9.19, peak: [8, 19], price: [0.12, 0.3] },
  { id: 'pl', lat: 52.23, lon: 21.01, peak: [6, 18], price: [0.08, 0.18] },
  { id: 'nordic', lat: 59.33, lon: 18.07, peak: [7, 17], price: [0.04, 0.1] },
] as const;

export const STRATEGIES = [
  'edgefleet',
  'random',
  'round-robin',
  'nearest-only',
  'cheapest-only',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface QualityRow {
  strategy: Strategy;
  requests: number;
  granted: number;
  p50RttMs: number;
  p99RttMs: number;
  sloViolationPct: number;
  noCapacityPct: number;
  costPerToken: number;
  maxOverMeanUtil: number;
  gini: number;
}

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

interface Pop {
  id: string;
  region: number;
  lat: number;
  lon: number;
}
interface SimSite {
  site: Site;
  regionIdx: number;
  trueRtt: Float64Array;
  slotKw: number;
  mult: number;
}

/** The same topology for every strategy (fresh Site objects each time, same seed). */
function buildWorld(o: QualityOptions) {
  const rnd = mulberry32(o.seed);
  const pops: Pop[] = [];
  REGIONS.forEach((r, ri) => {
    for (let i = 0; i < o.popsPerRegion; i++)
      pops.push({
        id: `${r.id}-pop${i}`,
        region: ri,
        lat: r.lat + (rnd() - 0.5) * 3,
        lon: r.lon + (rnd() - 0.5) * 4,
      });
  });
  const usable = PROFILES.filter((p) => p.vendor !== 'any' && p.tdp_w !== null && p.multiplier > 0);
  const sims: SimSite[] = [];
  for (let i = 0; i < o.sites; i++) {
    const home = pops[Math.floor(rnd() * pops.length)] as Pop;
    const region = REGIONS[home.region] as (typeof REGIONS)[number];
    const lat = home.lat + (rnd() - 0.5) * 1.2;
    const lon = home.lon + (rnd() - 0.5) * 1.6;
    const prof = usable[Math.floor(rnd() * usable.length)] as (typeof usable)[number];
    const slots = 2 + Math.floor(rnd() * 7);
    const scale = 0.8 + rnd() * 0.4;
    const [peakStart, peakEnd] = region.peak;
    const tariff = [
      { startHour: 0, endHour: peakStart, pricePerKwh: region.price[0] * scale },
      { startHour: peakStart, endHour: peakEnd, pricePerKwh: region.price[1] * scale },
      { startHour: peakEnd, endHour: 24, pricePerKwh: region.price[0] * scale },
    ];
    const trueRtt = new Float64Array(pops.length);
    const byDist: [number, number][] = [];
    pops.forEach((p, pi) => {
      const d = km(p.lat, p.lon, lat, lon);
      trueRtt[pi] = (2 * d * (1.2 + rnd())) / 200 + 0.3 + rnd() * 2.2;
      byDist.push([d, pi]);
    });
    byDist.sort((a, b) => a[0] - b[0]);
    const probes = new Map<string, number>();
    for (const [, pi] of byDist.slice(0, 3))
      probes.set((pops[pi] as Pop).id, (trueRtt[pi] as number) * (0.95 + rnd() * 0.1));
    const slotKw = ((prof.tdp_w ?? 700) * 1.3) / 1000; // board power + host/cooling share
    const site: Site = {
      ...newSite({ siteId: `s${i}`, region: region.id, lat, lon, tariff }),
      state: 'online',
      streamUp: true,
      mqttUp: true,
      statusState: 'online',
      models: ['drive-v1'],
      slotsTotal: slots,
      slotsFree: slots,
      profileIds: [prof.id, prof.vendor],
      isolations: ['whole'],
      multiplier: prof.multiplier,
      domesticOnly: prof.domestic,
      sitePowerW: slotKw * 1000 * slots,
      rttMs: probes,
    };
    sims.push({ site, regionIdx: home.region, trueRtt, slotKw, mult: prof.multiplier });
  }
  return { pops, sims };
}

function gini(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const sum = s.reduce((a, b) => a + b, 0);
  if (n === 0 || sum === 0) return 0;
  let acc = 0;
  s.forEach((x, i) => (acc += (2 * (i + 1) - n - 1) * x));
  return acc / (n * sum);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Runs one strategy over the day; the same arrivals (same seed) for every strategy. */
export function simulate(strategy: Strategy, o: QualityOptions = DEFAULT_QUALITY): QualityRow {
  const { pops, sims } = buildWorld(o);
  const bySite = new Map(sims.map((s) => [s.site, s]));
  const popIdx = new Map(pops.map((p, i) => [p.id, i]));
  const sites = sims.map((s) => s.site);
  const fleet = { all: () => sites.values(), size: sites.length };
  let now = 0;
  const index = new RouteIndex(fleet, {
    pops: new Map(pops.map((p) => [p.id, p])),
    geoPathFactor: 1.6,
    refreshMs: 60_000,
    now: () => now,
  });
  const rnd = mulberry32(o.seed + 1);
  const pick = mulberry32(o.seed + 2);
  const ends: { at: number; site: Site }[] = [];
  const rtts: number[] = [];
  let requests = 0;
  let noCapacity = 0;
  let overBound = 0;
  let cost = 0;
  let tokens = 0;
  let rr = 0;
  let peakUtil: number[] = [];
  let peakBusy = -1;
  for (let step = 0; step < o.steps; step++) {
    now = step * 900_000;
    const hour = Math.floor((step * 24) / o.steps);
    for (let i = ends.length - 1; i >= 0; i--) {
      const e = ends[i] as { at: number; site: Site };
      if (e.at <= step) {
        e.site.slotsFree++;
        ends.splice(i, 1);
      }
    }
    const ctx: RouteContext = {
      pops: new Map(pops.map((p) => [p.id, p])),
      weights: { rtt: 1, cost: 0.35, load: 0.5, errors: 1 },
      nearBestFraction: 0.1,
      geoPathFactor: 1.6,
      hourUtc: hour,
      random: pick,
      keep: 4,
    };
    // Commute bursts: mornings in de/fr/it, evenings in es/pl.
    const burstRegions = hour >= 7 && hour < 10 ? [0, 1, 3] : hour >= 17 && hour < 20 ? [2, 4] : [];
    const arrivals: number[] = [];
    for (let i = 0; i < o.baseArrivals; i++) arrivals.push(Math.floor(rnd() * pops.length));
    for (const r of burstRegions) {
      const hot = pops.filter((p) => p.region === r).slice(0, 3);
      for (let i = 0; i < o.burstArrivals / burstRegions.length; i++)
        arrivals.push(popIdx.get((hot[Math.floor(rnd() * hot.length)] as Pop).id) as number);
    }
    for (const pi of arrivals) {
      requests++;
      const pop = pops[pi] as Pop;
      const duration = 1 + Math.floor(rnd() * 6);
      const req: RouteRequest = {
        model: 'drive-v1',
        location: { popId: pop.id },
        maxRttMs: o.maxRttMs,
        domesticOnly: false,
        acceleratorKinds: [],
        isolation: '',
      };
      let chosen: Site | undefined;
      if (strategy === 'edgefleet') {
        chosen = index.route(req, ctx).ranked[0]?.site;
      } else if (strategy === 'random') {
        const free = sites.filter((s) => s.slotsFree > 0);
        chosen = free[Math.floor(pick() * free.length)];
      } else if (strategy === 'round-robin') {
        for (let k = 0; k < sites.length && !chosen; k++) {
          const s = sites[(rr + k) % sites.length] as Site;
          if (s.slotsFree > 0) {
            chosen = s;
            rr = (rr + k + 1) % sites.length;
          }
        }
      } else if (strategy === 'nearest-only') {
        // Lowest estimated RTT (probe or geography, as the router estimates it), capacity permitting.
        chosen = route(sites, req, {
          ...ctx,
          weights: { rtt: 1, cost: 0, load: 0, errors: 0 },
          nearBestFraction: 0,
          keep: 1,
        }).ranked[0]?.site;
        if (!chosen)
          chosen = route(
            sites,
            { ...req, maxRttMs: 0 },
            {
              ...ctx,
              weights: { rtt: 1, cost: 0, load: 0, errors: 0 },
              nearBestFraction: 0,
              keep: 1,
            },
          ).ranked[0]?.site;
      } else {
        let best = Infinity;
        for (const s of sites) {
          if (s.slotsFree <= 0) continue;
          const sim = bySite.get(s) as SimSite;
          const c = (priceAt(s.tariff, hour) * sim.slotKw) / sim.mult;
          if (c < best) {
            best = c;
            chosen = s;
          }
        }
      }
      if (!chosen) {
        noCapacity++;
        continue;
      }
      const sim = bySite.get(chosen) as SimSite;
      chosen.slotsFree--;
      if (chosen.slotsFree < 0) throw new Error(`${strategy} over-granted site ${chosen.siteId}`);
      ends.push({ at: step + duration, site: chosen });
      const rtt = sim.trueRtt[pi] as number;
      rtts.push(rtt);
      if (rtt > o.maxRttMs) overBound++;
      const hours = duration / 4;
      cost += priceAt(chosen.tariff, hour) * sim.slotKw * hours;
      tokens += sim.mult * hours;
    }
    const busy = sites.reduce((a, s) => a + (s.slotsTotal - s.slotsFree), 0);
    if (busy > peakBusy) {
      peakBusy = busy;
      peakUtil = sites.map((s) => (s.slotsTotal - s.slotsFree) / s.slotsTotal);
    }
  }
  const mean = peakUtil.reduce((a, b) => a + b, 0) / Math.max(1, peakUtil.length);
  return {
    strategy,
    requests,
    granted: rtts.length,
    p50RttMs: pct(rtts, 50),
    p99RttMs: pct(rtts, 99),
    sloViolationPct: (100 * (overBound + noCapacity)) / requests,
    noCapacityPct: (100 * noCapacity) / requests,
    costPerToken: cost / Math.max(1e-9, tokens),
    maxOverMeanUtil: Math.max(...peakUtil) / Math.max(1e-9, mean),
    gini: gini(peakUtil),
  };
}
