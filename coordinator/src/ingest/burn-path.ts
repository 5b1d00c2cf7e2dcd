import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { FleetRegistry } from '../fleet/registry.js';
import { Reconciler, ResendOnReconnect, type Ledger, type PackageStore } from '../ledger/index.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { Noc } from '../noc/noc.js';
import type { ShutdownRegistry } from '../shutdown.js';
import type { MessageBus } from '../transport/bus.js';
import { startIngest, type IngestDeps } from './ingest.js';

/**
 * The coordinator's half of the burn path (docs/architecture.md): ingest from the bus (telemetry
 * and status to the registry on the same subscriptions; burn batches through the signature gate to
 * the fast path or staging), the Reconciler on reconcile.schedule when reconcile.enabled (stopped at
 * shutdown; returned for on-demand runs), and, after the coordinator's own broker connection comes
 * back, a resend request to every site. Refused batches and bad messages are reported to the NOC.
 */
export async function startBurnPath(
  config: Pick<CoordinatorConfig, 'reconcile' | 'siteKeys' | 'leases'>,
  d: {
    bus: MessageBus;
    registry: FleetRegistry;
    ledger: Ledger;
    /** Token packages whose validity ended are expired at each reconcile run. */
    packages?: Pick<PackageStore, 'expire'>;
    metrics: CoordinatorMetrics;
    log: Logger;
    siteKeys: IngestDeps['siteKeys'];
    noc: Pick<Noc, 'noteRefusedBatch' | 'noteBadMessage'>;
    shutdown: ShutdownRegistry;
  },
): Promise<Reconciler> {
  const { bus, registry, ledger, metrics, log, noc } = d;
  await startIngest({
    bus,
    registry,
    ledger,
    metrics,
    log,
    fastPath: config.reconcile.enabled && config.reconcile.fastPath,
    siteKeys: d.siteKeys,
    signedBurns: config.siteKeys.signedBurns,
    onBatchRefused: (siteId, reason, records) => noc.noteRefusedBatch(siteId, reason, records),
    onBadMessage: (siteId, kind, reason) => noc.noteBadMessage(siteId, kind, reason),
  });
  const reconciler = new Reconciler({
    ledger,
    ...(d.packages ? { packages: d.packages } : {}),
    bus,
    metrics,
    log,
    settleMs: config.leases.settleMs,
  });
  new ResendOnReconnect({
    bus,
    ledger,
    siteIds: () => [...registry.all()].map((s) => s.siteId),
    log,
  }).attach();
  if (config.reconcile.enabled) reconciler.start(config.reconcile.schedule);
  d.shutdown.add(() => reconciler.stop());
  return reconciler;
}
