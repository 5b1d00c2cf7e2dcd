import { num } from './args.js';
import type { Ctx } from './context.js';
import { ApiClient } from './http.js';

const DEFAULT_API = 'http://localhost:8080';

/** --timeout-ms: the deadline of each call (REST and gRPC). */
export function timeoutMs(c: Ctx): number {
  return num(c.flags['timeout-ms'], 'timeout-ms', { integer: true, min: 1 }) ?? 10_000;
}

/** --token, or EDGEFLEET_TOKEN. */
export function token(c: Ctx): string | undefined {
  return c.flags.token ?? c.io.env['EDGEFLEET_TOKEN'];
}

/** The REST client of --api (EDGEFLEET_API) with --token. */
export function api(c: Ctx): ApiClient {
  return new ApiClient(
    c.flags.api ?? c.io.env['EDGEFLEET_API'] ?? DEFAULT_API,
    token(c),
    timeoutMs(c),
  );
}
