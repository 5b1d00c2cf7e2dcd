import { status, type ServiceError } from '@grpc/grpc-js';
import { EdgefleetError } from '@edgefleet/common';
import { wireError, type WireErrorCode } from '@edgefleet/proto';

/**
 * Typed errors of the SDK, one class per failure mode. Every class extends EdgefleetError, so
 * callers can switch on `err.code` or use `instanceof`. `data` carries the gRPC status name,
 * the server's machine code and its message where the failure came from a server.
 */

type Data = Record<string, unknown>;

/** The customer's balance cannot cover the lease budget (no overdraft). */
export class InsufficientBalanceError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('INSUFFICIENT_BALANCE', message, data);
  }
}
/** No site satisfies the request (model, RTT bound, constraints, free slot). */
export class NoSiteAvailableError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('NO_SITE', message, data);
  }
}
/** Acquire with maxQueueMs: no slot freed within the wait asked for; nothing is held. */
export class QueueTimeoutError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('QUEUE_TIMEOUT', message, data);
  }
}
/** Acquire with maxQueueMs: the coordinator's queue is at its bound (the fleet's or this customer's). */
export class QueueFullError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('QUEUE_FULL', message, data);
  }
}
/**
 * A reserved or higher-priority Acquire found no free slot and no best-effort lease it may preempt
 * (PREEMPTION_NO_VICTIM); nothing is held. May pass later.
 */
export class NoPreemptionVictimError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('PREEMPTION_NO_VICTIM', message, data);
  }
}
/** The coordinator could not be reached or did not answer in time. */
export class CoordinatorUnavailableError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('COORDINATOR_UNAVAILABLE', message, data);
  }
}
/** The coordinator refused the lease operation for another stated reason. */
export class LeaseRejectedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('LEASE_REJECTED', message, data);
  }
}
/** Renew/Release/Watch named a hold the coordinator does not know, or one already closed. */
export class UnknownHoldError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('UNKNOWN_HOLD', message, data);
  }
}
/** The request itself is invalid (checked locally, or INVALID_ARGUMENT from a server). */
export class InvalidRequestError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('INVALID_REQUEST', message, data);
  }
}
/** Missing or insufficient credentials (UNAUTHENTICATED / PERMISSION_DENIED). */
export class UnauthorizedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('UNAUTHORIZED', message, data);
  }
}
/** The lease budget is spent: another site of the same hold would refuse too. */
export class LeaseBudgetExhaustedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('BUDGET_EXHAUSTED', message, data);
  }
}
/** The agent says the token is forged, altered or malformed: not the site's fault, not retried. */
export class LeaseTokenRejectedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('LEASE_TOKEN_REJECTED', message, data);
  }
}
/** Every lease of the session was tried and each one failed; `data.failures` says how. */
export class AllSitesFailedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('ALL_SITES_FAILED', message, data);
  }
}
/** The `ca` option (PEM path) cannot be read or holds no certificate. */
export class CaFileError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('CA_FILE', message, data);
  }
}
/**
 * The lease's site serves Inference in plaintext (endpoint_tls false) but this client pins a CA
 * (`ca`): the token and input are not sent in clear. The site needs `edgefleet-agent tls-renew`.
 */
export class SitePlaintextError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('SITE_PLAINTEXT', message, data);
  }
}
/** The lease's site serves Inference over TLS but this client has no `ca` to verify it with. */
export class SiteCaMissingError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('SITE_CA_MISSING', message, data);
  }
}
/**
 * The TLS handshake with the lease's site failed: its certificate is not from the pinned CA, names
 * another site, or the site does not speak TLS.
 */
export class SiteTlsError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('SITE_TLS_FAILED', message, data);
  }
}
/** Refusals of a site's Inference transport: the site is skipped (next lease), never sent the token. */
export function isSiteTransportRefusal(
  err: unknown,
): err is SitePlaintextError | SiteCaMissingError | SiteTlsError {
  return (
    err instanceof SitePlaintextError ||
    err instanceof SiteCaMissingError ||
    err instanceof SiteTlsError
  );
}
/**
 * A site answered without a receipt this client can verify (missing, unsigned, signed by a key
 * the coordinator did not name for the site, or not describing this answer) while the client
 * requires receipts (`receipts: 'require'`): the answer is not used and the request moves to the
 * next lease. The refused receipt is still kept (EdgefleetClient.receipts) as evidence.
 */
export class ReceiptRefusedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('RECEIPT_REFUSED', message, data);
  }
}
/** The session holds no lease (all revoked, or none granted). */
export class NoLeaseError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('NO_LEASE', message, data);
  }
}
/** The session was released; acquire a new one. */
export class SessionClosedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('SESSION_CLOSED', message, data);
  }
}
/** The EdgefleetClient was closed; its channels are gone. */
export class ClientClosedError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('CLIENT_CLOSED', message, data);
  }
}
/** A server failed in a way no other class describes. */
export class RemoteError extends EdgefleetError {
  constructor(message: string, data: Data = {}) {
    super('REMOTE_ERROR', message, data);
  }
}

export interface ParsedDetails {
  /** The machine code, the first word of the details when it is UPPER_SNAKE_CASE; '' when absent. */
  code: string;
  /** The rest of the details (or all of it when there is no code). */
  message: string;
}

const CODE_RE = /^([A-Z][A-Z0-9_]*[A-Z0-9])(:|\s|$)\s*(.*)$/s;

/**
 * Splits `"INSUFFICIENT_BALANCE: customer c1 has …"` into its machine code and message. The
 * first word counts as a code when it is UPPER_SNAKE_CASE and either has an underscore or is
 * followed by a colon (so `"TLS handshake failed"` has no code, `"DRAINING: …"` has one).
 */
export function parseStatusDetails(details: string | undefined): ParsedDetails {
  const d = (details ?? '').trim();
  const m = CODE_RE.exec(d);
  const code = m?.[1] ?? '';
  if (!m || !(m[2] === ':' || code.includes('_'))) return { code: '', message: d };
  return { code, message: (m[3] ?? '').trim() || d };
}

export function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number';
}

export function statusName(code: number): string {
  return (status as unknown as Record<number, string>)[code] ?? `STATUS_${code}`;
}

function describe(err: ServiceError): { parsed: ParsedDetails; data: Data; text: string } {
  const parsed = parseStatusDetails(err.details);
  const data: Data = {
    grpcStatus: statusName(err.code),
    reason: parsed.code || undefined,
    details: err.details,
  };
  const text = parsed.code
    ? `${parsed.code}: ${parsed.message}`
    : err.details || statusName(err.code);
  return { parsed, data, text };
}

/** Maps a failed LeaseBroker call (Acquire/Renew/Release/Watch) to a typed error. */
export function coordinatorError(err: unknown, operation: string): EdgefleetError {
  if (err instanceof EdgefleetError) return err;
  if (!isServiceError(err)) return new RemoteError(`${operation}: ${String(err)}`, { operation });
  const { parsed, data, text } = describe(err);
  data['operation'] = operation;
  const msg = `${operation}: ${text}`;
  // The coordinator's codes (proto's WIRE_ERRORS) that have a class of their own; the rest by status.
  switch (parsed.code as WireErrorCode) {
    case 'INSUFFICIENT_BALANCE':
      return new InsufficientBalanceError(msg, data);
    case 'NO_SITE':
      return new NoSiteAvailableError(msg, data);
    case 'QUEUE_TIMEOUT':
      return new QueueTimeoutError(msg, data);
    case 'QUEUE_FULL':
      return new QueueFullError(msg, data);
    case 'PREEMPTION_NO_VICTIM':
      return new NoPreemptionVictimError(msg, data);
    case 'UNKNOWN_HOLD':
    case 'HOLD_CLOSED':
      return new UnknownHoldError(msg, data);
  }
  switch (err.code) {
    case status.UNAVAILABLE:
    case status.DEADLINE_EXCEEDED:
      return new CoordinatorUnavailableError(
        `${operation}: coordinator unavailable (${err.details || statusName(err.code)})`,
        data,
      );
    case status.RESOURCE_EXHAUSTED:
      return new NoSiteAvailableError(msg, data);
    case status.NOT_FOUND:
      return new UnknownHoldError(msg, data);
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
      return new InvalidRequestError(msg, data);
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return new UnauthorizedError(msg, data);
    case status.FAILED_PRECONDITION:
    case status.ABORTED:
    case status.ALREADY_EXISTS:
      return new LeaseRejectedError(msg, data);
    default:
      return new RemoteError(msg, data);
  }
}

export interface InferErrorClass {
  /** true: the site is at fault, move to the next lease; false: surface `error` as is. */
  failover: boolean;
  /** Short reason for reports: the machine code or the gRPC status name. */
  reason: string;
  error: EdgefleetError;
}

/**
 * How grpc-js reports a failed TLS handshake (UNAVAILABLE, the TLS error in the details): a chain
 * from another CA, a certificate naming another site (SITE_CERT_MISMATCH), a server without TLS.
 */
const TLS_FAILURE_RE =
  /SITE_CERT_MISMATCH|certificate|\bSSL\b|\bTLS\b|EPROTO|wrong version number|packet length too long|handshake/i;

/**
 * Decides whether a failed Infer is the site's fault (fail over) or the caller's (surface, typed).
 * `tls`: the attempt dialled the site with TLS (a handshake failure is then a SiteTlsError).
 */
export function classifyInferError(err: unknown, siteId: string, tls = false): InferErrorClass {
  if (isSiteTransportRefusal(err) || err instanceof ReceiptRefusedError)
    return { failover: true, reason: err.code, error: err };
  if (err instanceof EdgefleetError) return { failover: false, reason: err.code, error: err };
  if (!isServiceError(err)) {
    return {
      failover: true,
      reason: 'CLIENT_ERROR',
      error: new RemoteError(`site ${siteId}: ${String(err)}`, { siteId }),
    };
  }
  const { parsed, data, text } = describe(err);
  data['siteId'] = siteId;
  const msg = `site ${siteId}: ${text}`;
  const reason = parsed.code || statusName(err.code);
  if (tls && err.code === status.UNAVAILABLE && TLS_FAILURE_RE.test(err.details)) {
    return {
      failover: true,
      reason: 'SITE_TLS_FAILED',
      error: new SiteTlsError(`site ${siteId}: TLS with the site failed (${err.details})`, data),
    };
  }
  // What to do about a code the agent sends is the catalogue's (proto's WIRE_ERRORS), set where the
  // code is defined: `failover` means this site cannot serve this lease now, another one may.
  const spec = wireError(parsed.code);
  if (spec?.retry === 'failover')
    return { failover: true, reason, error: new RemoteError(msg, data) };
  if (parsed.code === 'LEASE_BUDGET_EXHAUSTED')
    return { failover: false, reason, error: new LeaseBudgetExhaustedError(msg, data) };
  switch (err.code) {
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
      return { failover: false, reason, error: new InvalidRequestError(msg, data) };
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      // LEASE_TOKEN_MALFORMED / LEASE_TOKEN_FORGED / LEASE_WRONG_MODEL, or no code: the token itself.
      return { failover: false, reason, error: new LeaseTokenRejectedError(msg, data) };
    default:
      // UNAVAILABLE (refused, reset), DEADLINE_EXCEEDED (per-attempt timeout), RESOURCE_EXHAUSTED
      // (site full), NOT_FOUND / FAILED_PRECONDITION (lease unknown or expired there), INTERNAL…:
      // the site's fault, unless the catalogue says the same request fails everywhere.
      return { failover: spec?.retry !== 'no', reason, error: new RemoteError(msg, data) };
  }
}
