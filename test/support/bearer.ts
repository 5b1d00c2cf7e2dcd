import * as grpc from '@grpc/grpc-js';

/**
 * A client interceptor that sends `authorization: Bearer <token>` on every call (grpc-js refuses
 * call credentials on plaintext channels, so tests attach the header this way).
 */
export function bearerInterceptor(token: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}
