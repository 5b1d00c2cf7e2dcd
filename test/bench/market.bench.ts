/**
 * The capacity market over a synthetic week (docs/market.md): today's grant-or-refuse, a plain FIFO
 * queue, and edgefleet's reservations + fair queueing, on the same arrivals (test/market/simulation.ts).
 *
 *   npm run bench -- market          (SEED=11 DAYS=7 SLOTS=120)
 */
import { loadavg } from 'node:os';
import { DEFAULT_MARKET, POLICIES, simulateMarket } from '../market/simulation.js';
import { report } from './report.js';

const o = {
  ...DEFAULT_MARKET,
  seed: Number(process.env.SEED ?? DEFAULT_MARKET.seed),
  days: Number(process.env.DAYS ?? DEFAULT_MARKET.days),
  slots: Number(process.env.SLOTS ?? DEFAULT_MARKET.slots),
};
const rows = POLICIES.map((p) => {
  const t = performance.now();
  const r = simulateMarket(p, o);
  return {
    policy: r.policy,
    requests: r.requests,
    served: r.served,
    'refused %': r.refusedPct,
    'mean wait s': r.meanWaitS,
    'p99 wait s': r.p99WaitS,
    'peak util %': r.peakUtilPct,
    'Jain fairness': r.jain,
    'reservations honoured %': Number.isNaN(r.reservationsHonouredPct)
      ? '—'
      : r.reservationsHonouredPct,
    preempted: r.preempted,
    'sim s': (performance.now() - t) / 1000,
  };
});
const fifo = rows.find((r) => r.policy === 'fifo');
const ours = rows.find((r) => r.policy === 'edgefleet');
await report(
  `Capacity market: ${o.days} days, ${o.slots} slots, 5 customers (2 with rush-hour reservations)`,
  rows,
  {
    options: o,
    waitVsFifo:
      fifo && ours ? ours['mean wait s'] / Math.max(1e-9, fifo['mean wait s']) : undefined,
    loadavg: loadavg(),
  },
);
