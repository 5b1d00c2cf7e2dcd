import { Counter, Gauge, type Registry } from 'prom-client';

/** The spot-checks' Prometheus series, on the coordinator's registry. */
export function spotCheckMetrics(registry: Registry) {
  return {
    canaries: new Counter({
      name: 'edgefleet_spot_checks_total',
      help: 'Canaries run, by model and verdict (pass, wrong, slow, error, skipped)',
      labelNames: ['model', 'verdict'] as const,
      registers: [registry],
    }),
    drained: new Counter({
      name: 'edgefleet_sites_drained_by_reputation_total',
      help: 'Sites drained because their spot-check reputation fell below the threshold',
      registers: [registry],
    }),
    heldEarnings: new Counter({
      name: 'edgefleet_reputation_held_micro_tokens_total',
      help: "µT of drained sites' earnings moved to their dispute accounts",
      registers: [registry],
    }),
    quarantined: new Gauge({
      name: 'edgefleet_sites_drained_by_reputation',
      help: 'Sites drained by their spot-check reputation now',
      registers: [registry],
    }),
  };
}
export type SpotCheckMetrics = ReturnType<typeof spotCheckMetrics>;
