/**
 * Spot-checks over a simulated day (docs/verification.md, "Spot-checks"): a fleet of honest and
 * lying sites, canaries drawn by the coordinator's own arrival function at the default rate, each
 * verdict folded in by its own reputation rule. Prints, per kind of site, how many were drained and
 * how long it took, and the canaries' share of the fleet's capacity — beside the same day at twice
 * the rate (the peer).
 *
 *   npm run bench -- spotcheck        (SITES=400 SLOTS=4 SEED=7 OCCUPANCY_S=1)
 */
import { loadavg } from 'node:os';
import {
  drains,
  drawArrivals,
  envelopeMs,
  newSite,
  nextReputation,
  spotCheckSettingsSchema,
  type CanaryVerdict,
  type Site,
} from '@edgefleet/coordinator';
import { report } from './report.js';

const SITES = Number(process.env.SITES ?? 400);
const SLOTS = Number(process.env.SLOTS ?? 4);
const SEED = Number(process.env.SEED ?? 7);
/** Slot-seconds one canary holds: Acquire's offer round trip + one Infer + Release (generous). */
const OCCUPANCY_S = Number(process.env.OCCUPANCY_S ?? 1);
const DAY_S = 86_400;

/**
 * Kinds of site and what a canary shows on each. The model: ppocr-cls on a claimed H100 (reference
 * 2 ms; envelope 2 × 4 + 5 = 13 ms by default); `speed` is the real device's speed vs the claim.
 */
const KINDS = [
  { kind: 'honest', share: 0.8, wrongP: 0, speed: 1, jitterMissP: 0 },
  { kind: 'honest, noisy host (5 % misses)', share: 0.05, wrongP: 0, speed: 1, jitterMissP: 0.05 },
  { kind: 'wrong answers, always', share: 0.03, wrongP: 1, speed: 1, jitterMissP: 0 },
  { kind: 'wrong answers, 10 % of requests', share: 0.03, wrongP: 0.1, speed: 1, jitterMissP: 0 },
  { kind: 'CPU passing as GPU (10× slower)', share: 0.03, wrongP: 0, speed: 0.1, jitterMissP: 0 },
  {
    kind: 'sleeps 50 ms per request',
    share: 0.03,
    wrongP: 0,
    speed: 1,
    jitterMissP: 0,
    sleepMs: 50,
  },
  { kind: 'slower card (half speed)', share: 0.03, wrongP: 0, speed: 0.5, jitterMissP: 0 },
] as const;

function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function simulate(perSiteHourly: number) {
  const settings = spotCheckSettingsSchema.parse({ perSiteHourly });
  const model = { model: 'ppocr-cls', referenceMs: 2 };
  const env = envelopeMs(
    model,
    { multiplier: 1, slotFraction: 1, profileIds: ['h100-80gb-sxm'] },
    settings,
  );
  const random = rng(SEED);
  const sites: (Site & { k: (typeof KINDS)[number]; drainedAtS?: number })[] = [];
  for (const k of KINDS) {
    const n = Math.round(SITES * k.share);
    for (let i = 0; i < n; i++)
      sites.push({
        ...newSite({ siteId: `${k.kind}-${i}` }),
        state: 'online',
        models: ['ppocr-cls'],
        slotsTotal: SLOTS,
        slotsFree: SLOTS,
        k,
      });
  }
  const models = new Set(['ppocr-cls']);
  let canaries = 0;
  for (let t = 0; t < DAY_S; t++) {
    const due = drawArrivals(
      sites,
      { models, perSiteHourly, tickMs: 1000, room: Infinity },
      random,
    );
    for (const { site } of due) {
      const s = site as (typeof sites)[number];
      canaries++;
      const k = s.k;
      const computeMs = model.referenceMs / k.speed + ('sleepMs' in k ? k.sleepMs : 0);
      const verdict: CanaryVerdict =
        random() < k.wrongP
          ? 'wrong'
          : computeMs > env || random() < k.jitterMissP
            ? 'slow'
            : 'pass';
      s.reputation = nextReputation(s.reputation, verdict, settings.reputation);
      if (drains(s.reputation, settings.reputation)) {
        s.quarantined = true;
        s.drainedAtS = t;
      }
    }
  }
  const rows = KINDS.map((k) => {
    const of = sites.filter((s) => s.k === k);
    const times = of
      .map((s) => s.drainedAtS)
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b);
    const q = (p: number) =>
      times.length ? (times[Math.floor(p * (times.length - 1))] ?? 0) / 3600 : NaN;
    return {
      kind: k.kind,
      sites: of.length,
      'drained %': (100 * times.length) / Math.max(1, of.length),
      'median h to drain': q(0.5),
      'p90 h to drain': q(0.9),
    };
  });
  const capacitySlotS = sites.length * SLOTS * DAY_S;
  return {
    rows,
    canaries,
    canariesPerS: canaries / DAY_S,
    overheadPct: (100 * canaries * OCCUPANCY_S) / capacitySlotS,
    envelopeMs: env,
  };
}

const t0 = performance.now();
const base = simulate(6);
const peer = simulate(12);
const rows = base.rows.map((r, i) => {
  const p = peer.rows[i];
  return {
    ...r,
    'median h (12/h)': p?.['median h to drain'] ?? NaN,
    'drained % (12/h)': p?.['drained %'] ?? NaN,
  };
});
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
await report(
  `Spot-checks over a simulated day: ${SITES} sites × ${SLOTS} slots, 6 canaries/site/h (peer: 12/h), envelope ${base.envelopeMs} ms`,
  rows,
  {
    canariesPerS: base.canariesPerS,
    overheadPct: base.overheadPct,
    peerOverheadPct: peer.overheadPct,
    occupancyS: OCCUPANCY_S,
    loadavg: load,
    simS: (performance.now() - t0) / 1000,
  },
);
console.log(
  `canaries: ${base.canaries} in the day (${base.canariesPerS.toFixed(3)}/s); at ${OCCUPANCY_S} slot-s each: ${base.overheadPct.toFixed(3)} % of the fleet's slot capacity (12/h: ${peer.overheadPct.toFixed(3)} %); load average ${load}`,
);
