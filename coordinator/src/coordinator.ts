import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import { createLogger, describeError, pickPort, type Logger } from '@edgefleet/common';
import { encodePayload, pb, siteTopic, shutdownGrpcServer } from '@edgefleet/proto';
import type { CoordinatorConfig } from './config.js';
import { openDb, type Db } from './db/index.js';
import { createLedger, Reconciler, ResendOnReconnect } from './ledger/index.js';
import type { Ledger } from './ledger/types.js';
import { FleetRegistry } from './fleet/registry.js';
import { sameTariff } from './fleet/site.js';
import { SiteStore, type SiteChange } from './fleet/site-store.js';
import { ChangeFeed } from './fleet/change-feed.js';
import { CustomerKeyStore, type ApiKeyChange } from './fleet/customer-keys.js';
import { SigningKeyRing } from './keys/signing-keys.js';
import { createCoordinatorMetrics, type CoordinatorMetrics } from './metrics.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './transport/embedded-broker.js';
import { connectExternalBus, redact } from './transport/external-bus.js';
import type { MessageBus } from './transport/bus.js';
import { EdgeControlHub } from './grpc/edge-control.js';
import { startGrpcServer } from './grpc/server.js';
import { loadGrpcTls, serverNamesFor, type GrpcTls } from './grpc/tls.js';
import { LeaseService } from './leases/lease-service.js';
import { startIngest } from './ingest/ingest.js';
import { createApp } from './http/app.js';
import { createNoc } from './http/noc.js';

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
  metrics: CoordinatorMetrics;
  hub: EdgeControlHub;
  db: Db;
  log: Logger;
  /** Notes for the operator (e.g. a port that was taken and replaced). */
  notices: string[];
  close(): Promise<void>;
}

async function choosePort(preferred: number, host: string, fallback: boolean, setting: string, notices: string[]): Promise<number> {
  if (!fallback || preferred === 0) return preferred;
  const { port, fellBack } = await pickPort(preferred, host);
  if (fellBack) notices.push(`port ${preferred} (${setting}) is taken; using ${port} instead`);
  return port;
}

export async function startCoordinator(
  config: CoordinatorConfig,
  /** onFatal: the ledger database is gone for good (the PGlite worker died); the process should exit. */
  opts: { log?: Logger; onFatal?: (err: Error) => void } = {},
): Promise<Coordinator> {
  const log = opts.log ?? createLogger('coordinator');
  const notices: string[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const closeAll = async () => {
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
    const db = await openDb(config.databaseUrl ? { url: config.databaseUrl } : { dataDir, pglite: config.pglite, onFatal });
    cleanups.push(() => db.close());
    const ledger = await createLedger(db);
    const sites = new SiteStore(db);
    const customerKeys = new CustomerKeyStore(db);
    const keyChangesFrom = await customerKeys.lastChangeSeq();
    await customerKeys.load();
    const registry = new FleetRegistry(config.liveness, config.routing.rttEwmaAlpha);
    // The change number first: anything changed while the sites load is read again by the feed.
    const changesFrom = await sites.lastChangeSeq();
    for (const s of await sites.load()) registry.upsertEnrolled(s);
    const keys = SigningKeyRing.open(join(dataDir));

    let bus: MessageBus;
    let broker: EmbeddedBroker | undefined;
    let mqttUrl: string;
    if (config.mqtt.url === 'embedded') {
      const port = await choosePort(config.mqtt.port, config.mqtt.host, config.portFallback, 'mqtt.port', notices);
      broker = await startEmbeddedBroker({ host: config.mqtt.host, port, auth: sites, metrics, log });
      cleanups.push(() => broker?.close());
      broker.onSiteDisconnect((siteId) => registry.setMqtt(siteId, false));
      bus = broker.bus;
      mqttUrl = config.mqtt.advertiseUrl ?? `mqtt://${config.mqtt.host}:${broker.port}`;
    } else {
      bus = await connectExternalBus({ url: config.mqtt.url, clientId: config.mqtt.clientId ?? `edgefleet-coordinator-${process.pid}-${Date.now().toString(36)}`, sharedGroup: config.mqtt.sharedGroup, log });
      cleanups.push(() => bus.close());
      // Broker unreachable: every site's MQTT link is lost as far as we can tell (degraded while
      // its stream is up, offline if that drops too); retained statuses re-mark them on reconnect.
      bus.onConnectionChange?.((up) => {
        if (!up) for (const s of registry.all()) registry.setMqtt(s.siteId, false);
      });
      mqttUrl = config.mqtt.advertiseUrl ?? redact(config.mqtt.url).replace(/\/\/[^@/]+@/, '//');
    }

    const grpcTls = await loadGrpcTls(config.grpc.tls, dataDir, serverNamesFor({ bindHost: config.grpc.host, advertise: config.grpc.advertise, extra: config.grpc.tls.serverNames }));
    if (grpcTls) log.info({ mode: grpcTls.mode, ...grpcTls.files }, 'gRPC TLS on');
    if (grpcTls && !grpcTls.issuesSiteCertificates) log.warn('gRPC TLS: no CA key to sign site certificates (operator certFile without clientCaFile + clientCaKeyFile): sites serve Inference in plaintext and vehicles pinning the CA refuse them');
    const hub = new EdgeControlHub(registry, sites, log, grpcTls?.mode === 'mtls');
    const pops = new Map(config.routing.pops.map((p) => [p.id, { lat: p.lat, lon: p.lon }]));
    const leases = new LeaseService({
      registry, hub, ledger, keys, metrics, log, settings: config.leases,
      routing: () => ({ pops, weights: config.routing.weights, nearBestFraction: config.routing.nearBestFraction, geoPathFactor: config.routing.geoPathFactor, hourUtc: new Date().getUTCHours(), random: Math.random, reserve: config.routing.reserve, lookaheadS: config.routing.lookaheadS }),
      attachment: { cells: new Map(config.routing.cells.map((c) => [c.cellId, c.popId])), trackingAreas: new Map(config.routing.trackingAreas.map((t) => [t.trackingArea, t.popId])) },
      indexRefreshMs: config.routing.indexRefreshMs,
      publishSiteConfig: (siteId) => publishConfig(siteId),
    });

    const noc = createNoc({ registry, alerts: { telemetryStaleMs: config.liveness.telemetryStaleMs } });
    cleanups.push(() => noc.close());
    await startIngest({ bus, registry, ledger, metrics, log, fastPath: config.reconcile.enabled && config.reconcile.fastPath, onBadMessage: (siteId, kind, reason) => noc.noteBadMessage(siteId, kind, reason) });
    const reconciler = new Reconciler({ ledger, bus, metrics, log, settleMs: config.leases.settleMs });
    new ResendOnReconnect({ bus, ledger, siteIds: () => [...registry.all()].map((s) => s.siteId), log }).attach();
    if (config.reconcile.enabled) reconciler.start(config.reconcile.schedule);
    cleanups.push(() => reconciler.stop());

    const grpcPort = await choosePort(config.grpc.port, config.grpc.host, config.portFallback, 'grpc.port', notices);
    const { server: grpcServer, port: boundGrpc } = await startGrpcServer({
      host: config.grpc.host, port: grpcPort, leases, hub, log, ...(grpcTls ? { credentials: grpcTls.serverCredentials() } : {}),
      auth: { mode: config.auth.leaseBroker, staffTokens: config.auth.tokens, customerOf: (t) => customerKeys.customerOf(t) },
    });
    cleanups.push(() => shutdownGrpc(grpcServer, hub));
    const grpcEndpoint = config.grpc.advertise ?? `${config.grpc.host}:${boundGrpc}`;

    const publishConfig = async (siteId: string) => {
      const tariff = registry.get(siteId)?.tariff ?? [];
      const cfg = new pb.SiteConfig({ signing_keys: keys.published(), version: Date.now(), tariff: { windows: tariff.map((w) => ({ start_hour: w.startHour, end_hour: w.endHour, price_per_kwh: w.pricePerKwh })) } });
      await bus.publish(siteTopic(siteId, 'config'), encodePayload(pb.SiteConfig, cfg), { qos: 1, retain: true });
    };

    // A revoked site: its secret is forgotten, its stream and MQTT connection closed, and it leaves
    // the registry (its leases fail over as if it had died). Idempotent: the feed may apply it again.
    const revokeHere = (siteId: string) => {
      sites.forget(siteId);
      const stream = hub.disconnect(siteId, 'site revoked by the NOC; enroll again with a new code');
      const mqtt = broker?.disconnectSite(siteId) ?? false;
      if (registry.remove(siteId) || stream || mqtt) log.warn({ siteId }, 'site revoked: credentials refused, links closed, leases failing over');
    };
    const applySiteChange = (c: SiteChange) => {
      if (c.revokedAtMs !== undefined) {
        revokeHere(c.siteId);
        return;
      }
      const cur = registry.get(c.siteId);
      if (cur && !sameTariff(cur.tariff, c.tariff)) registry.upsertEnrolled({ siteId: c.siteId, tariff: c.tariff });
    };
    const app = createApp({
      registry, sites, ledger, leases, reconciler, metrics, log, tokens: config.auth.tokens, enrollment: config.enrollment, noc, customerKeys,
      revokeSite: async (siteId) => {
        const r = await sites.revoke(siteId);
        if (r) revokeHere(siteId);
        return r;
      },
      reconLagSeconds: () => ledger.reconLagSeconds(),
      enrollInfo: () => ({ mqttUrl, grpcEndpoint, signingKeys: keys.published(), ...(grpcTls ? { grpcTls } : {}) }),
      onEnrolled: (siteId) => {
        publishConfig(siteId).catch((err: unknown) => log.warn({ siteId, err: describeError(err) }, 'config publish failed'));
      },
    });
    const httpPort = await choosePort(config.http.port, config.http.host, config.portFallback, 'http.port', notices);
    const httpServer = await new Promise<ServerType>((resolveServer, reject) => {
      const srv = serve({ fetch: app.fetch, hostname: config.http.host, port: httpPort }, () => resolveServer(srv));
      srv.once('error', (err) => reject(new Error(`cannot bind HTTP on ${config.http.host}:${httpPort}: ${err.message} (set http.port / EDGEFLEET_COORDINATOR_HTTP__PORT)`)));
    });
    cleanups.push(() => new Promise<void>((r) => httpServer.close(() => r())));
    const addr = httpServer.address();
    const boundHttp = typeof addr === 'object' && addr ? addr.port : httpPort;

    for (const s of registry.all()) await publishConfig(s.siteId);

    const siteChanges = new ChangeFeed<SiteChange>({ name: 'sites', changesSince: (seq, limit) => sites.changesSince(seq, limit), apply: applySiteChange, from: changesFrom, log });
    siteChanges.start(config.liveness.changePollMs);
    cleanups.push(() => siteChanges.stop());
    const keyChanges = new ChangeFeed<ApiKeyChange>({ name: 'customer API keys', changesSince: (seq, limit) => customerKeys.changesSince(seq, limit), apply: (c) => customerKeys.apply(c), from: keyChangesFrom, log });
    keyChanges.start(config.liveness.changePollMs);
    cleanups.push(() => keyChanges.stop());

    const sweep = setInterval(() => {
      registry.sweep();
      leases.sweepExpired(Date.now());
      leases.syncSiteConfigs();
    }, config.liveness.sweepIntervalMs);
    sweep.unref();
    cleanups.push(() => clearInterval(sweep));

    const httpUrl = `http://${config.http.host}:${boundHttp}`;
    log.info({ httpUrl, grpcEndpoint, mqttUrl, sites: registry.size, db: db.kind }, 'coordinator ready');
    return {
      config, httpUrl, grpcEndpoint, grpcTls, mqttUrl, registry, ledger, leases, reconciler, sites, customerKeys, metrics, hub, db, log, notices,
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
