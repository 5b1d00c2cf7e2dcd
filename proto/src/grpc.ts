import type { MethodDefinition, Server } from '@grpc/grpc-js';
import { pb } from './messages.js';

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(r: Uint8Array): T;
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function method<Req, Res>(
  service: string,
  name: string,
  req: Codec<Req>,
  res: Codec<Res>,
  requestStream: boolean,
  responseStream: boolean,
): MethodDefinition<Req, Res> {
  return {
    path: `/edgefleet.v1.${service}/${name}`,
    originalName: name,
    requestStream,
    responseStream,
    requestSerialize: (m: Req) => toBuffer(req.encode(m).finish()),
    requestDeserialize: (b: Buffer) => req.decode(b),
    responseSerialize: (m: Res) => toBuffer(res.encode(m).finish()),
    responseDeserialize: (b: Buffer) => res.decode(b),
  };
}

/** grpc-js service definitions built from the generated protobufjs codecs (paths match proto/). */
export const LeaseBrokerService = {
  acquire: method('LeaseBroker', 'Acquire', pb.AcquireRequest, pb.AcquireResponse, false, false),
  renew: method('LeaseBroker', 'Renew', pb.RenewRequest, pb.RenewResponse, false, false),
  release: method('LeaseBroker', 'Release', pb.ReleaseRequest, pb.ReleaseResponse, false, false),
  watch: method('LeaseBroker', 'Watch', pb.WatchRequest, pb.LeaseEvent, false, true),
} as const;

/**
 * Response headers of an Acquire with max_queue_ms that has to wait, sent as soon as it joins the
 * coordinator's queue (before the answer): its place (0 = next to be served) and, once the queue has
 * been served lately, the wait it can expect in ms at that rate.
 */
export const QUEUE_POSITION_HEADER = 'edgefleet-queue-position';
export const QUEUE_EXPECTED_WAIT_HEADER = 'edgefleet-queue-expected-wait-ms';

export const EdgeControlService = {
  connect: method('EdgeControl', 'Connect', pb.AgentMessage, pb.CoordinatorMessage, true, true),
} as const;

export const InferenceService = {
  infer: method('Inference', 'Infer', pb.InferRequest, pb.InferResponse, false, false),
  inferStream: method('Inference', 'InferStream', pb.InferRequest, pb.InferChunk, false, true),
} as const;

/**
 * Channel options every edgefleet gRPC client and server uses: channelz off (it has leaked
 * memory in some grpc-js versions), bounded message sizes, keepalive so a dead peer is noticed.
 */
export const GRPC_CHANNEL_OPTIONS = {
  'grpc.enable_channelz': 0,
  'grpc.max_receive_message_length': 4 * 1024 * 1024,
  'grpc.max_send_message_length': 4 * 1024 * 1024,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
} as const;

export const GRPC_SERVER_OPTIONS = {
  'grpc.enable_channelz': 0,
  'grpc.max_receive_message_length': 4 * 1024 * 1024,
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  'grpc.http2.min_time_between_pings_ms': 5_000,
} as const;

/** Graceful stop: let calls in flight finish for up to `graceMs`, then cut the rest. */
export function shutdownGrpcServer(server: Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(t);
      resolve();
    });
  });
}
