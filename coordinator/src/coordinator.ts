import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createLogger,
  describeError,
  runChecks,
  type Logger,
  type Readiness,
} from '@edgefleet/common';
import type { CoordinatorConfig } from './config.js';
import { openDb, type Db } from './db/index.js';
import { createLedger, Reconciler, ResendOnReconnect, type Ledger } from './ledger/index.js';
import { ReservationService } from './market/index.js';
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
import { loadGrpcTls, serverNamesFor, type GrpcTls } from './grpc/tls.js';
import { followHoldChanges } from './leases/hold-changes.js';
import { LeaseService } from './leases/lease-service.js';
import { routingSettings } from './routing/routing-settings.js';
import { SiteConfigPublisher } from './site-config/site-config.js';
import { SiteEnrollment } from './enrollment/index.js';
import { startIngest } from './ingest/ingest.js';
import { createApp } from './http/app.js';
import { listenHttp } from './http/listen.js';
import { ShutdownSteps } from './shutdown.js';
import { nocFromConfig } from './noc/noc-from-config.js';
import { coordinatorChecks } from './health/readiness.js';
import { startSpotChecks } from './spot-checks/spot-checks.js';

export interface Coordinator {
  config: CoordinatorConfig;
  httpUrl: string;
  grpcEndpoint: string;
  /** gRPC TLS in force (undefined: plaintext): the mode and the CA certificate agents and clients pin. */
  grpcTls: GrpcTls | undefined;
  mqttUrl: string;
  registry: FleetRegistry;
  ledger: Ledger;
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
    const onFatal = (err: Error) => {
      log.fatal({ err: describeError(err) }, 'ledger database lost; the coordinator must restart');
      opts.onFatal?.(err);
    };
    const db = await openDb(
      config.databaseUrl
        ? { url: config.databaseUrl }
        : { dataDir, pglite: config.pglite, onFatal },
    );
    shutdown.add(() => db.close());
    const ledger = await createLedger(db);
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

    const grpcTls = await loadGrpcTls(
      config.grpc.tls,
      dataDir,
      serverNamesFor({
        bindHost: config.grpc.host,
        advertise: config.grpc.advertise,
        extra: config.grpc.tls.serverNames,
      }),
    );
    if (grpcTls) log.info({ mode: grpcTls.mode, ...grpcTls.files }, 'gRPC TLS on');
    if (grpcTls && !grpcTls.issuesSiteCertificates)
      log.warn(
        'gRPC TLS: no CA key to sign site certificates (operator certFile without clientCaFile + clientCaKeyFile): sites serve Inference in plaintext and vehicles pinning the CA refuse them',
      );
    const { pingIntervalMs, pingTimeoutMs } = config.liveness;
    const hub = new EdgeControlHub(
      registry,
      sites,
      log,
      grpcTls?.mode === 'mtls',
      pingIntervalMs > 0 ? { intervalMs: pingIntervalMs, timeoutMs: pingTimeoutMs } : undefined,
    );
    const rs = config.market.reservations;
    const reservations = new ReservationService({
      db,
      sites: () => registry.all(),
      settings: {
        oversubscription: rs.oversubscription,
        microTokensPerSlotHour: rs.microTokensPerSlotHour,
        cancelFeeBps: rs.cancelFeeBps,
        maxWindowMs: rs.maxWindowH * 3_600_000,
        maxLeadMs: rs.maxLeadH * 3_600_000,
      },
    });
    await reservations.refreshActive();
    // Ended windows settle, and the active ones the Acquire path guards are re-read (other
    // replicas book too), every tick.
    const settleReservations = setInterval(() => {
      reservations
        .tick()
        .catch((err: unknown) =>
          log.warn({ err: describeError(err) }, 'reservation settlement failed; retried next tick'),
        );
    }, rs.tickMs);
    settleReservations.unref();
    shutdown.add(() => clearInterval(settleReservations));
    const leases = new LeaseService({
      registry,
      agents: hub,
      ledger,
      keys,
      metrics,
      log,
      settings: config.leases,
      guarantee: reservations,
      ...routingSettings(config.routing),
      siteKeys,
    });
    metrics.bindSources({
      sites: () => registry.all(),
      liveHolds: () => leases.liveHolds,
      edgeControlStreams: () => hub.connectedCount,
      ...(broker ? { brokerClients: () => broker.connectedClients() } : {}),
    });

    const noc = nocFromConfig(config, { registry, db, log });
    shutdown.add(() => noc.close());
    broker?.onLimit((siteId, reason) => noc.noteBadMessage(siteId, 'mqtt', reason));
    await startIngest({
      bus,
      registry,
      ledger,
      metrics,
      log,
      fastPath: config.reconcile.enabled && config.reconcile.fastPath,
      siteKeys,
      signedBurns: config.siteKeys.signedBurns,
      onBatchRefused: (siteId, reason, records) => noc.noteRefusedBatch(siteId, reason, records),
      onBadMessage: (siteId, kind, reason) => noc.noteBadMessage(siteId, kind, reason),
    });
    const reconciler = new Reconciler({
      ledger,
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
    shutdown.add(() => reconciler.stop());
    const spotChecks = await startSpotChecks({
      settings: config.spotChecks,
      ...{ registry, leases, ledger, db, log, tls: grpcTls, metrics: metrics.registry },
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
    });
    shutdown.add(() => grpc.close());
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
    const enrollment = new SiteEnrollment({
      sites,
      siteKeys,
      registry,
      log,
      maxSites: config.limits.maxSites,
      publishConfig: (siteId) => siteConfig.publishSoon(siteId),
      endpoints: () => ({
        mqttUrl,
        grpcEndpoint,
        signingKeys: keys.published(),
        ...(grpcTls ? { tls: grpcTls } : {}),
      }),
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

    const changes = fleet.followChanges({
      applySiteChange: (c) => revocation.applyChange(c),
      pollMs: config.liveness.changePollMs,
    });
    shutdown.add(() => changes.close());
    const holdChanges = await followHoldChanges({
      ledger,
      leases,
      log,
      pollMs: config.liveness.changePollMs,
    });
    shutdown.add(() => holdChanges.stop());

    const sweep = setInterval(() => {
      registry.sweep();
      siteConfig.retireKeys(config.leases.maxTtlS * 1000, Date.now());
      leases
        .sweepExpired(Date.now())
        .catch((err: unknown) =>
          log.warn(
            { err: describeError(err) },
            'hold expiry sweep failed; retried at the next tick',
          ),
        );
      siteConfig.sync();
    }, config.liveness.sweepIntervalMs);
    sweep.unref();
    shutdown.add(() => clearInterval(sweep));

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
      ledger,
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
