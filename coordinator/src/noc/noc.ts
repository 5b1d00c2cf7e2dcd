import type { FleetRegistry, StateChange } from '../fleet/registry.js';
import type { ReconciliationReport } from '../ledger/types.js';
import { AlertBook, type AlertSettings } from './alerts.js';
import { EventHub } from './events.js';
import { TelemetryHistory } from './telemetry-history.js';

/** What the NOC API keeps in memory beside the registry: telemetry history, alerts, the live event feed. */
export interface Noc {
  history: TelemetryHistory;
  alerts: AlertBook;
  events: EventHub;
  noteBadMessage(siteId: string, kind: string, reason: string): void;
  noteRefusedBatch(siteId: string, reason: string, records: number): void;
  watchReports(on: (fn: (r: ReconciliationReport) => void) => void): void;
  close(): void;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  badMessageWindowMs: 5 * 60_000,
  telemetryStaleMs: 5_000,
  keepResolved: 500,
};

export function createNoc(o: {
  registry: FleetRegistry;
  alerts?: Partial<AlertSettings>;
  samplePeriodMs?: number;
  historyPoints?: number;
}): Noc {
  const history = new TelemetryHistory(o.registry, o.historyPoints ?? 120);
  const alerts = new AlertBook(o.registry, { ...DEFAULT_ALERT_SETTINGS, ...o.alerts });
  const events = new EventHub();
  const onState = (c: StateChange) => events.publish({ type: 'site', data: c });
  o.registry.on('state', onState);
  alerts.onChange((a) => events.publish({ type: 'alert', data: a }));
  history.start(o.samplePeriodMs ?? 1000);
  const timer = setInterval(() => alerts.evaluate(), 1000);
  timer.unref();
  return {
    history,
    alerts,
    events,
    noteBadMessage: (siteId, kind, reason) => alerts.noteBadMessage(siteId, kind, reason),
    noteRefusedBatch: (siteId, reason, records) => alerts.noteRefusedBatch(siteId, reason, records),
    watchReports(on) {
      on((r) => {
        alerts.noteReport(r);
        let accepted = 0;
        let disc = 0;
        for (const s of r.sites) {
          accepted += s.acceptedMicroTokens;
          disc += s.gap + s.overBudget + s.tampered + s.late + s.unknownLease;
        }
        events.publish({
          type: 'run',
          data: {
            runId: r.runId,
            startedAtMs: r.startedAtMs,
            sites: r.sites.length,
            acceptedMicroTokens: accepted,
            discrepancies: disc,
          },
        });
      });
    },
    close() {
      history.stop();
      clearInterval(timer);
      o.registry.off('state', onState);
    },
  };
}
