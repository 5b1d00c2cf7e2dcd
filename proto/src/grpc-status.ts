import type { ServerDuplexStream, ServerWritableStream } from '@grpc/grpc-js';

/** Status details travel in an HTTP/2 trailer; one that is too large never reaches the peer (it waits for its deadline). */
export const MAX_STATUS_DETAILS = 1024;

/** Bounds status details that may echo caller input (a 1 MB hold id, a 4 MB model name). */
export function statusDetails(text: string): string {
  return text.length <= MAX_STATUS_DETAILS
    ? text
    : `${text.slice(0, MAX_STATUS_DETAILS)}… (${text.length - MAX_STATUS_DETAILS} more characters)`;
}

/**
 * Ends a server-streaming or bidi call with a status. `stream.destroy(err)` must not be used for
 * this in grpc-js: it tears the stream down without ever sending the status, so the peer waits
 * until its own deadline (forever for a stream without one). Emitting 'error' lets grpc-js turn
 * the error into the status (code + details) and close the call.
 */
export function endStreamWithStatus(
  stream: ServerWritableStream<unknown, unknown> | ServerDuplexStream<unknown, unknown>,
  code: number,
  details: string,
): void {
  const d = statusDetails(details);
  stream.emit('error', Object.assign(new Error(d), { code, details: d }));
}
