import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger, runChecks, type Logger, type Readiness } from '@edgefleet/common';
import type { CoordinatorConfig } from './config.js';
import type { Db } from './db/index.js';
import { openDbFromConfig } from './db/open-from-config.js';
import {
  createPackageStore,
  type Ledger,
  type PackageStore,
  type Reconciler,
} from './ledger/index.js';
import { startReservations } from './market/reservations-from-config.js';
import { sitePriceFrom, type ReservationService } from './market/index.js';
import type { FleetRegistry } from './fleet/registry.js';
import { loadFleetState } from './fleet/fleet-state.js';
import type { SiteStore } from './fleet/site-store.js';
import type { CustomerKeyStore } from './fleet/customer-keys.js';
import type { HardwareMappingStore } from './hardware/mapping-store.js';
import { SiteRevocation } from './fleet/revocation.js';
import { SigningKeyRing } from './keys/signing-keys.js';
import { createCoordinatorMetrics, type CoordinatorMetrics } from './metrics.js';
import { connectBus } from './transport/connect-bus.js';
import { EdgeControlHub } from './grpc/edge-control.js';
import { startLeaseBroker } from './grpc/lease-broker.js';
import type { GrpcTls } from './grpc/tls.js';
import { grpcTlsFromConfig } from './grpc/tls-from-config.js';
import { LeaseService } from './leases/lease-service.js';
import { routingSettings } from './routing/routing-settings.js';
import { SiteConfigPublisher } from './site-config/site-config.js';
import type { SiteEnrollment } from './enrollment/index.js';
import { enrollmentFromConfig } from './enrollment/enrollment-from-config.js';
import { startBurnPath } from './ingest/burn-path.js';
import { createApp } from './http/app.js';
import { listenHttp } from './http/listen.js';
import { ShutdownSteps } from './shutdown.js';
import { nocFromConfig } from './noc/noc-from-config.js';
import type { Noc } from './noc/noc.js';
import { coordinatorChecks } from './health/readiness.js';
import { startSpotChecks } from './spot-checks/spot-checks.js';
import { startUpkeep } from './upkeep.js';
import { followReplicas } from './follow-replicas.js';
import { ledgerFromConfig } from './ledger/ledger-from-config.js';

export interface Coordinator {
  config: CoordinatorConfig;
  httpUrl: string;
  grpcEndpoint: string;
  /** gRPC TLS in force (undefined: plaintext): the mode and the CA certificate agents and clients pin. */
  grpcTls: GrpcTls | undefined;
  mqttUrl: string;
  registry: FleetRegistry;
  /** This replica's NOC state: telemetry and fleet history, alerts, the live event feed. */
  noc: Noc;
  ledger: Ledger;
  /** Token packages and their purchases (on the ledger's database). */
  packages: PackageStore;
  leases: LeaseService;
  reconciler: Reconciler;
  /** Reservations (compute futures): book, cancel, settle (docs/market.md). */
  reservations: ReservationService;
  sites: SiteStore;
  customerKeys: CustomerKeyStore;
  /** Operator mappings of hardware the profile table does not know. */
  hardware: HardwareMappingStore;
  siteConfig: SiteConfigPublisher;
  enrollment: SiteEnrollment;
  metrics: CoordinatorMetrics;
  hub: EdgeControlHub;
  db: Db;
  log: Logger;
  /** What GET /readyz answers: database, broker and gRPC checks (also gates the systemd watchdog). */
  readiness(): Promise<Readiness>;
  /** Notes for the operator (e.g. a port that was taken and replaced). */
  notices: string[];
  close(): Promise<void>;
}

export async function startCoordinator(
  config: CoordinatorConfig,
  /** onFatal: the ledger database is gone for good (the PGlite worker died); the process should exit. */
  opts: { log?: Logger; onFatal?: (err: Error) => void } = {},
): Promise<Coordinator> {
  const log = opts.log ?? createLogger('coordinator');
  const notices: string[] = [];
  const shutdown = new ShutdownSteps(log);
  try {
    const dataDir = resolve(config.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const metrics = createCoordinatorMetrics();
    const db = await openDbFromConfig(config, { dataDir, log, onFatal: opts.onFatal, shutdown });
    const ledger = await ledgerFromConfig(config, { db, dataDir, shutdown, log });
    const packages = createPackageStore(db, {
      ...(ledger.slices ? { slices: ledger.slices } : {}),
    });
    const fleet = await loadFleetState(db, config, log);
    const { sites, siteKeys, customerKeys, registry, hardware } = fleet;
    const keys = SigningKeyRing.open(join(dataDir));

    const { bus, broker, mqttUrl } = await connectBus(config, {
      sites,
      registry,
      metrics,
      log,
      notices,
      shutdown,
    });
    const siteConfig = new SiteConfigPublisher({ bus, registry, keys, log, metrics });

    const grpcTls = await grpcTlsFromConfig(config, dataDir, log);
    const { pingIntervalMs, pingTimeoutMs } = config.liveness;
    const hub = new EdgeControlHub(
      registry,
      sites,
      log,
      grpcTls?.mode === 'mtls',
      pingIntervalMs > 0 ? { intervalMs: pingIntervalMs, timeoutMs: pingTimeoutMs } : undefined,
      keys,
      config.leases.quota.enabled ? config.leases.quota : undefined,
    );
    keys.onChange(() => hub.resendMacKeys());
    const reservations = await startReservations(config.market.reservations, {
      db,
      log,
      shutdown,
      sites: () => registry.all(),
      slices: ledger.slices,
    });
    const leases = new LeaseService({
      registry,
      agents: hub,
      ledger,
      keys,
      metrics,
      log,
      settings: config.leases,
      guarantee: reservations,
      preemption: config.market.preemption,
      ...routingSettings(config.routing),
      siteKeys,
    });
    shutdown.add(() => leases.close());
    metrics.bindSources({
      sites: () => registry.all(),
      liveHolds: () => leases.liveHolds,
      edgeControlStreams: () => hub.connectedCount,
      quotas: () => hub.quotas.summary(),
      ...(broker ? { brokerClients: () => broker.connectedClients() } : {}),
    });

    const noc = nocFromConfig(config, { registry, db, log });
    shutdown.add(() => noc.close());
    broker?.onLimit((siteId, reason) => noc.noteBadMessage(siteId, 'mqtt', reason));
    const reconciler = await startBurnPath(config, {
      bus,
      registry,
      ledger,
      packages,
      metrics,
      log,
      siteKeys,
      noc,
      shutdown,
    });
    const spotChecks = await startSpotChecks({
      settings: config.spotChecks,
      registry,
      leases,
      ledger,
      db,
      log,
      tls: grpcTls,
      metrics: metrics.registry,
    });
    shutdown.add(() => spotChecks.close());

    const grpc = await startLeaseBroker(config, {
      leases,
      hub,
      customerOf: (t) => customerKeys.customerOf(t),
      tls: grpcTls,
      metrics,
      log,
      notices,
      watchPrices: {
        priceOf: sitePriceFrom(registry, config.market),
        intervalMs: config.market.priceOnWatchMs,
      },
      vehicleReports: (reports, holdSites) =>
        noc.vehicles.record(reports, (id) => holdSites?.has(id) ?? registry.get(id) !== undefined),
    });
    shutdown.add(() => grpc.close());
    noc.queue.follow(grpc.queue);
    const checks = coordinatorChecks({
      db,
      bus,
      grpcListening: () => grpc.listening() && !shutdown.closing,
    });
    const readiness = () => runChecks(checks, config.health.checkTimeoutMs);
    const grpcEndpoint = grpc.endpoint;

    const revocation = new SiteRevocation({
      sites,
      registry,
      stream: hub,
      ...(broker
        ? { mqtt: { disconnect: (siteId: string) => broker.disconnectSite(siteId) } }
        : {}),
      log,
    });
    const enrollment = enrollmentFromConfig(config, {
      sites,
      siteKeys,
      registry,
      log,
      siteConfig,
      keys,
      endpoints: { mqttUrl, grpcEndpoint, tls: grpcTls },
    });
    const app = createApp({
      registry,
      sites,
      ledger,
      leases,
      reconciler,
      metrics,
      log,
      tokens: config.auth.tokens,
      enrollment: config.enrollment,
      noc,
      customerKeys,
      hardware,
      enroller: enrollment,
      siteConfig,
      revokeSite: (siteId) => revocation.revoke(siteId),
      market: config.market,
      spotChecks,
      reservations,
      packages,
      reconLagSeconds: () => ledger.reconLagSeconds(),
      readiness,
      siteKeys,
    });
    const boundHttp = await listenHttp(app, {
      ...config.http,
      fallback: config.portFallback,
      notices,
      shutdown,
    });

    await siteConfig.publishAll();

    await followReplicas(config, {
      fleet,
      revocation,
      ledger,
      leases,
      log,
      shutdown,
      database: db.kind,
    });
    startUpkeep(config, { registry, siteConfig, leases, log, shutdown });

    const httpUrl = `http://${config.http.host}:${boundHttp}`;
    log.info(
      { httpUrl, grpcEndpoint, mqttUrl, sites: registry.size, db: db.kind },
      'coordinator ready',
    );
    return {
      config,
      httpUrl,
      grpcEndpoint,
      grpcTls,
      mqttUrl,
      registry,
      noc,
      ledger,
      packages,
      leases,
      reconciler,
      reservations,
      sites,
      customerKeys,
      hardware,
      siteConfig,
      enrollment,
      metrics,
      hub,
      db,
      log,
      notices,
      readiness,
      close: () => shutdown.close(),
    };
  } catch (err) {
    await shutdown.close();
    throw err;
  }
}
