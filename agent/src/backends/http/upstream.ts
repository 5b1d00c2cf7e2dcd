import {
  UpstreamBadResponseError,
  UpstreamRejectedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from './errors.js';

/** The caller went away mid-call (cancelled, hedged elsewhere, deadline passed): not an upstream failure. */
export class CallerGone extends Error {
  constructor() {
    super('the caller went away');
    this.name = 'CallerGone';
  }
}

const MAX_ERROR_TEXT = 300;

/**
 * One call to the local inference server, with its own abort: the caller's signal (the gRPC call
 * cancelled or past its deadline) and the backend's timeout both abort the fetch *and* the body
 * still being read. Every failure comes out named (errors.ts), never as fetch's raw TypeError; a
 * caller that went away comes out as CallerGone, so the backend can bill what ran.
 */
export class UpstreamCall {
  readonly signal: AbortSignal;
  private readonly timeout: AbortSignal;

  constructor(
    readonly base: string,
    private readonly timeoutMs: number,
    private readonly caller?: AbortSignal,
  ) {
    this.timeout = AbortSignal.timeout(timeoutMs);
    this.signal = caller ? AbortSignal.any([caller, this.timeout]) : this.timeout;
  }

  /** The named error for anything thrown while fetching or reading the body. */
  fail(err: unknown): Error {
    if (this.caller?.aborted) return new CallerGone();
    if (this.timeout.aborted) return new UpstreamTimeoutError(this.base, this.timeoutMs);
    if (
      err instanceof UpstreamUnavailableError ||
      err instanceof UpstreamBadResponseError ||
      err instanceof UpstreamRejectedError
    )
      return err;
    const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
    const reason =
      typeof cause?.code === 'string'
        ? cause.code // ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET …
        : err instanceof Error
          ? err.message
          : String(err);
    return new UpstreamUnavailableError(this.base, reason, {}, err);
  }

  /** fetch with this call's signal; a non-2xx answer throws its named error (body read for the message). */
  async fetch(path: string, init: { method: 'GET' | 'POST'; body?: unknown }): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method: init.method,
        ...(init.body === undefined
          ? {}
          : {
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(init.body),
            }),
        signal: this.signal,
      });
    } catch (err) {
      throw this.fail(err);
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    const msg = upstreamMessage(text);
    if (res.status === 400 || res.status === 422)
      throw new UpstreamRejectedError(this.base, res.status, msg);
    throw new UpstreamUnavailableError(this.base, `HTTP ${res.status} on ${path}: ${msg}`, {
      status: res.status,
      path,
    });
  }

  /** The body as JSON; anything else is UPSTREAM_BAD_RESPONSE. */
  async json(res: Response): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw this.fail(err);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new UpstreamBadResponseError(this.base, `not JSON: ${text.slice(0, 80)}`, err);
    }
  }

  bad(reason: string): UpstreamBadResponseError {
    return new UpstreamBadResponseError(this.base, reason);
  }
}

/** The message of an error body (OpenAI `{error:{message}}`, KServe `{error:"…"}`), else its text, short. */
function upstreamMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = j.error;
    const m =
      typeof e === 'string'
        ? e
        : typeof (e as { message?: unknown } | undefined)?.message === 'string'
          ? (e as { message: string }).message
          : typeof j.message === 'string'
            ? j.message
            : typeof j.detail === 'string'
              ? j.detail
              : text;
    return m.slice(0, MAX_ERROR_TEXT);
  } catch {
    return text.slice(0, MAX_ERROR_TEXT);
  }
}
