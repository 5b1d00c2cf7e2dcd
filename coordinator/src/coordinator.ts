import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import {
  createLogger,
  describeError,
  pickPort,
  runChecks,
  type Logger,
  type Readiness,
} from '@edgefleet/common';
import { shutdownGrpcServer } from '@edgefleet/proto';
import type { CoordinatorConfig } from './config.js';
import { openDb, type Db } from './db/index.js';
import { AlertStore } from './noc/alert-store.js';
import { AlertWebhook } from './noc/alert-webhook.js';
import { createLedger, Reconciler, ResendOnReconnect, type Ledger } from './ledger/index.js';
import { FleetRegistry } from './fleet/registry.js';
import { SiteStore, type SiteChange } from './fleet/site-store.js';
import { ChangeFeed } from './fleet/change-feed.js';
import { CustomerKeyStore, type ApiKeyChange } from './fleet/customer-keys.js';
import { HardwareResolver } from './hardware/hardware-resolver.js';
import { HardwareMappingStore, type HardwareMappingChange } from './hardware/mapping-store.js';
import { SiteRevocation } from './fleet/revocation.js';
import { SigningKeyRing } from './keys/signing-keys.js';
import { createCoordinatorMetrics, type CoordinatorMetrics } from './metrics.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './transport/embedded-broker.js';
import { connectExternalBus, redact } from './transport/external-bus.js';
import type { MessageBus } from './transport/bus.js';
import { EdgeControlHub } from './grpc/edge-control.js';
import { startGrpcServer } from './grpc/server.js';
import { loadGrpcTls, serverNamesFor, type GrpcTls } from './grpc/tls.js';
import { AcquireQueue } from './leases/acquire-queue.js';
import { followHoldChanges } from './leases/hold-changes.js';
import { LeaseService } from './leases/lease-service.js';
import { SiteConfigPublisher } from './site-config/site-config.js';
import { SiteEnrollment } from './enrollment/index.js';
import { startIngest } from './ingest/ingest.js';
import { SiteKeyBook } from './fleet/site-keys.js';
import { createApp } from './http/app.js';
import { createNoc } from './noc/noc.js';
import { coordinatorChecks } from './health/readiness.js';

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

async function choosePort(
  preferred: number,
  host: string,
  fallback: boolean,
  setting: string,
  notices: string[],
): Promise<number> {
  if (!fallback || preferred === 0) return preferred;
  const { port, fellBack } = await pickPort(preferred, host);
  if (fellBack) notices.push(`port ${preferred} (${setting}) is taken; using ${port} instead`);
  return port;
}

type Cleanups = (() => Promise<void> | void)[];

/**
 * The MQTT side: the embedded aedes (sites authenticate against `sites`) or an external broker by
 * URL. Either way a site whose MQTT link is lost is marked so in the registry.
 */
async function connectBus(
  config: CoordinatorConfig,
  d: {
    sites: SiteStore;
    registry: FleetRegistry;
    metrics: CoordinatorMetrics;
    log: Logger;
    notices: string[];
    cleanups: Cleanups;
  },
): Promise<{ bus: MessageBus; broker?: EmbeddedBroker; mqttUrl: string }> {
  const { registry, log } = d;
  if (config.mqtt.url === 'embedded') {
    const port = await choosePort(
      config.mqtt.port,
      config.mqtt.host,
      config.portFallback,
      'mqtt.port',
      d.notices,
    );
    const broker = await startEmbeddedBroker({
      host: config.mqtt.host,
      port,
      auth: d.sites,
      metrics: d.metrics,
      log,
      limits: config.mqtt.limits,
    });
    d.cleanups.push(() => broker.close());
    broker.onSiteDisconnect((siteId) => registry.setMqtt(siteId, false));
    return {
      bus: broker.bus,
      broker,
      mqttUrl: config.mqtt.advertiseUrl ?? `mqtt://${config.mqtt.host}:${broker.port}`,
    };
  }
  const bus = await connectExternalBus({
    url: config.mqtt.url,
    clientId:
      config.mqtt.clientId ?? `edgefleet-coordinator-${process.pid}-${Date.now().toString(36)}`,
    sharedGroup: config.mqtt.sharedGroup,
    log,
  });
  d.cleanups.push(() => bus.close());
  // Broker unreachable: every site's MQTT link is lost as far as we can tell (degraded while
  // its stream is up, offline if that drops too); retained statuses re-mark them on reconnect.
  bus.onConnectionChange?.((up) => {
    if (!up) for (const s of registry.all()) registry.setMqtt(s.siteId, false);
  });
  return {
    bus,
    mqttUrl: config.mqtt.advertiseUrl ?? redact(config.mqtt.url).replace(/\/\/[^@/]+@/, '//'),
  };
}

/** Serves the HTTP app; resolves with the bound port. */
async function listenHttp(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  host: string,
  port: number,
  cleanups: Cleanups,
): Promise<number> {
  const httpServer = await new Promise<ServerType>((resolveServer, reject) => {
    const srv = serve({ fetch: app.fetch, hostname: host, port }, () => resolveServer(srv));
    srv.once('error', (err) =>
      reject(
        new Error(
          `cannot bind HTTP on ${host}:${port}: ${err.message} (set http.port / EDGEFLEET_COORDINATOR_HTTP__PORT)`,
        ),
      ),
    );
  });
  cleanups.push(() => new Promise<void>((r) => httpServer.close(() => r())));
  const addr = httpServer.address();
  return typeof addr === 'object' && addr ? addr.port : port;
}

export async function startCoordinator(
  config: CoordinatorConfig,
  /** onFatal: the ledger database is gone for good (the PGlite worker died); the process should exit. */
  opts: { log?: Logger; onFatal?: (err: Error) => void } = {},
): Promise<Coordinator> {
  const log = opts.log ?? createLogger('coordinator');
  const notices: string[] = [];
  const cleanups: Cleanups = [];
  let closing = false;
  const closeAll = async () => {
    closing = true;
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log.warn({ err: describeError(err) }, 'shutdown step failed');
      }
    }
  };
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
    cleanups.push(() => db.close());
    const ledger = await createLedger(db);
    const sites = new SiteStore(db);
    const siteKeys = new SiteKeyBook(db, { graceMs: config.siteKeys.rotationGraceS * 1000 });
    const customerKeys = new CustomerKeyStore(db);
    const keyChangesFrom = await customerKeys.lastChangeSeq();
    await customerKeys.load();
    const registry = new FleetRegistry(
      config.liveness,
      config.routing.rttEwmaAlpha,
      Date.now,
      new HardwareResolver(),
    );
    // A mapping made here or through another replica re-resolves every site's hardware at once.
    const hardware = new HardwareMappingStore(db, registry.hardware, () =>
      registry.reresolveHardware(),
    );
    const mappingChangesFrom = await hardware.lastChangeSeq();
    await hardware.load();
    // The change number first: anything changed while the sites load is read again by the feed.
    const changesFrom = await sites.lastChangeSeq();
    for (const s of await sites.load()) registry.upsertEnrolled(s);
    const keys = SigningKeyRing.open(join(dataDir));

    const { bus, broker, mqttUrl } = await connectBus(config, {
      sites,
      registry,
      metrics,
      log,
      notices,
      cleanups,
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
    const pops = new Map(config.routing.pops.map((p) => [p.id, { lat: p.lat, lon: p.lon }]));
    const leases = new LeaseService({
      registry,
      agents: hub,
      ledger,
      keys,
      metrics,
      log,
      settings: config.leases,
      routing: () => ({
        pops,
        weights: config.routing.weights,
        nearBestFraction: config.routing.nearBestFraction,
        geoPathFactor: config.routing.geoPathFactor,
        hourUtc: new Date().getUTCHours(),
        random: Math.random,
        reserve: config.routing.reserve,
        lookaheadS: config.routing.lookaheadS,
      }),
      attachment: {
        cells: new Map(config.routing.cells.map((c) => [c.cellId, c.popId])),
        trackingAreas: new Map(config.routing.trackingAreas.map((t) => [t.trackingArea, t.popId])),
      },
      indexRefreshMs: config.routing.indexRefreshMs,
    });

    const webhookUrl = config.alerts.webhookUrl;
    const noc = createNoc({
      registry,
      alerts: { telemetryStaleMs: config.liveness.telemetryStaleMs },
      store: new AlertStore(db),
      ...(webhookUrl
        ? {
            webhook: new AlertWebhook(
              {
                url: webhookUrl,
                maxAttempts: config.alerts.webhookMaxAttempts,
                backoffMs: config.alerts.webhookBackoffMs,
                maxBackoffMs: config.alerts.webhookMaxBackoffMs,
                timeoutMs: config.alerts.webhookTimeoutMs,
                maxQueue: config.alerts.webhookMaxQueue,
              },
              log,
            ),
          }
        : {}),
      log,
    });
    cleanups.push(() => noc.close());
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
    cleanups.push(() => reconciler.stop());

    const grpcPort = await choosePort(
      config.grpc.port,
      config.grpc.host,
      config.portFallback,
      'grpc.port',
      notices,
    );
    const acquireQueue = new AcquireQueue(
      (req) => leases.acquire(req),
      config.leases.queue,
      metrics,
      log,
    );
    const { server: grpcServer, port: boundGrpc } = await startGrpcServer({
      host: config.grpc.host,
      port: grpcPort,
      leases,
      acquireQueue,
      hub,
      log,
      ...(grpcTls ? { credentials: grpcTls.serverCredentials() } : {}),
      auth: {
        mode: config.auth.leaseBroker,
        staffTokens: config.auth.tokens,
        customerOf: (t) => customerKeys.customerOf(t),
      },
    });
    let grpcListening = true;
    cleanups.push(() => {
      grpcListening = false;
      return shutdownGrpc(grpcServer, hub);
    });
    // Closed before the gRPC server drains (cleanups run last-first): waiting Acquires go elsewhere.
    cleanups.push(() => acquireQueue.close());
    const checks = coordinatorChecks({
      db,
      bus,
      grpcListening: () => grpcListening && !closing,
    });
    const readiness = () => runChecks(checks, config.health.checkTimeoutMs);
    const grpcEndpoint = config.grpc.advertise ?? `${config.grpc.host}:${boundGrpc}`;

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
      reconLagSeconds: () => ledger.reconLagSeconds(),
      readiness,
    });
    const boundHttp = await listenHttp(
      app,
      config.http.host,
      await choosePort(
        config.http.port,
        config.http.host,
        config.portFallback,
        'http.port',
        notices,
      ),
      cleanups,
    );

    await siteConfig.publishAll();

    const siteChanges = new ChangeFeed<SiteChange>({
      name: 'sites',
      changesSince: (seq, limit) => sites.changesSince(seq, limit),
      apply: (c) => revocation.applyChange(c),
      from: changesFrom,
      log,
    });
    siteChanges.start(config.liveness.changePollMs);
    cleanups.push(() => siteChanges.stop());
    const keyChanges = new ChangeFeed<ApiKeyChange>({
      name: 'customer API keys',
      changesSince: (seq, limit) => customerKeys.changesSince(seq, limit),
      apply: (c) => customerKeys.apply(c),
      from: keyChangesFrom,
      log,
    });
    keyChanges.start(config.liveness.changePollMs);
    cleanups.push(() => keyChanges.stop());
    const mappingChanges = new ChangeFeed<HardwareMappingChange>({
      name: 'hardware mappings',
      changesSince: (seq, limit) => hardware.changesSince(seq, limit),
      apply: (c) => hardware.apply(c),
      from: mappingChangesFrom,
      log,
    });
    mappingChanges.start(config.liveness.changePollMs);
    cleanups.push(() => mappingChanges.stop());
    const holdChanges = await followHoldChanges({
      ledger,
      leases,
      log,
      pollMs: config.liveness.changePollMs,
    });
    cleanups.push(() => holdChanges.stop());

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
    cleanups.push(() => clearInterval(sweep));

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
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

function shutdownGrpc(server: GrpcServer, hub: EdgeControlHub): Promise<void> {
  hub.closeAll();
  return shutdownGrpcServer(server);
}
