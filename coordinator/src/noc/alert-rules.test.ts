import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlertKind } from './alerts.js';

/**
 * The Prometheus rule that fires for the same condition as each NOC alert kind (a Record: a new
 * kind does not compile until it is given one).
 */
const RULE_FOR: Record<AlertKind, string> = {
  site_offline: 'EdgefleetSiteOffline',
  telemetry_stale: 'EdgefleetSiteTelemetryStale',
  outbox_near_full: 'EdgefleetAgentOutboxNearFull',
  bad_messages: 'EdgefleetBadMessages',
  hook_errors: 'EdgefleetAgentHookErrors',
  recon_gap: 'EdgefleetReconciliationDiscrepancies',
  recon_over_budget: 'EdgefleetReconciliationDiscrepancies',
  recon_tampered: 'EdgefleetBurnsTampered',
  recon_refused: 'EdgefleetReconciliationDiscrepancies',
  recon_late: 'EdgefleetReconciliationDiscrepancies',
  recon_unknown_lease: 'EdgefleetReconciliationDiscrepancies',
  recon_disputed: 'EdgefleetBurnsDisputed',
  burn_batch_refused: 'EdgefleetBurnBatchRefused',
  site_drained_reputation: 'EdgefleetSiteDrainedByReputation',
};

const RULES = fileURLToPath(
  new URL('../../../deploy/prometheus/edgefleet-alerts.yaml', import.meta.url),
);

describe('the shipped Prometheus rules cover every NOC alert kind', () => {
  it('has a rule, of the same severity where the kind has one, for each kind the NOC persists', () => {
    const text = readFileSync(RULES, 'utf8');
    const rules = new Map(
      [...text.matchAll(/- alert: (\w+)\n(?:(?! {6}- alert:)[\s\S])*?severity: (\w+)/g)].map(
        (m) => [m[1] as string, m[2] as string],
      ),
    );
    const missing = Object.entries(RULE_FOR).filter(([, rule]) => !rules.has(rule));
    expect(missing).toEqual([]);
    // the critical kinds page someone in Prometheus too
    for (const kind of [
      'site_offline',
      'recon_tampered',
      'recon_disputed',
      'burn_batch_refused',
    ] as const)
      expect(rules.get(RULE_FOR[kind]), kind).toBe('critical');
  });
});
