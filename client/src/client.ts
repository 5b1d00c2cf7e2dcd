import { readFileSync } from 'node:fs';
import {
  credentials as grpcCredentials,
  makeGenericClientConstructor,
  type ChannelCredentials,
  type Client,
  type ClientReadableStream,
} from '@grpc/grpc-js';
import {
  expectCoordinatorCertificate,
  expectSiteCertificate,
  GRPC_CHANNEL_OPTIONS,
  InferenceService,
  LeaseBrokerService,
  pb,
} from '@edgefleet/proto';
import {
  CaFileError,
  ClientClosedError,
  coordinatorError,
  NoSiteAvailableError,
  SiteCaMissingError,
  SitePlaintextError,
} from './errors.js';
import { LatencyReport } from './latency-report.js';
import { LatencyWindow } from './latency-window.js';
import {
  OutlierDetector,
  type Ejection,
  type OutlierDetectionOptions,
  type OutlierStats,
} from './outlier.js';
import { buildAcquireRequest } from './options.js';
import { tellQueued } from './queue-headers.js';
import { PeakEwma, type PeakEwmaOptions } from './peak-ewma.js';
import { ReceiptBook, type ReceiptBookOptions, type ReceiptPolicy } from './receipt-book.js';
import { bearerMetadata, serverStream, unary } from './rpc.js';
import { LeaseSession, type SessionHost, type SessionTimers } from './session.js';
import {
  toLease,
  type AcquireOptions,
  type AcquireResponse,
  type ReleaseResponse,
  type RenewResponse,
  type Lease,
  type LeaseEvent,
  type ReleaseResult,
  type RouteExplanation,
} from './types.js';

/** The CA certificate(s) of the `ca` option, checked to hold at least one PEM certificate. */
function readCa(path: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (err) {
    throw new CaFileError(`ca: cannot read ${path}: ${(err as Error).message}`, { path });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new CaFileError(`ca: ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, {
      path,
    });
  return pem;
}

const LeaseBrokerClient = makeGenericClientConstructor(LeaseBrokerService, 'LeaseBroker');
const InferenceClient = makeGenericClientConstructor(InferenceService, 'Inference');

export interface EdgefleetClientOptions {
  /** host:port of the coordinator's gRPC LeaseBroker. */
  coordinator: string;
  customerId: string;
  /** Credentials for the coordinator (default: insecure, or TLS pinned to `ca`). */
  credentials?: ChannelCredentials;
  /**
   * Path of a PEM file with the CA certificate that issued the coordinator's gRPC server certificate
   * (grpc.tls.mode tls or mtls; the coordinator's dataDir/grpc-tls/ca.pem when it makes its own):
   * LeaseBroker calls then use TLS and accept only that CA (and no site's certificate); each site's
   * Inference too: a lease with endpoint_tls is dialled with TLS and the site's certificate must come
   * from that CA and name the lease's site; a plaintext site is refused (SitePlaintextError, the next
   * lease is tried). Ignored when `credentials` is given.
   */
  ca?: string;
  /**
   * Credentials for every site's Inference endpoint, overriding the above (default: `credentials`
   * when given; else TLS pinned to `ca` per lease, or plaintext without `ca`).
   */
  inferenceCredentials?: ChannelCredentials;
  /** Deadline of LeaseBroker calls and default per-attempt Infer deadline, ms (default 5000). */
  defaultTimeoutMs?: number;
  /** Sent as `authorization: Bearer …` on LeaseBroker calls when set. */
  bearerToken?: string;
  /** Tuning of the per-endpoint peak-EWMA estimates. */
  peakEwma?: PeakEwmaOptions;
  /**
   * Outlier ejection of site endpoints (a timed-out or failed-over site is not tried again for
   * 30 s × its ejection count while another lease is left); `false` turns it off.
   */
  outlierDetection?: OutlierDetectionOptions | false;
  /** Clock of the outlier ejection, ms since epoch (default Date.now; replaceable in tests). */
  now?: () => number;
  /**
   * What to do with each answer's receipt (docs/verification.md "Receipts"): `verify` (default)
   * checks and keeps every one (`client.receipts`); `require` also refuses an answer whose receipt
   * does not verify and fails over to the next lease. Or the ReceiptBook options.
   */
  receipts?: ReceiptPolicy | ReceiptBookOptions;
  /**
   * Send the coordinator what this client measured of its requests (counts per latency bucket and
   * site, with each Renew and Release) for the NOC's vehicle latency view (default true).
   */
  reportLatency?: boolean;
}

/**
 * Entry point of the vehicle-fleet SDK. Holds ONE grpc-js client for the coordinator and one per
 * site endpoint (cached: grpc-js leaks when a client is made per call); close() closes them all.
 */
export class EdgefleetClient implements SessionHost {
  readonly customerId: string;
  readonly defaultTimeoutMs: number;
  readonly latencies = new LatencyWindow();
  /** What is measured per site until the next Renew or Release reports it; undefined = not reported. */
  readonly latencyReport: LatencyReport | undefined;
  readonly outliers: OutlierDetector | undefined;
  /** Every receipt this client received, verified against the keys each lease named (list, export as JSON lines). */
  readonly receipts: ReceiptBook;
  private readonly broker: Client;
  /** Fixed credentials for every site (inferenceCredentials / credentials); undefined: per lease, from `ca`. */
  private readonly inferCreds: ChannelCredentials | undefined;
  private readonly caPem: Buffer | undefined;
  private readonly inferClients = new Map<string, Client>();
  private readonly stats = new Map<string, PeakEwma>();
  private closed = false;

  constructor(private readonly options: EdgefleetClientOptions) {
    if (!options.coordinator)
      throw new TypeError('EdgefleetClient: coordinator (host:port) is required');
    this.customerId = options.customerId;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 5_000;
    this.latencyReport = options.reportLatency === false ? undefined : new LatencyReport();
    this.outliers =
      options.outlierDetection === false
        ? undefined
        : new OutlierDetector(options.outlierDetection ?? {});
    this.receipts = new ReceiptBook(
      typeof options.receipts === 'string' ? { policy: options.receipts } : options.receipts,
    );
    this.caPem = !options.credentials && options.ca ? readCa(options.ca) : undefined;
    const creds =
      options.credentials ??
      (this.caPem
        ? grpcCredentials.createSsl(this.caPem, null, null, {
            checkServerIdentity: expectCoordinatorCertificate,
          })
        : grpcCredentials.createInsecure());
    this.inferCreds = options.inferenceCredentials ?? options.credentials;
    this.broker = new LeaseBrokerClient(options.coordinator, creds, { ...GRPC_CHANNEL_OPTIONS });
  }

  /** Asks the coordinator for a primary lease plus hedges; the session renews itself until released. */
  async acquire(opts: AcquireOptions & { timers?: SessionTimers }): Promise<LeaseSession> {
    const req = buildAcquireRequest(this.customerId, opts);
    const first = await this.grant(req, opts);
    return new LeaseSession(this, {
      holdId: first.holdId,
      model: opts.model,
      leases: first.leases,
      explanation: first.explanation,
      ttlS: opts.ttlS ?? 0,
      autoRenew: opts.autoRenew ?? true,
      onRenewError: opts.onRenewError,
      onRenew: opts.onRenew,
      onPreempted: opts.onPreempted,
      onReplaceError: opts.onReplaceError,
      replace: (opts.replaceOnPreempt ?? true) ? () => this.grant(req, opts) : undefined,
      inferDefaults: opts.infer ?? {},
      timers: opts.timers,
    });
  }

  /** One Acquire call: the hold and its leases, primary first. */
  private async grant(
    req: ReturnType<typeof buildAcquireRequest>,
    opts: AcquireOptions,
  ): Promise<{ holdId: string; leases: Lease[]; explanation: RouteExplanation | undefined }> {
    const res = await this.call<AcquireResponse>('acquire', () => {
      const started = unary(
        this.broker,
        LeaseBrokerService.acquire,
        req,
        this.md(),
        this.defaultTimeoutMs + (opts.maxQueueMs ?? 0),
      );
      const { onQueued } = opts;
      if (onQueued) started.call.on('metadata', (md) => tellQueued(md, onQueued));
      return started;
    });
    const primary = toLease(res.primary);
    if (!primary)
      throw new NoSiteAvailableError('acquire: the coordinator granted no primary lease', {
        model: opts.model,
      });
    const leases = [
      primary,
      ...res.hedges.map((h) => toLease(h)).filter((l): l is Lease => l !== undefined),
    ];
    return { holdId: primary.hold_id, leases, explanation: res.explanation ?? undefined };
  }

  /** Releases a hold by id (for holds acquired elsewhere, e.g. by `edgefleet lease acquire`). */
  async releaseHold(holdId: string): Promise<ReleaseResult> {
    const observed = this.latencyReport?.take() ?? [];
    const res = await this.call<ReleaseResponse>('release', () =>
      unary(
        this.broker,
        LeaseBrokerService.release,
        new pb.ReleaseRequest({ hold_id: holdId, observed }),
        this.md(),
        this.defaultTimeoutMs,
      ),
    ).catch((err: unknown) => {
      this.latencyReport?.putBack(observed);
      throw err;
    });
    return {
      burnedMicroTokens: res.burned_micro_tokens,
      releasedMicroTokens: res.released_micro_tokens,
    };
  }

  async renewHold(holdId: string, ttlS: number): Promise<Lease[]> {
    const observed = this.latencyReport?.take() ?? [];
    const res = await this.call<RenewResponse>('renew', () =>
      unary(
        this.broker,
        LeaseBrokerService.renew,
        new pb.RenewRequest({ hold_id: holdId, ttl_s: ttlS, observed }),
        this.md(),
        this.defaultTimeoutMs,
      ),
    ).catch((err: unknown) => {
      this.latencyReport?.putBack(observed);
      throw err;
    });
    return res.leases.map((l) => toLease(l)).filter((l): l is Lease => l !== undefined);
  }

  watchHold(holdId: string, prices = false): ClientReadableStream<LeaseEvent> {
    this.assertOpen();
    // Decoded messages are class instances with proto3 defaults; the definitions type them loosely.
    return serverStream(
      this.broker,
      LeaseBrokerService.watch,
      new pb.WatchRequest({ hold_id: holdId, prices }),
      this.md(),
    ) as ClientReadableStream<LeaseEvent>;
  }

  /**
   * The cached Inference client of a lease's site (one channel per endpoint, and per site with TLS).
   * With `ca`: TLS verified against it and the lease's site id; a plaintext site throws
   * SitePlaintextError. Without: plaintext, and a TLS site throws SiteCaMissingError.
   */
  inferenceClient(lease: Pick<Lease, 'endpoint' | 'site_id' | 'endpoint_tls'>): Client {
    this.assertOpen();
    const { endpoint, site_id: siteId } = lease;
    const tls = this.inferCreds === undefined && lease.endpoint_tls;
    if (this.inferCreds === undefined) {
      if (this.caPem && !tls)
        throw new SitePlaintextError(
          `site ${siteId}: serves Inference in plaintext at ${endpoint} and this client pins a CA (ca): refused, the lease token and input are not sent in clear (the site needs edgefleet-agent tls-renew)`,
          { siteId, endpoint },
        );
      if (!this.caPem && tls)
        throw new SiteCaMissingError(
          `site ${siteId}: serves Inference over TLS at ${endpoint} but this client has no ca to verify it with (set ca / --ca to the coordinator's CA)`,
          { siteId, endpoint },
        );
    }
    const key = tls ? `${endpoint} ${siteId}` : endpoint;
    let c = this.inferClients.get(key);
    if (!c) {
      const creds =
        this.inferCreds ??
        (tls && this.caPem
          ? grpcCredentials.createSsl(this.caPem, null, null, {
              checkServerIdentity: expectSiteCertificate(siteId),
            })
          : grpcCredentials.createInsecure());
      c = new InferenceClient(endpoint, creds, { ...GRPC_CHANNEL_OPTIONS });
      this.inferClients.set(key, c);
    }
    return c;
  }

  /** Peak-EWMA estimate of an endpoint, shared by every session of this client. */
  endpointStats(endpoint: string, priorLatencyMs: number): PeakEwma {
    let s = this.stats.get(endpoint);
    if (!s) {
      const prior = priorLatencyMs > 0 ? { initialLatencyMs: priorLatencyMs } : {};
      s = new PeakEwma(Date.now(), { ...this.options.peakEwma, ...prior });
      this.stats.set(endpoint, s);
    }
    return s;
  }

  /** Clock of the outlier ejection, ms since epoch. */
  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Site endpoints ejected now (soonest back first); empty when outlier detection is off. */
  ejections(): Ejection[] {
    return this.outliers?.ejected(this.now()) ?? [];
  }

  /** Ejections made and suppressed (max ejection percent) since the client started. */
  outlierStats(): OutlierStats {
    return this.outliers?.stats ?? { ejections: 0, suppressed: 0 };
  }

  /** Closes the coordinator channel and every cached site channel. */
  close(): void {
    this.closed = true;
    this.broker.close();
    for (const c of this.inferClients.values()) c.close();
    this.inferClients.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new ClientClosedError('the EdgefleetClient is closed');
  }

  private md() {
    return bearerMetadata(this.options.bearerToken);
  }

  /** Runs a LeaseBroker call; maps its failure to a typed error. Decoded replies are full class instances. */
  private async call<T>(
    operation: string,
    start: () => { response: Promise<unknown> },
  ): Promise<T> {
    this.assertOpen();
    try {
      return (await start().response) as T;
    } catch (err) {
      throw coordinatorError(err, operation);
    }
  }
}
