import * as grpc from '@grpc/grpc-js';
import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import {
  EdgeControlService,
  GRPC_SERVER_OPTIONS,
  LeaseBrokerService,
  QUEUE_EXPECTED_WAIT_HEADER,
  QUEUE_POSITION_HEADER,
  endStreamWithStatus,
  pb,
  type edgefleet,
} from '@edgefleet/proto';
import type { LeaseService } from '../leases/lease-service.js';
import type { AcquireQueue, QueueCaller } from '../leases/acquire-queue.js';
import { UnknownLeaseHoldError } from '../leases/errors.js';
import { followPrices, type SitePrice } from '../leases/watch-prices.js';
import { toGrpcError } from './errors.js';
import {
  bindCustomer,
  checkHoldOwner,
  identifyCaller,
  type LeaseBrokerAuth,
} from './caller-auth.js';
import type { EdgeControlHub } from './edge-control.js';
import type { CoordinatorMetrics } from '../metrics.js';
import { rpcMetricsInterceptor } from './rpc-metrics.js';

export class GrpcBindError extends EdgefleetError {
  constructor(address: string, cause: unknown) {
    super(
      'GRPC_BIND',
      `cannot bind gRPC on ${address}: ${describeError(cause)} (set grpc.port / EDGEFLEET_COORDINATOR_GRPC__PORT, or 0 for any free port)`,
      { address },
      { cause },
    );
  }
}

function unary<Req, Res>(
  log: Logger,
  name: string,
  fn: (req: Req, md: grpc.Metadata, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, cb) => {
    Promise.resolve()
      .then(() => fn(call.request, call.metadata, call))
      .then(
        (res) => cb(null, res),
        (err: unknown) => {
          const e = toGrpcError(err);
          if (e.code === grpc.status.INTERNAL)
            log.error({ rpc: name, err: describeError(err) }, 'rpc failed');
          else if (e.code === grpc.status.UNAVAILABLE)
            log.warn(
              { rpc: name, err: describeError((err as Error).cause ?? err) },
              'rpc unavailable',
            );
          cb({ code: e.code, details: e.details });
        },
      );
  };
}

/** Why a queued caller's wait is aborted: one instance, as nothing reads it beyond the event. */
const CALLER_GONE = new Error('the caller cancelled the call or its deadline passed');

/**
 * A queued Acquire's caller: its call being cancelled (by the client, or its deadline passing)
 * aborts the wait, and when it has to wait it is told where it stands in the response headers
 * (QUEUE_POSITION_HEADER, QUEUE_EXPECTED_WAIT_HEADER) before the answer comes.
 */
function queueCaller(call: grpc.ServerUnaryCall<unknown, unknown>): QueueCaller {
  const gone = new AbortController();
  // grpc-js emits 'cancelled' as each call's stream closes, answered or not; an abort() without a
  // reason builds a DOMException with its stack every time (2 % of the Acquire path's CPU).
  call.once('cancelled', () => gone.abort(CALLER_GONE));
  return {
    signal: gone.signal,
    onQueued: (q) => {
      const md = new grpc.Metadata();
      md.set(QUEUE_POSITION_HEADER, String(q.position));
      if (q.expectedWaitMs !== undefined && Number.isFinite(q.expectedWaitMs))
        md.set(QUEUE_EXPECTED_WAIT_HEADER, String(q.expectedWaitMs));
      call.sendMetadata(md);
    },
  };
}

/**
 * Takes what a vehicle's SDK measured of its requests (Renew and Release carry it): `holdSites` are
 * the sites of the hold's leases when known (a Renew's answer), else any site the fleet knows.
 */
export type VehicleReports = (
  reports: readonly edgefleet.v1.ISiteLatency[],
  holdSites: ReadonlySet<string> | undefined,
) => void;

/** LeaseBroker (clients) and EdgeControl (agents) on one gRPC server. */
export async function startGrpcServer(opts: {
  host: string;
  port: number;
  leases: LeaseService;
  /** Where an Acquire with max_queue_ms waits for a slot (leases/acquire-queue.ts); absent = refuse at once. */
  acquireQueue?: Pick<AcquireQueue, 'acquire' | 'kick'>;
  hub: EdgeControlHub;
  log: Logger;
  auth: LeaseBrokerAuth;
  /** TLS or mTLS (grpc/tls.ts); plaintext without. */
  credentials?: grpc.ServerCredentials;
  /** Every call counted and every unary call timed (grpc/rpc-metrics.ts). */
  metrics?: CoordinatorMetrics;
  /** The vehicles' own latency reports (the NOC's fleet views); absent = ignored. */
  vehicleReports?: VehicleReports;
  /** Spot prices of the hold's sites on its Watch stream (KIND_PRICE); absent = none sent. */
  watchPrices?: { priceOf: SitePrice; intervalMs: number };
}): Promise<{ server: grpc.Server; port: number }> {
  const { leases, log, auth } = opts;
  const server = new grpc.Server({
    ...GRPC_SERVER_OPTIONS,
    interceptors: opts.metrics ? [rpcMetricsInterceptor(opts.metrics)] : [],
  });
  /** The caller, who must own the hold (an unknown hold and another customer's look the same). */
  const holdCaller = async (md: grpc.Metadata, holdId: string) => {
    const caller = identifyCaller(md, auth);
    if (!checkHoldOwner(caller, await leases.customerOfHold(holdId)))
      throw new UnknownLeaseHoldError(holdId);
    return caller;
  };
  server.addService(LeaseBrokerService, {
    acquire: unary(log, 'Acquire', (req: edgefleet.v1.AcquireRequest, md, call) => {
      req.customer_id = bindCustomer(identifyCaller(md, auth), req.customer_id);
      // Only an Acquire that may wait needs to hear of its caller leaving (an AbortController and
      // a listener on every call otherwise).
      return opts.acquireQueue
        ? opts.acquireQueue.acquire(req, req.max_queue_ms > 0 ? queueCaller(call) : undefined)
        : leases.acquire(req);
    }),
    renew: unary(log, 'Renew', async (req: edgefleet.v1.RenewRequest, md) => {
      await holdCaller(md, req.hold_id);
      const renewed = await leases.renew(req.hold_id, req.ttl_s);
      if (req.observed.length > 0)
        opts.vehicleReports?.(req.observed, new Set(renewed.map((l) => l.site_id)));
      return new pb.RenewResponse({ leases: renewed });
    }),
    release: unary(log, 'Release', async (req: edgefleet.v1.ReleaseRequest, md) => {
      await holdCaller(md, req.hold_id);
      if (req.observed.length > 0) opts.vehicleReports?.(req.observed, undefined);
      const r = await leases.release(req.hold_id);
      opts.acquireQueue?.kick();
      return new pb.ReleaseResponse({
        burned_micro_tokens: r.burned,
        released_micro_tokens: r.released,
      });
    }),
    watch: (
      call: grpc.ServerWritableStream<edgefleet.v1.WatchRequest, edgefleet.v1.LeaseEvent>,
    ) => {
      let stop: (() => void) | undefined;
      let stopPrices: (() => void) | undefined;
      let gone = false;
      const end = () => {
        gone = true;
        stop?.();
        stopPrices?.();
      };
      call.on('cancelled', end);
      call.on('close', end);
      // The hold may live in the shared database only (another replica granted it): looked up first.
      const start = async () => {
        await holdCaller(call.metadata, call.request.hold_id);
        const unwatch = await leases.watch(call.request.hold_id, (ev) => {
          call.write(ev);
          if (
            ev.kind === pb.LeaseEvent.Kind.KIND_EXPIRED ||
            (ev.kind === pb.LeaseEvent.Kind.KIND_REVOKE && ev.reason === 'released')
          ) {
            end();
            call.end();
          }
        });
        if (gone) {
          unwatch();
          return;
        }
        stop = unwatch;
        const wp = opts.watchPrices;
        if (wp && wp.intervalMs > 0 && call.request.prices)
          stopPrices = followPrices(call.request.hold_id, {
            sitesOf: (holdId) => leases.leaseSites(holdId),
            priceOf: wp.priceOf,
            send: (ev) => {
              if (!gone) call.write(ev);
            },
            intervalMs: wp.intervalMs,
          });
      };
      start().catch((err: unknown) => {
        const e = toGrpcError(err);
        if (e.code === grpc.status.INTERNAL || e.code === grpc.status.UNAVAILABLE)
          log.warn({ rpc: 'Watch', err: describeError(err) }, 'rpc failed');
        endStreamWithStatus(call, e.code, e.details);
      });
    },
  });
  server.addService(EdgeControlService, { connect: opts.hub.connect });
  const address = `${opts.host}:${opts.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      address,
      opts.credentials ?? grpc.ServerCredentials.createInsecure(),
      (err, p) => (err ? reject(new GrpcBindError(address, err)) : resolve(p)),
    );
  });
  return { server, port };
}
