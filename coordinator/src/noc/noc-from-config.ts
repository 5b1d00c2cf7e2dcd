import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { Db } from '../db/index.js';
import type { FleetRegistry } from '../fleet/registry.js';
import { AlertOutbox } from './alert-outbox.js';
import { AlertStore } from './alert-store.js';
import { AlertWebhook } from './alert-webhook.js';
import { createNoc, type Noc } from './noc.js';

/**
 * The alert webhook the configuration names (alerts.webhookUrl), or none; with `db` its events wait
 * in the database's outbox (they survive a restart and any replica delivers them), else in memory.
 */
export function alertWebhookFrom(
  c: CoordinatorConfig['alerts'],
  log: Logger,
  db?: Db,
): AlertWebhook | undefined {
  if (!c.webhookUrl) return undefined;
  return new AlertWebhook(
    {
      url: c.webhookUrl,
      maxAttempts: c.webhookMaxAttempts,
      backoffMs: c.webhookBackoffMs,
      maxBackoffMs: c.webhookMaxBackoffMs,
      timeoutMs: c.webhookTimeoutMs,
      maxQueue: c.webhookMaxQueue,
    },
    log,
    undefined,
    db ? new AlertOutbox(db) : undefined,
  );
}

/**
 * The NOC of this replica: alerts shared with the other replicas in the database, the configured
 * webhook, and the fleet views' compute SLO (noc.computeSloMs).
 */
export function nocFromConfig(
  config: Pick<CoordinatorConfig, 'alerts' | 'liveness' | 'noc'>,
  d: { registry: FleetRegistry; db: Db; log: Logger },
): Noc {
  const webhook = alertWebhookFrom(config.alerts, d.log, d.db);
  return createNoc({
    registry: d.registry,
    alerts: { telemetryStaleMs: config.liveness.telemetryStaleMs },
    computeSloMs: config.noc.computeSloMs,
    vehicleSloMs: config.noc.vehicleSloMs,
    store: new AlertStore(d.db, { outbox: webhook !== undefined }),
    storeRefreshMs: config.alerts.storeRefreshMs,
    ...(webhook ? { webhook } : {}),
    log: d.log,
  });
}
