/**
 * Routing quality (docs/routing.md): edgefleet's router vs random, round-robin, nearest-only and
 * cheapest-only over a synthetic day of a 2,400-site, 6-region fleet (see test/routing/quality.ts).
 *
 *   npm run bench -- routing-quality          (SITES=2400 SEED=7)
 */
import { DEFAULT_QUALITY, simulate, STRATEGIES } from '../routing/quality.js';
import { report } from './report.js';

const o = {
  ...DEFAULT_QUALITY,
  sites: Number(process.env.SITES ?? DEFAULT_QUALITY.sites),
  seed: Number(process.env.SEED ?? DEFAULT_QUALITY.seed),
};
// A normal day (commute bursts the fleet absorbs) and an overloaded one (bursts beyond the slots within the RTT bound).
const scenarios = [
  { name: 'normal', o },
  { name: 'overload', o: { ...o, burstArrivals: 2400 } },
];
const rows = scenarios.flatMap((sc) =>
  STRATEGIES.map((s) => {
    const t = performance.now();
    const r = simulate(s, sc.o);
    return {
      day: sc.name,
      strategy: r.strategy,
      requests: r.requests,
      granted: r.granted,
      'p50 RTT ms': r.p50RttMs,
      'p99 RTT ms': r.p99RttMs,
      'SLO violations %': r.sloViolationPct,
      'no capacity %': r.noCapacityPct,
      'cost / token': r.costPerToken * 1000,
      'max/mean util': r.maxOverMeanUtil,
      'Gini util': r.gini,
      'sim s': (performance.now() - t) / 1000,
    };
  }),
);
await report(
  `Routing quality: ${o.sites} sites, 6 regions, ${o.steps} quarter hours, RTT bound ${o.maxRttMs} ms (cost per token in milli-currency)`,
  rows,
  { options: o, overloadBurstArrivals: 2400 },
);
