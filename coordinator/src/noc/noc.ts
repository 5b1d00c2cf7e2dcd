import { randomUUID } from 'node:crypto';
import { describeError, type Logger } from '@edgefleet/common';
import type { FleetRegistry, StateChange } from '../fleet/registry.js';
import type { ReconciliationReport } from '../ledger/types.js';
import type { AlertStore } from './alert-store.js';
import type { AlertEvent, AlertWebhook } from './alert-webhook.js';
import { AlertBook, type Alert, type AlertSettings } from './alerts.js';
import { EventHub } from './events.js';
import { TelemetryHistory } from './telemetry-history.js';
import { FleetHistory } from './fleet-history.js';
import { QueueHistory } from './queue-history.js';
import { VehicleLatency } from './vehicle-latency.js';

/** What the NOC API keeps beside the registry: telemetry history, alerts, the live event feed. */
export interface Noc {
  history: TelemetryHistory;
  /** Fleet, region and profile utilization over time (the fleet views). */
  fleet: FleetHistory;
  /** The acquire queue now and over the last hour (the queue view; it follows the queue once started). */
  queue: QueueHistory;
  /** What vehicles' SDKs report of their end-to-end latency (Renew, Release), taken by `fleet`. */
  vehicles: VehicleLatency;
  alerts: AlertBook;
  events: EventHub;
  /** Alerts as the page lists them: from the shared store when there is one, else this replica's book. */
  listAlerts(which: 'active' | 'resolved' | 'all', siteId?: string): Promise<Alert[]>;
  /** An operator acknowledges an open alert; undefined when no open alert has this id. */
  ackAlert(id: string, by: string): Promise<Alert | undefined>;
  /** Resolves once every alert change seen so far is recorded (and its webhook event queued). */
  settled(): Promise<void>;
  noteBadMessage(siteId: string, kind: string, reason: string): void;
  noteRefusedBatch(siteId: string, reason: string, records: number): void;
  watchReports(on: (fn: (r: ReconciliationReport) => void) => void): void;
  /** Stops sampling and alerting; resolves once the webhook's deliverer has stopped. */
  close(): Promise<void>;
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
  /** How often the fleet views sample the fleet (default 10 s; 360 points kept = the last hour). */
  fleetSamplePeriodMs?: number;
  /**
   * The fleet views' compute SLO: an interval whose p95 per request is above this misses it
   * (default 50 ms; the coordinator passes noc.computeSloMs).
   */
  computeSloMs?: number;
  /** The vehicles' SLO, end to end per request (default 10 ms; the coordinator passes noc.vehicleSloMs). */
  vehicleSloMs?: number;
  /** Alerts shared by replicas (migration 107); without it alerts live in this replica's memory. */
  store?: AlertStore;
  /**
   * How often this replica marks the alerts it still sees in the store (default 30 s); an open
   * alert no replica has marked for three of these is resolved as stale (AlertStore.sweepStale).
   */
  storeRefreshMs?: number;
  /** Delivers raised, resolved and acknowledged alerts to alerts.webhookUrl. */
  webhook?: AlertWebhook;
  log?: Logger;
  now?: () => number;
}): Noc {
  const now = o.now ?? Date.now;
  const history = new TelemetryHistory(o.registry, o.historyPoints ?? 120);
  const vehicles = new VehicleLatency();
  const fleet = new FleetHistory(
    () => o.registry.all(),
    360,
    o.computeSloMs,
    vehicles,
    o.vehicleSloMs,
  );
  const queue = new QueueHistory();
  const alerts = new AlertBook(o.registry, { ...DEFAULT_ALERT_SETTINGS, ...o.alerts }, now);
  const events = new EventHub();
  const onState = (c: StateChange) => events.publish({ type: 'site', data: c });
  o.registry.on('state', onState);
  // With a store the webhook's event is already in the outbox (written with the change): send only
  // wakes its deliverer. Without one the event goes to the webhook's memory queue.
  const notify = (event: AlertEvent['event'], a: Alert, atMs = now()) => {
    events.publish({ type: 'alert', data: a });
    o.webhook?.send({ eventId: randomUUID(), event, alert: { ...a }, atMs });
  };
  // Changes are recorded one after another (a resolve never overtakes its raise); a failed write is
  // logged and the next evaluation, which sees the condition again, writes it again.
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const record = async (a: Alert): Promise<void> => {
    const store = o.store;
    if (closed) return; // shutting down: the database may be gone
    if (!store) {
      notify(a.resolvedAtMs === null ? 'alert.raised' : 'alert.resolved', a);
      return;
    }
    if (a.resolvedAtMs === null) {
      const at = now();
      if ((await store.raise(a, at)) === 'opened') notify('alert.raised', a, at);
    } else {
      const resolved = await store.resolve(a.id, a.resolvedAtMs);
      if (resolved) notify('alert.resolved', resolved);
    }
  };
  alerts.onChange((a) => {
    const snapshot = { ...a };
    chain = chain
      .then(() => record(snapshot))
      .catch((err: unknown) => {
        o.log?.error(
          { err: describeError(err), alert: snapshot.id },
          'noc: recording an alert failed',
        );
      });
  });
  // The store's open alerts are kept true across replicas that stop: each replica marks what it
  // still sees, raises again what a sweep closed while it could not write, and closes what nobody
  // has marked for three rounds (left open by replicas that all stopped or restarted).
  const refreshMs = o.storeRefreshMs ?? 30_000;
  const keepFresh = async (): Promise<void> => {
    const store = o.store;
    if (!store || closed) return;
    const at = now();
    const held = alerts.list('active');
    const fresh = await store.refresh(
      held.map((a) => a.id),
      at,
    );
    for (const a of held) if (!fresh.has(a.id)) await record({ ...a, lastSeenMs: at });
    for (const stale of await store.sweepStale(at - 3 * refreshMs, at))
      notify('alert.resolved', stale);
  };
  const refresher = o.store
    ? setInterval(() => {
        chain = chain.then(keepFresh).catch((err: unknown) => {
          o.log?.error({ err: describeError(err) }, 'noc: refreshing the stored alerts failed');
        });
      }, refreshMs)
    : undefined;
  refresher?.unref();
  o.webhook?.start();
  history.start(o.samplePeriodMs ?? 1000);
  fleet.start(o.fleetSamplePeriodMs ?? 10_000);
  const timer = setInterval(() => alerts.evaluate(), 1000);
  timer.unref();
  const settled = async () => {
    let seen: Promise<void>;
    do {
      seen = chain;
      await seen;
    } while (seen !== chain);
  };
  return {
    history,
    fleet,
    queue,
    vehicles,
    alerts,
    events,
    async listAlerts(which, siteId) {
      alerts.evaluate();
      if (!o.store) {
        const list = alerts.list(which);
        return siteId === undefined ? list : list.filter((a) => a.siteId === siteId);
      }
      await settled();
      return o.store.list(which, siteId);
    },
    async ackAlert(id, by) {
      const a = o.store ? await o.store.ack(id, by, now()) : alerts.ack(id, by);
      if (a) notify('alert.acked', a);
      return a ? { ...a } : undefined;
    },
    settled,
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
    async close() {
      closed = true;
      history.stop();
      fleet.stop();
      clearInterval(timer);
      clearInterval(refresher);
      o.registry.off('state', onState);
      await o.webhook?.close();
    },
  };
}
