import {
  Metadata,
  type Client,
  type ClientReadableStream,
  type ClientUnaryCall,
  type MethodDefinition,
} from '@grpc/grpc-js';

export interface UnaryHandle<Res> {
  call: ClientUnaryCall;
  response: Promise<Res>;
}

/** Starts a typed unary call on a generic grpc-js client; `cancel()` the call to abandon it. */
export function unary<Req, Res>(
  client: Client,
  def: MethodDefinition<Req, Res>,
  req: Req,
  metadata: Metadata,
  timeoutMs: number,
): UnaryHandle<Res> {
  let call!: ClientUnaryCall;
  const response = new Promise<Res>((resolve, reject) => {
    call = client.makeUnaryRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      req,
      metadata,
      { deadline: Date.now() + timeoutMs },
      (err, value) => {
        if (err) reject(err);
        else if (value === undefined) reject(new Error(`${def.path}: empty response`));
        else resolve(value);
      },
    );
  });
  return { call, response };
}

/** Starts a typed server-streaming call (no deadline: it lives until cancelled). */
export function serverStream<Req, Res>(
  client: Client,
  def: MethodDefinition<Req, Res>,
  req: Req,
  metadata: Metadata,
): ClientReadableStream<Res> {
  return client.makeServerStreamRequest(
    def.path,
    def.requestSerialize,
    def.responseDeserialize,
    req,
    metadata,
    {},
  );
}

export function bearerMetadata(token: string | undefined): Metadata {
  const md = new Metadata();
  if (token) md.set('authorization', `Bearer ${token}`);
  return md;
}
