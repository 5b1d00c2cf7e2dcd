import type { KeyObject } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import {
  burnMicroTokens,
  endStreamWithStatus,
  grpcStatusOf,
  pb,
  statusDetails,
  verifyLeaseToken,
  LeaseWrongSiteError,
  type edgefleet,
  type LeaseClaims,
  type VerifyKeys,
} from '@edgefleet/proto';
import { outboxRefusal, type Admission, type AdmittedLease } from './admission.js';
import type { InferenceBackend, Tensor } from './backends/backend.js';
import type { Outbox } from './outbox/index.js';
import { receiptFor } from './receipts.js';
import type { VerifiedTokens } from './verified-tokens.js';

/** One class for LEASE_WRONG_SITE: ef2 tokens are refused with it inside verifyLeaseToken. */
export { LeaseWrongSiteError };
export class LeaseWrongModelError extends EdgefleetError {
  constructor(leaseModel: string, asked: string) {
    super('LEASE_WRONG_MODEL', `lease is for model ${leaseModel}, request asks for ${asked}`, {
      leaseModel,
      asked,
    });
  }
}
export class LeaseBudgetSpentError extends EdgefleetError {
  constructor(leaseId: string, budget: number, burned: number) {
    super('LEASE_BUDGET_EXHAUSTED', `lease ${leaseId} has burned ${burned} of ${budget} µT`, {
      leaseId,
      budget,
      burned,
    });
  }
}
export class LeaseRevokedError extends EdgefleetError {
  constructor(leaseId: string) {
    super('LEASE_REVOKED', `lease ${leaseId} was released or revoked`, { leaseId });
  }
}
export class SiteAtCapacityError extends EdgefleetError {
  constructor(reason: string) {
    super('SITE_AT_CAPACITY', `site cannot take this lease now: ${reason}`, { reason });
  }
}

export interface InferenceDeps {
  siteId: string;
  keys: () => VerifyKeys;
  /** Signatures already checked (verified-tokens.ts); undefined = every token's signature checked on every call. */
  verifiedTokens?: VerifiedTokens;
  /** The site's ef2 token MAC keys by key id (from EdgeControl); none = ef2 tokens are refused as an unknown key. */
  macKeys?: () => ReadonlyMap<string, Buffer>;
  admission: Admission;
  backend: InferenceBackend;
  outbox: Outbox;
  log: Logger;
  isRevoked: (leaseId: string) => boolean;
  onBurn: () => void;
  /** Coordinator time as the agent knows it (agent/src/clock.ts); lease expiry and burn timestamps use it. Default Date.now. */
  now?: () => number;
  metrics: { infer: (outcome: string) => void };
  /** Each metered run's backend compute time (telemetry's InferenceCompute); refusals never reach it. */
  onCompute?: (model: string, computeMs: number) => void;
  /**
   * The site key that signs each answer's receipt (site-key.ts SiteKey.current: throws its named
   * error when a required key is gone); undefined = answers carry no receipt.
   */
  receiptKey?: () => KeyObject | undefined;
}

const MAX_INPUT = 256 * 1024;

/** The caller's side of one call: gone (cancelled, deadline passed) and its deadline, host clock. */
export interface CallContext {
  signal?: AbortSignal;
  deadlineMs?: number;
  /** InferStream: each piece of text as a streaming backend produces it (before the burn, which follows the last). */
  onDelta?: (text: string) => void;
}

function callContext(
  call: Pick<grpc.ServerUnaryCall<unknown, unknown>, 'on' | 'removeListener' | 'getDeadline'>,
): { ctx: CallContext; done: () => void } {
  const ac = new AbortController();
  const onCancel = () => ac.abort();
  call.on('cancelled', onCancel);
  const dl = call.getDeadline();
  const deadlineMs = dl instanceof Date ? dl.getTime() : dl;
  return {
    ctx: { signal: ac.signal, ...(Number.isFinite(deadlineMs) ? { deadlineMs } : {}) },
    done: () => call.removeListener('cancelled', onCancel),
  };
}

const tensorsOf = (req: edgefleet.v1.InferRequest): Tensor[] =>
  req.inputs.map((t) => ({
    name: t.name ?? '',
    datatype: t.datatype ?? '',
    shape: (t.shape ?? []).map(Number),
    data: t.raw_contents ?? new Uint8Array(0),
  }));

/**
 * Serves one request under a lease: verify the token (signature, expiry, site, model), check
 * the lease's remaining budget locally (works while the coordinator is unreachable), run the
 * backend, meter the work, and put the burn record on disk before answering.
 */
export async function serveInfer(
  d: InferenceDeps,
  req: edgefleet.v1.InferRequest,
  call: CallContext = {},
): Promise<edgefleet.v1.InferResponse> {
  if (req.input.length > MAX_INPUT)
    throw new EdgefleetError('INVALID_ARGUMENT', `input longer than ${MAX_INPUT} characters`);
  const clock = d.now ?? Date.now;
  const now = clock();
  // The token on every call: its signature or MAC, expiry, site, model, revocation. A token's
  // signature (ef1, Ed25519) or MAC (ef2: with its decoding ~50 µs, a tenth of what the agent adds
  // to a small model's answer) is checked once per token and trusted key (verified-tokens.ts).
  const macKeys = d.macKeys?.();
  const mac = macKeys ? { siteId: d.siteId, keys: macKeys } : undefined;
  const claims: LeaseClaims = d.verifiedTokens
    ? d.verifiedTokens.verify(req.lease_token, d.keys(), now, mac)
    : verifyLeaseToken(req.lease_token, d.keys(), now, mac);
  if (claims.sid !== d.siteId) throw new LeaseWrongSiteError(claims.sid, d.siteId);
  if (req.model && req.model !== claims.mdl) throw new LeaseWrongModelError(claims.mdl, req.model);
  if (d.isRevoked(claims.lid)) throw new LeaseRevokedError(claims.lid);
  let lease: AdmittedLease | undefined = d.admission.get(claims.lid);
  if (!lease) {
    // A valid token for this site that we have not seen admitted (agent restarted, or the
    // offer's answer was lost): admit it now if there is room — the site stays autonomous.
    const r = d.admission.admit(
      {
        leaseId: claims.lid,
        holdId: claims.hid,
        model: claims.mdl,
        budget: claims.bud,
        expiresAtMs: claims.exp,
        isolation: claims.iso,
      },
      now,
      outboxRefusal(d.outbox),
      // Any free slot, delegated ones included: a lease a replica admitted against its quota may
      // come before its notice. Beyond the site's real capacity it is refused (SITE_AT_CAPACITY).
      'token',
    );
    if (!r.ok) throw new SiteAtCapacityError(r.reason);
    lease = r.lease;
  }
  if (claims.exp > lease.expiresAtMs) lease.expiresAtMs = claims.exp;
  // What the outbox has on disk for this lease counts too: after a restart (SIGKILL included) the
  // in-memory count starts at 0, but acknowledged and pending burns are durable.
  lease.burned = Math.max(lease.burned, d.outbox.burnedFor(lease.leaseId));
  if (lease.burned >= lease.budget)
    throw new LeaseBudgetSpentError(lease.leaseId, lease.budget, lease.burned);
  // Before any compute: a site that must sign and has lost its key answers nothing, rather than
  // bill a request it cannot give a receipt for.
  const receiptKey = d.receiptKey?.();

  const startedAt = clock();
  // The backend checks tensors against the model before queueing and drops queued work whose caller
  // went away: both throw here, before the burn below, so neither is billed. computeMs is the run
  // itself (session.run for ONNX Runtime), not the wait in the slot's queue.
  const breq = {
    model: claims.mdl,
    input: req.input,
    maxOutputTokens: req.max_output_tokens,
    tensors: tensorsOf(req),
    outputNames: req.output_names,
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.deadlineMs !== undefined ? { deadlineMs: call.deadlineMs } : {}),
  };
  const { output, computeMs, tensors, modelVersion, executionProvider } =
    call.onDelta && d.backend.inferStream
      ? await d.backend.inferStream(breq, call.onDelta)
      : await d.backend.infer(breq);
  // The record's interval must cover the compute it bills: the coordinator caps a burn at
  // interval × slot × multiplier. Coordinator time can step back mid-request (a new clock sample
  // after a replica restarts), which would shrink the interval below the measured run, and a burn
  // that ends before it starts is refused by the burn-record schema.
  const endedAt = Math.max(clock(), startedAt + Math.ceil(computeMs));
  const micro = burnMicroTokens(computeMs / 1000, lease.fraction, lease.multiplier);
  // The outbox write happens before the answer: a request we answered is a burn in the outbox file
  // (fsync'd first, or within outbox.syncIntervalMs after: agent/src/outbox/README.md "Durability").
  const rec = await d.outbox.append({
    lease_id: lease.leaseId,
    accelerator_model: lease.acceleratorModel,
    accelerator_serial: lease.acceleratorSerial,
    slot: lease.slot,
    started_at_ms: startedAt,
    ended_at_ms: endedAt,
    micro_tokens: micro,
    // A lease pinned to a MIG instance says which one it burned (covered by the record's hash).
    ...(lease.migInstanceUuid ? { mig_instance_uuid: lease.migInstanceUuid } : {}),
  });
  lease.burned += micro;
  d.onBurn();
  d.onCompute?.(claims.mdl, computeMs);
  return new pb.InferResponse({
    output,
    site_id: d.siteId,
    lease_id: lease.leaseId,
    micro_tokens: micro,
    burn_seq: rec.seq,
    compute_ms: computeMs,
    remaining_micro_tokens: Math.max(0, lease.budget - lease.burned),
    outputs: (tensors ?? []).map((t) => ({
      name: t.name,
      datatype: t.datatype,
      shape: t.shape,
      raw_contents: t.data,
    })),
    model_version: modelVersion ?? '',
    execution_provider: executionProvider ?? '',
    ...(receiptKey
      ? {
          receipt: receiptFor(receiptKey, rec, {
            migInstanceUuid: lease.migInstanceUuid,
            requestId: req.request_id,
          }),
        }
      : {}),
  });
}

export function inferenceHandlers(d: InferenceDeps): grpc.UntypedServiceImplementation {
  const fail = (err: unknown) => {
    // The status is the catalogue's for the code (proto's WIRE_ERRORS): OUTBOX_WRITE_FAILED (disk full
    // or failing) is UNAVAILABLE there, so the client goes elsewhere instead of being served unmetered.
    const c = (err as { code?: unknown } | undefined)?.code;
    const code = typeof c === 'string' ? c : 'INTERNAL';
    const status = grpcStatusOf(code);
    if (status === grpc.status.INTERNAL)
      d.log.error({ err: describeError(err) }, 'inference failed');
    d.metrics.infer(code.toLowerCase());
    return { code: status, details: statusDetails(`${code}: ${describeError(err)}`) };
  };
  return {
    infer: (
      call: grpc.ServerUnaryCall<edgefleet.v1.InferRequest, edgefleet.v1.InferResponse>,
      cb: grpc.sendUnaryData<edgefleet.v1.InferResponse>,
    ) => {
      const c = callContext(call);
      serveInfer(d, call.request, c.ctx)
        .finally(c.done)
        .then(
          (r) => {
            d.metrics.infer('ok');
            cb(null, r);
          },
          (err: unknown) => cb(fail(err)),
        );
    },
    inferStream: (
      call: grpc.ServerWritableStream<edgefleet.v1.InferRequest, edgefleet.v1.InferChunk>,
    ) => {
      const c = callContext(call);
      // A streaming backend (the HTTP proxy on an OpenAI-compatible server) sends each delta as it
      // arrives; any other sends its finished output as one chunk. The last chunk carries the
      // summary (burn, µT) once the burn is on disk.
      let streamed = false;
      const onDelta = (text: string) => {
        streamed = true;
        call.write(new pb.InferChunk({ text }));
      };
      serveInfer(d, call.request, { ...c.ctx, onDelta })
        .finally(c.done)
        .then(
          (r) => {
            d.metrics.infer('ok');
            if (!streamed && r.output) call.write(new pb.InferChunk({ text: r.output }));
            call.write(new pb.InferChunk({ done: true, summary: r }));
            call.end();
          },
          (err: unknown) => {
            const e = fail(err);
            endStreamWithStatus(call, e.code, e.details);
          },
        );
    },
  };
}
