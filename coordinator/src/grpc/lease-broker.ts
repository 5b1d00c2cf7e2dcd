import type { Logger } from '@edgefleet/common';
import { shutdownGrpcServer } from '@edgefleet/proto';
import type { CoordinatorConfig } from '../config.js';
import { AcquireQueue } from '../leases/acquire-queue.js';
import type { LeaseService } from '../leases/lease-service.js';
import type { SitePrice } from '../leases/watch-prices.js';
import type { CoordinatorMetrics } from '../metrics.js';
import { choosePort } from '../ports.js';
import type { EdgeControlHub } from './edge-control.js';
import { startGrpcServer, type VehicleReports } from './server.js';
import type { GrpcTls } from './tls.js';

export interface LeaseBroker {
  /** host:port agents and vehicles dial (grpc.advertise, else the bound address). */
  endpoint: string;
  /** Bound and not shutting down (the readiness check). */
  listening(): boolean;
  /** The fair queue Acquires wait in (the NOC's queue view follows it). */
  queue: Pick<AcquireQueue, 'snapshot' | 'onOutcome'>;
  /**
   * Closes the acquire queue first (waiting Acquires are refused and go elsewhere), then the
   * EdgeControl streams and the server, which drains its calls.
   */
  close(): Promise<void>;
}

/**
 * The gRPC side: LeaseBroker (Acquire through the fair acquire queue) and EdgeControl on one
 * server, over TLS when configured, with the lease-broker auth from the configuration.
 */
export async function startLeaseBroker(
  config: Pick<CoordinatorConfig, 'grpc' | 'portFallback' | 'leases' | 'auth'>,
  d: {
    leases: LeaseService;
    hub: EdgeControlHub;
    customerOf: (token: string) => string | undefined;
    tls: GrpcTls | undefined;
    metrics: CoordinatorMetrics;
    log: Logger;
    notices: string[];
    vehicleReports?: VehicleReports;
    /** KIND_PRICE events on Watch streams (market.priceOnWatchMs). */
    watchPrices?: { priceOf: SitePrice; intervalMs: number };
  },
): Promise<LeaseBroker> {
  const { grpc } = config;
  const port = await choosePort(grpc.port, grpc.host, config.portFallback, 'grpc.port', d.notices);
  const acquireQueue = new AcquireQueue(
    (req) => d.leases.acquire(req),
    (holdId) => d.leases.release(holdId),
    config.leases.queue,
    d.metrics,
    d.log,
  );
  const { server, port: bound } = await startGrpcServer({
    host: grpc.host,
    port,
    leases: d.leases,
    acquireQueue,
    hub: d.hub,
    log: d.log,
    metrics: d.metrics,
    ...(d.vehicleReports ? { vehicleReports: d.vehicleReports } : {}),
    ...(d.watchPrices ? { watchPrices: d.watchPrices } : {}),
    ...(d.tls ? { credentials: d.tls.serverCredentials() } : {}),
    auth: {
      mode: config.auth.leaseBroker,
      staffTokens: config.auth.tokens,
      customerOf: d.customerOf,
    },
  });
  let listening = true;
  return {
    endpoint: grpc.advertise ?? `${grpc.host}:${bound}`,
    listening: () => listening,
    queue: acquireQueue,
    async close() {
      try {
        acquireQueue.close();
      } finally {
        listening = false;
        d.hub.closeAll();
        await shutdownGrpcServer(server);
      }
    },
  };
}
