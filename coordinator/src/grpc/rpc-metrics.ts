import { ServerInterceptingCall, type ServerInterceptor } from '@grpc/grpc-js';
import type { CoordinatorMetrics } from '../metrics.js';

type RpcMetrics = Pick<CoordinatorMetrics, 'grpcStarted' | 'grpcHandled' | 'grpcHandlingSeconds'>;
type GrpcType = 'unary' | 'server_stream' | 'client_stream' | 'bidi_stream';

/** grpc-js status numbers by name, as Prometheus' grpc conventions label them (OK, NOT_FOUND, ...). */
const CODE_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

export function grpcCodeName(code: number | undefined): string {
  return CODE_NAMES[code ?? 2] ?? 'UNKNOWN';
}

function typeOf(m: { requestStream: boolean; responseStream: boolean }): GrpcType {
  if (m.requestStream) return m.responseStream ? 'bidi_stream' : 'client_stream';
  return m.responseStream ? 'server_stream' : 'unary';
}

/**
 * A server interceptor that counts every call (started; handled, by the status code it ended with)
 * and times every unary call, under Prometheus' gRPC names (grpc_service, grpc_method, grpc_type,
 * grpc_code). Acquire's latency is edgefleet_grpc_server_handling_seconds{grpc_method="Acquire"}.
 */
export function rpcMetricsInterceptor(m: RpcMetrics): ServerInterceptor {
  return (method, call) => {
    const [, grpc_service = 'unknown', grpc_method = 'unknown'] = method.path.split('/');
    const grpc_type = typeOf(method);
    const labels = { grpc_service, grpc_method, grpc_type };
    const stop =
      grpc_type === 'unary'
        ? m.grpcHandlingSeconds.startTimer({ grpc_service, grpc_method })
        : undefined;
    let done = false;
    const handled = (code: string) => {
      if (done) return;
      done = true;
      stop?.();
      m.grpcHandled.inc({ ...labels, grpc_code: code });
    };
    m.grpcStarted.inc(labels);
    return new ServerInterceptingCall(call, {
      start: (next) => next({ onCancel: () => handled('CANCELLED') }),
      sendStatus: (status, next) => {
        handled(grpcCodeName(status.code));
        next(status);
      },
    });
  };
}
