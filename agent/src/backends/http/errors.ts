import { EdgefleetError } from '@edgefleet/common';

/**
 * The local inference server cannot take the request: connection refused or reset, HTTP 5xx or 429,
 * not ready, or the model withdrawn. Another site of the hold may serve it (failover).
 */
export class UpstreamUnavailableError extends EdgefleetError {
  constructor(url: string, reason: string, data: Record<string, unknown> = {}, cause?: unknown) {
    super(
      'UPSTREAM_UNAVAILABLE',
      `local inference server ${url} unavailable: ${reason}`,
      { url, reason, ...data },
      cause === undefined ? {} : { cause },
    );
  }
}

/** The local inference server did not finish within the backend's `timeoutMs`: the call is aborted, nothing billed. */
export class UpstreamTimeoutError extends EdgefleetError {
  constructor(url: string, timeoutMs: number) {
    super(
      'UPSTREAM_TIMEOUT',
      `local inference server ${url} did not answer within ${timeoutMs} ms`,
      {
        url,
        timeoutMs,
      },
    );
  }
}

/** The local inference server answered something the protocol does not allow (not JSON, no output, a broken event stream). */
export class UpstreamBadResponseError extends EdgefleetError {
  constructor(url: string, reason: string, cause?: unknown) {
    super(
      'UPSTREAM_BAD_RESPONSE',
      `local inference server ${url} answered outside the protocol: ${reason}`,
      { url, reason },
      cause === undefined ? {} : { cause },
    );
  }
}

/** The local inference server refused the request itself (HTTP 400/422): the same request fails again. */
export class UpstreamRejectedError extends EdgefleetError {
  constructor(url: string, status: number, message: string) {
    super(
      'UPSTREAM_REJECTED',
      `local inference server ${url} refused the request: HTTP ${status} ${message}`,
      {
        url,
        status,
        upstreamMessage: message,
      },
    );
  }
}
