import { EdgefleetError } from '@edgefleet/common';
import { fillPath, REST_CALLS, type RestCall, type RestCallName } from './rest-calls.js';

/** The REST API answered with an error (`{ error: { code, message, details? } }`). */
export class ApiError extends EdgefleetError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details?: unknown,
  ) {
    super(code, `${code}: ${message} (HTTP ${status})`, { status, details });
  }
}
/** The REST API could not be reached. */
export class ApiUnavailableError extends EdgefleetError {
  constructor(url: string, reason: string) {
    super('API_UNAVAILABLE', `cannot reach the API at ${url}: ${reason}`, { url });
  }
}

function reasonOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * The fields of a site (GET /api/v1/sites → items[]) that `edgefleet sites` shows, in column order.
 * test/deploy/cli-sites.test.ts holds them to the coordinator's OpenAPI document, so that they cannot
 * drift from what the API returns again.
 */
export const SITE_COLUMNS = [
  'siteId',
  'name',
  'state',
  'region',
  'lat',
  'lon',
  'vendors',
  'slotsFree',
  'slotsTotal',
  'utilization',
  'pricePerKwhNow',
  'errorRate',
  'lastTelemetryMs',
] as const;

interface CallArgs {
  params?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/** Minimal JSON client for the coordinator REST API (bearer token, bounded wait). */
export class ApiClient {
  constructor(
    private readonly base: string,
    private readonly token: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  /**
   * One of the CLI's REST calls (rest-calls.ts), its path parameters filled in, only the query
   * parameters the call declares, and a JSON body exactly when it declares one.
   */
  async call(name: RestCallName, o: CallArgs = {}): Promise<unknown> {
    return (await this.callWithStatus(name, o)).body;
  }

  /** As call(), with the HTTP status of the success (201 created vs 200 already there). */
  callWithStatus(name: RestCallName, o: CallArgs = {}): Promise<{ status: number; body: unknown }> {
    const spec: RestCall = REST_CALLS[name];
    const allowed: readonly string[] = spec.query ?? [];
    const q = new URLSearchParams(
      Object.entries(o.query ?? {}).filter((e): e is [string, string] => {
        if (e[1] !== undefined && !allowed.includes(e[0]))
          throw new Error(`${spec.method} ${spec.path} takes no query parameter ${e[0]}`);
        return e[1] !== undefined;
      }),
    );
    if ((o.body !== undefined) !== (spec.body === true))
      throw new Error(`${spec.method} ${spec.path} ${spec.body ? 'needs' : 'takes no'} body`);
    const path = fillPath(spec, o.params ?? {});
    return this.request(spec.method, q.size > 0 ? `${path}?${q.toString()}` : path, o.body);
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const url = `${this.base.replace(/\/+$/, '')}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ApiUnavailableError(this.base, reasonOf(err));
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const e = (
        json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined
      )?.error;
      const code = typeof e?.code === 'string' ? e.code : `HTTP_${res.status}`;
      const message =
        typeof e?.message === 'string' ? e.message : text.slice(0, 200) || res.statusText;
      throw new ApiError(res.status, code, message, e?.details);
    }
    if (json === undefined)
      throw new ApiError(res.status, 'BAD_RESPONSE', `${method} ${path} did not return JSON`);
    return { status: res.status, body: json };
  }
}
