import { status } from '@grpc/grpc-js';

/**
 * The one catalogue of error codes that cross a wire: the machine code an EdgefleetError carries
 * (`CODE: message` in gRPC status details, `{error:{code}}` in the REST API), its gRPC status, its
 * HTTP status, and what a caller should do about it. The agent's Inference service, the
 * coordinator's gRPC services and REST API, and the SDK all map through it, by code (never by
 * parsing message text), and docs/protocol.md's error table is generated from it
 * (`npm run docs:errors`). Only codes some server really sends are listed.
 */

/** Who sends the code. */
export type WireService = 'LeaseBroker' | 'EdgeControl' | 'Inference' | 'REST';

/**
 * What a caller does about it:
 * - `no`: the request itself is refused; the same request fails again (fix it first).
 * - `later`: a transient state of the server; the same request may pass later.
 * - `failover`: on Infer, this site cannot serve this lease now: the SDK moves to the next lease
 *   of the hold (another site may serve it).
 */
export type WireRetry = 'no' | 'later' | 'failover';

export type GrpcStatusName = keyof typeof status;

export interface WireErrorSpec {
  /** gRPC status it is sent with; undefined when no gRPC service sends it. */
  grpc?: GrpcStatusName;
  /** HTTP status of the REST API; undefined when the REST API never sends it. */
  http?: number;
  retry: WireRetry;
  services: readonly WireService[];
  /** One line for the docs table. */
  meaning: string;
}

export const WIRE_ERRORS = {
  // Any service.
  INVALID_ARGUMENT: {
    grpc: 'INVALID_ARGUMENT',
    http: 400,
    retry: 'no',
    services: ['LeaseBroker', 'EdgeControl', 'Inference', 'REST'],
    meaning: 'a field of the request is missing, malformed or out of range (the message names it)',
  },
  UNAUTHENTICATED: {
    grpc: 'UNAUTHENTICATED',
    http: 401,
    retry: 'no',
    services: ['LeaseBroker', 'EdgeControl', 'REST'],
    meaning: 'no, unknown or revoked credentials (API key, bearer token, site secret)',
  },
  PERMISSION_DENIED: {
    grpc: 'PERMISSION_DENIED',
    retry: 'no',
    services: ['LeaseBroker', 'EdgeControl'],
    meaning:
      'the credentials are valid but not for this (a key of another customer; a site whose link was revoked)',
  },
  INTERNAL: {
    grpc: 'INTERNAL',
    http: 500,
    retry: 'later',
    services: ['LeaseBroker', 'Inference', 'REST'],
    meaning: 'a failure of the server itself; see its log',
  },

  // LeaseBroker (coordinator, for clients).
  UNKNOWN_ATTACHMENT: {
    grpc: 'INVALID_ARGUMENT',
    http: 404,
    retry: 'no',
    services: ['LeaseBroker', 'REST'],
    meaning: 'the PoP, cell or tracking area the caller names is not in the routing tables',
  },
  INSUFFICIENT_BALANCE: {
    grpc: 'FAILED_PRECONDITION',
    http: 409,
    retry: 'no',
    services: ['LeaseBroker', 'REST'],
    meaning:
      "the customer balance cannot cover the lease budget or the reservation price (no overdraft); a reservation's details.inOtherSlices > 0: that many µT sit on other coordinator replicas' ledger slices and come back when those replicas return them (idle ~10 s), so that booking may pass later",
  },
  NO_SITE: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'later',
    services: ['LeaseBroker'],
    meaning:
      'no site serves the model under these constraints now (model, RTT bound, isolation, free slot)',
  },
  QUEUE_FULL: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'later',
    services: ['LeaseBroker'],
    meaning:
      "Acquire with max_queue_ms: the fair queue is at its bound (fleet or this customer's); nothing held",
  },
  QUEUE_TIMEOUT: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'later',
    services: ['LeaseBroker'],
    meaning: 'Acquire with max_queue_ms: no slot freed within the wait asked for; nothing held',
  },
  QUEUE_ABANDONED: {
    grpc: 'CANCELLED',
    retry: 'no',
    services: ['LeaseBroker'],
    meaning:
      'Acquire with max_queue_ms: the caller cancelled or its deadline passed while it waited; it left the queue, and a hold granted at that moment is released at once',
  },
  PREEMPTION_NO_VICTIM: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'later',
    services: ['LeaseBroker'],
    meaning:
      'a reserved or higher-priority Acquire found no free slot and no best-effort lease it may preempt on its eligible sites; nothing held',
  },
  UNKNOWN_HOLD: {
    grpc: 'NOT_FOUND',
    http: 404,
    retry: 'no',
    services: ['LeaseBroker', 'REST'],
    meaning: 'no live lease hold with this id for this caller',
  },
  HOLD_CLOSED: {
    grpc: 'FAILED_PRECONDITION',
    http: 409,
    retry: 'no',
    services: ['LeaseBroker', 'REST'],
    meaning: 'the hold was released or expired',
  },

  // EdgeControl (coordinator, for agents).
  CLIENT_CERT_REQUIRED: {
    grpc: 'UNAUTHENTICATED',
    retry: 'no',
    services: ['EdgeControl'],
    meaning:
      "(mtls) no client certificate the coordinator's client CA verifies: none, another CA's, or expired",
  },
  CLIENT_CERT_WRONG_SITE: {
    grpc: 'PERMISSION_DENIED',
    retry: 'no',
    services: ['EdgeControl'],
    meaning: '(mtls) the certificate names another site than `AgentHello.site_id`',
  },
  ABORTED: {
    grpc: 'ABORTED',
    retry: 'no',
    services: ['EdgeControl'],
    meaning: 'the stream was replaced by a newer stream of the same site',
  },
  UNAVAILABLE: {
    grpc: 'UNAVAILABLE',
    retry: 'later',
    services: ['EdgeControl'],
    meaning: 'the site look-up failed; reconnect',
  },

  // Inference (agent, for clients).
  LEASE_TOKEN_MALFORMED: {
    grpc: 'UNAUTHENTICATED',
    retry: 'no',
    services: ['Inference'],
    meaning: 'the lease token is not a token',
  },
  LEASE_TOKEN_UNKNOWN_KEY: {
    grpc: 'UNAUTHENTICATED',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the token is signed (ef1) or MACed (ef2) with a key this site does not know (yet)',
  },
  LEASE_TOKEN_FORGED: {
    grpc: 'UNAUTHENTICATED',
    retry: 'no',
    services: ['Inference'],
    meaning: 'the token signature (ef1) or MAC (ef2) does not verify',
  },
  LEASE_TOKEN_EXPIRED: {
    grpc: 'UNAUTHENTICATED',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the lease expired (renew it)',
  },
  LEASE_WRONG_SITE: {
    grpc: 'PERMISSION_DENIED',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the lease is for another site',
  },
  LEASE_WRONG_MODEL: {
    grpc: 'PERMISSION_DENIED',
    retry: 'no',
    services: ['Inference'],
    meaning: 'the request asks for another model than the lease',
  },
  LEASE_BUDGET_EXHAUSTED: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'no',
    services: ['Inference'],
    meaning: 'the lease budget is spent (every site of the hold would say so)',
  },
  LEASE_REVOKED: {
    grpc: 'FAILED_PRECONDITION',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the lease was released or revoked',
  },
  SITE_AT_CAPACITY: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the site cannot admit this lease now',
  },
  OUTBOX_FULL: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the burn outbox is full (acks are not arriving); nothing is served unmetered',
  },
  OUTBOX_WRITE_FAILED: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the burn could not be written to disk (full or failing); nothing is served unmetered',
  },
  BACKEND_FAILED: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the inference backend failed',
  },
  // The tensor path of the in-process model runtime (agent/src/backends): refused before any burn.
  TENSOR_INVALID: {
    grpc: 'INVALID_ARGUMENT',
    retry: 'no',
    services: ['Inference'],
    meaning:
      'a tensor does not match the model (input name, datatype, shape, byte count or size limit); the message names the input',
  },
  TENSORS_NOT_SUPPORTED: {
    grpc: 'INVALID_ARGUMENT',
    retry: 'no',
    services: ['Inference'],
    meaning: "the site's backend takes text only",
  },
  MODEL_NOT_LOADED: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning: 'the model is not loaded on this site',
  },
  BACKEND_QUEUE_FULL: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'failover',
    services: ['Inference'],
    meaning: "the slot's queue is full; refused at once, nothing billed",
  },
  BACKEND_WAIT_EXCEEDS_DEADLINE: {
    grpc: 'RESOURCE_EXHAUSTED',
    retry: 'failover',
    services: ['Inference'],
    meaning:
      "the queued work could not finish before the caller's deadline; refused at once, nothing billed",
  },
  BACKEND_WORKER_CRASHED: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning:
      "the slot's ONNX Runtime worker thread died during the run; not billed, the worker restarts",
  },
  QUEUED_WORK_CANCELLED: {
    grpc: 'CANCELLED',
    retry: 'no',
    services: ['Inference'],
    meaning: 'the caller went away while its work was queued; it never ran and is not billed',
  },

  // REST API only.
  FORBIDDEN: {
    http: 403,
    retry: 'no',
    services: ['REST'],
    meaning: "the bearer token's role may not do this",
  },
  NOT_FOUND: { http: 404, retry: 'no', services: ['REST'], meaning: 'no such resource or route' },
  UNKNOWN_API_KEY: {
    http: 404,
    retry: 'no',
    services: ['REST'],
    meaning: 'no such API key of this customer',
  },
  INVALID_CURSOR: {
    http: 400,
    retry: 'no',
    services: ['REST'],
    meaning: 'a cursor this API did not issue; start again without one',
  },
  ENROLLMENT_CODE_INVALID: {
    http: 400,
    retry: 'no',
    services: ['REST'],
    meaning: 'the enrollment code is unknown, used or expired',
  },
  INVALID_TLS_PUBLIC_KEY: {
    http: 400,
    retry: 'no',
    services: ['REST'],
    meaning: 'enrollment: `tlsPublicKeyPem` missing (mtls) or not an ECDSA P-256 SPKI PEM',
  },
  SITE_ID_TAKEN: {
    http: 409,
    retry: 'no',
    services: ['REST'],
    meaning: 'the requested site id belongs to another site',
  },
  SITE_LIMIT_REACHED: {
    http: 422,
    retry: 'no',
    services: ['REST'],
    meaning: 'the fleet holds limits.maxSites enrolled sites; revoke one or raise the limit',
  },
  DUPLICATE_REFERENCE: {
    http: 409,
    retry: 'no',
    services: ['REST'],
    meaning:
      'an idempotency key reused with other terms: a top-up reference with another amount, a reservation reference with other terms, a purchase id for another customer or package, a package id with other terms',
  },
  METHOD_NOT_ALLOWED: {
    http: 405,
    retry: 'no',
    services: ['REST'],
    meaning: 'the route exists, not with this method (see `Allow`)',
  },
  PAYLOAD_TOO_LARGE: {
    http: 413,
    retry: 'no',
    services: ['REST'],
    meaning: 'the request body is over the limit',
  },
  BALANCE_LIMIT: {
    http: 422,
    retry: 'no',
    services: ['REST'],
    meaning:
      "a top-up would take the customer's balance, or the fleet's total issuance, past 2^53 − 1 µT (checked before anything is written)",
  },
  INVALID_SITE_PUBLIC_KEY: {
    http: 400,
    retry: 'no',
    services: ['REST'],
    meaning: 'enrollment or site-key rotation: `publicKeyPem` is not an Ed25519 SPKI PEM',
  },
  HARDWARE_PROFILE_UNKNOWN: {
    http: 400,
    retry: 'no',
    services: ['REST'],
    meaning:
      "a hardware mapping names no profile of the coordinator's table (simulation profiles and the unknown fallback cannot be mapped to)",
  },
  OUTBOX_DISK_FULL: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning:
      'the disk under the burn outbox is full: the burn could not be written (nothing is served unmetered) and the site admits no new lease until space returns',
  },
  DATABASE_UNAVAILABLE: {
    grpc: 'UNAVAILABLE',
    http: 503,
    retry: 'later',
    services: ['LeaseBroker', 'REST'],
    meaning:
      'the coordinator cannot reach its ledger database (REST: `Retry-After`); another replica or a later try may pass',
  },
  // Reservations (compute futures; REST /api/v1/reservations, docs/market.md).
  RESERVATION_OVERBOOKED: {
    http: 409,
    retry: 'later',
    services: ['REST'],
    meaning:
      'the capacity calendar cannot honour the reservation beside those booked; details.available is the most it could',
  },
  INVALID_RESERVATION: {
    http: 400,
    retry: 'no',
    services: ['REST'],
    meaning:
      'a reservation whose window, slot count or class cannot be booked at all (details.field says which)',
  },
  RESERVATION_NOT_FOUND: {
    http: 404,
    retry: 'no',
    services: ['REST'],
    meaning: 'no reservation with this id for this caller',
  },
  RESERVATION_CLOSED: {
    http: 409,
    retry: 'no',
    services: ['REST'],
    meaning: 'the reservation is already cancelled, settled or past its window',
  },

  // The HTTP proxy backend (agent/src/backends/http): the site's local inference server failed.
  UPSTREAM_UNAVAILABLE: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning:
      "the site's local inference server is unreachable, not ready, answered HTTP 5xx/429, or no longer serves the model; nothing billed",
  },
  UPSTREAM_TIMEOUT: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning:
      "the site's local inference server did not finish within the backend's timeout; the call was aborted, nothing billed",
  },
  UPSTREAM_BAD_RESPONSE: {
    grpc: 'UNAVAILABLE',
    retry: 'failover',
    services: ['Inference'],
    meaning:
      "the site's local inference server answered outside its protocol (not JSON, no output, a broken event stream, an error event); nothing billed",
  },
  UPSTREAM_REJECTED: {
    grpc: 'INVALID_ARGUMENT',
    retry: 'no',
    services: ['Inference'],
    meaning:
      "the site's local inference server refused the request itself (HTTP 400/422, e.g. a prompt over its context); its message is passed on, nothing billed",
  },
} as const satisfies Record<string, WireErrorSpec>;

export type WireErrorCode = keyof typeof WIRE_ERRORS;

/** HTTP status of an EdgefleetError code the REST API sends without its own entry (as before the catalogue). */
export const HTTP_STATUS_UNLISTED = 422;

export function isWireErrorCode(code: string): code is WireErrorCode {
  return Object.hasOwn(WIRE_ERRORS, code);
}

/** The catalogue's entry for a code; undefined for a code no server sends. */
export function wireError(code: string): WireErrorSpec | undefined {
  return isWireErrorCode(code) ? WIRE_ERRORS[code] : undefined;
}

/** gRPC status to send a code with: the catalogue's, INTERNAL for anything else. */
export function grpcStatusOf(code: string): status {
  const name = wireError(code)?.grpc;
  return name === undefined ? status.INTERNAL : status[name];
}

/** HTTP status to send a code with: the catalogue's, HTTP_STATUS_UNLISTED for anything else. */
export function httpStatusOf(code: string): number {
  return wireError(code)?.http ?? HTTP_STATUS_UNLISTED;
}

/** Markers around the generated table in docs/protocol.md. */
export const WIRE_ERRORS_DOC_BEGIN =
  '<!-- wire-errors:begin (generated from proto/src/wire-errors.ts by `npm run docs:errors`; do not edit) -->';
export const WIRE_ERRORS_DOC_END = '<!-- wire-errors:end -->';

const RETRY_WORDS: Record<WireRetry, string> = { no: 'no', later: 'later', failover: 'next lease' };

/** The catalogue as the Markdown table of docs/protocol.md (markers excluded). */
export function wireErrorTable(): string {
  const rows = Object.entries(WIRE_ERRORS as Record<string, WireErrorSpec>).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.grpc ?? '—'} | ${e.http ?? '—'} | ${RETRY_WORDS[e.retry]} | ${e.services.join(', ')} | ${e.meaning} |`,
  );
  return [
    '| code | gRPC status | HTTP | retry | sent by | meaning |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** `doc` with the text between the markers replaced by the table; throws when the markers are missing. */
export function withWireErrorTable(doc: string): string {
  const a = doc.indexOf(WIRE_ERRORS_DOC_BEGIN);
  const b = doc.indexOf(WIRE_ERRORS_DOC_END);
  if (a < 0 || b < a)
    throw new Error(
      `the wire-error markers are missing: ${WIRE_ERRORS_DOC_BEGIN} … ${WIRE_ERRORS_DOC_END}`,
    );
  return `${doc.slice(0, a + WIRE_ERRORS_DOC_BEGIN.length)}\n${wireErrorTable()}\n${doc.slice(b)}`;
}
