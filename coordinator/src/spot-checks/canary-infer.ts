import {
  credentials as grpcCredentials,
  makeGenericClientConstructor,
  Metadata,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { GRPC_CHANNEL_OPTIONS, InferenceService, pb, type edgefleet } from '@edgefleet/proto';

const InferenceClient = makeGenericClientConstructor(InferenceService, 'Inference');

/** An InferResponse as decoded off the wire. */
export type InferAnswer = ReturnType<typeof InferenceService.infer.responseDeserialize>;

/**
 * Calls a site's Inference.Infer exactly as a vehicle does (the SDK's request, the lease token, no
 * extra metadata), so a canary is one more Infer on a lease. One grpc-js client per endpoint, kept
 * (grpc-js leaks when a client is made per call); close() closes them.
 */
export class CanaryInferCaller {
  private readonly clients = new Map<string, Client>();

  /** `caPem`: the CA(s) that issue the sites' Inference certificates, for sites that serve TLS. */
  constructor(private readonly caPem?: string) {}

  /**
   * One Infer; `wallMs` is timed from when the channel is ready (a first call's connection set-up is
   * not the site's compute) to the answer.
   */
  async infer(
    lease: Pick<edgefleet.v1.ILease, 'endpoint' | 'endpoint_tls' | 'token'>,
    req: edgefleet.v1.IInferRequest,
    timeoutMs: number,
  ): Promise<{ answer: InferAnswer; wallMs: number }> {
    const client = this.client(lease.endpoint ?? '', lease.endpoint_tls === true);
    const deadline = Date.now() + timeoutMs;
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(deadline, (err) => (err ? reject(err) : resolve())),
    );
    const t0 = performance.now();
    const answer = await new Promise<InferAnswer>((resolve, reject) => {
      client.makeUnaryRequest(
        InferenceService.infer.path,
        InferenceService.infer.requestSerialize,
        InferenceService.infer.responseDeserialize,
        new pb.InferRequest({ ...req, lease_token: lease.token ?? '' }),
        new Metadata(),
        { deadline },
        (err: ServiceError | null, res?: InferAnswer) => {
          if (err || !res) reject(err ?? new Error('Infer: empty answer'));
          else resolve(res);
        },
      );
    });
    return { answer, wallMs: performance.now() - t0 };
  }

  private client(endpoint: string, tls: boolean): Client {
    const key = `${tls ? 'tls' : 'plain'}:${endpoint}`;
    let c = this.clients.get(key);
    if (!c) {
      const creds =
        tls && this.caPem
          ? grpcCredentials.createSsl(Buffer.from(this.caPem), null, null, {
              // The site's certificate names the site, not the host it is reached on; the CA pins it.
              checkServerIdentity: () => undefined,
            })
          : grpcCredentials.createInsecure();
      c = new InferenceClient(endpoint, creds, { ...GRPC_CHANNEL_OPTIONS });
      this.clients.set(key, c);
    }
    return c;
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
