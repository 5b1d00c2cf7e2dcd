import * as grpc from '@grpc/grpc-js';
import { bearerInterceptor } from '../support/bearer.js';
import {
  GRPC_CHANNEL_OPTIONS,
  InferenceService,
  LeaseBrokerService,
  pb,
  type edgefleet,
} from '@edgefleet/proto';

const BrokerCtor = grpc.makeGenericClientConstructor(
  LeaseBrokerService as unknown as grpc.ServiceDefinition,
  'LeaseBroker',
);
const InferCtor = grpc.makeGenericClientConstructor(
  InferenceService as unknown as grpc.ServiceDefinition,
  'Inference',
);

type Unary<Req, Res> = (
  req: Req,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: Res) => void,
) => void;

function unary<Req, Res>(
  client: grpc.Client,
  name: string,
  req: Req,
  timeoutMs: number,
): Promise<Res> {
  const fn = (client as unknown as Record<string, Unary<Req, Res>>)[name] as Unary<Req, Res>;
  return new Promise((resolve, reject) => {
    fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) =>
      err ? reject(err) : resolve(res as Res),
    );
  });
}

/** A plain grpc-js LeaseBroker client (no SDK logic), for tests that count what the wire says. */
export class BrokerClient {
  readonly client: grpc.Client;
  /** `token`: a customer API key or an operator/admin token (the LeaseBroker requires one). */
  constructor(endpoint: string, token: string) {
    this.client = new BrokerCtor(endpoint, grpc.credentials.createInsecure(), {
      ...GRPC_CHANNEL_OPTIONS,
      interceptors: [bearerInterceptor(token)],
    });
  }
  acquire(
    req: edgefleet.v1.IAcquireRequest,
    timeoutMs = 10_000,
  ): Promise<edgefleet.v1.AcquireResponse> {
    return unary(this.client, 'acquire', new pb.AcquireRequest(req), timeoutMs);
  }
  release(holdId: string, timeoutMs = 10_000): Promise<edgefleet.v1.ReleaseResponse> {
    return unary(this.client, 'release', new pb.ReleaseRequest({ hold_id: holdId }), timeoutMs);
  }
  close(): void {
    this.client.close();
  }
}

/** A plain grpc-js Inference client for one site. */
export class SiteClient {
  readonly client: grpc.Client;
  constructor(endpoint: string) {
    this.client = new InferCtor(endpoint, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS);
  }
  infer(token: string, model = '', timeoutMs = 10_000): Promise<edgefleet.v1.InferResponse> {
    return unary(
      this.client,
      'infer',
      new pb.InferRequest({ lease_token: token, model, input: 'frame', max_output_tokens: 4 }),
      timeoutMs,
    );
  }
  /** The machine code an Infer failed with (`CODE: message` in the status details), or 'OK'. */
  async code(token: string, model = ''): Promise<string> {
    try {
      await this.infer(token, model);
      return 'OK';
    } catch (err) {
      const e = err as grpc.ServiceError;
      return `${grpc.status[e.code]}/${(/^([A-Z_]+):/.exec(e.details ?? '') ?? [])[1] ?? e.details}`;
    }
  }
  close(): void {
    this.client.close();
  }
}
