import * as grpc from '@grpc/grpc-js';
import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import { burnMicroTokens, endStreamWithStatus, grpcStatusOf, pb, statusDetails, verifyLeaseToken, type edgefleet, type LeaseClaims, type VerifyKeys } from '@edgefleet/proto';
import type { Admission, AdmittedLease } from './admission.js';
import type { InferenceBackend } from './backends/backend.js';
import type { Outbox } from './outbox/index.js';

export class LeaseWrongSiteError extends EdgefleetError {
  constructor(tokenSite: string, siteId: string) {
    super('LEASE_WRONG_SITE', `lease is for site ${tokenSite}, this is ${siteId}`, { tokenSite, siteId });
  }
}
export class LeaseWrongModelError extends EdgefleetError {
  constructor(leaseModel: string, asked: string) {
    super('LEASE_WRONG_MODEL', `lease is for model ${leaseModel}, request asks for ${asked}`, { leaseModel, asked });
  }
}
export class LeaseBudgetSpentError extends EdgefleetError {
  constructor(leaseId: string, budget: number, burned: number) {
    super('LEASE_BUDGET_EXHAUSTED', `lease ${leaseId} has burned ${burned} of ${budget} µT`, { leaseId, budget, burned });
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
  admission: Admission;
  backend: InferenceBackend;
  outbox: Outbox;
  log: Logger;
  isRevoked: (leaseId: string) => boolean;
  onBurn: () => void;
  /** Coordinator time as the agent knows it (agent/src/clock.ts); lease expiry and burn timestamps use it. Default Date.now. */
  now?: () => number;
  metrics: { infer: (outcome: string) => void };
}

const MAX_INPUT = 256 * 1024;

/**
 * Serves one request under a lease: verify the token (signature, expiry, site, model), check
 * the lease's remaining budget locally (works while the coordinator is unreachable), run the
 * backend, meter the work, and put the burn record on disk before answering.
 */
export async function serveInfer(d: InferenceDeps, req: edgefleet.v1.InferRequest): Promise<edgefleet.v1.InferResponse> {
  if (req.input.length > MAX_INPUT) throw new EdgefleetError('INVALID_ARGUMENT', `input longer than ${MAX_INPUT} characters`);
  const clock = d.now ?? Date.now;
  const now = clock();
  const claims: LeaseClaims = verifyLeaseToken(req.lease_token, d.keys(), now);
  if (claims.sid !== d.siteId) throw new LeaseWrongSiteError(claims.sid, d.siteId);
  if (req.model && req.model !== claims.mdl) throw new LeaseWrongModelError(claims.mdl, req.model);
  if (d.isRevoked(claims.lid)) throw new LeaseRevokedError(claims.lid);
  let lease: AdmittedLease | undefined = d.admission.get(claims.lid);
  if (!lease) {
    // A valid token for this site that we have not seen admitted (agent restarted, or the
    // offer's answer was lost): admit it now if there is room — the site stays autonomous.
    const r = d.admission.admit({ leaseId: claims.lid, holdId: claims.hid, model: claims.mdl, budget: claims.bud, expiresAtMs: claims.exp, isolation: claims.iso }, now, d.outbox.isFull);
    if (!r.ok) throw new SiteAtCapacityError(r.reason);
    lease = r.lease;
  }
  if (claims.exp > lease.expiresAtMs) lease.expiresAtMs = claims.exp;
  // What the outbox has on disk for this lease counts too: after a restart (SIGKILL included) the
  // in-memory count starts at 0, but acknowledged and pending burns are durable.
  lease.burned = Math.max(lease.burned, d.outbox.burnedFor(lease.leaseId));
  if (lease.burned >= lease.budget) throw new LeaseBudgetSpentError(lease.leaseId, lease.budget, lease.burned);

  const startedAt = clock();
  const { output, computeMs } = await d.backend.infer({ model: claims.mdl, input: req.input, maxOutputTokens: req.max_output_tokens });
  // Coordinator time can step back mid-request (a new clock sample); a burn that ends before it
  // starts is refused by the burn-record schema, so the outbox would refuse to keep the work.
  const endedAt = Math.max(startedAt, clock());
  const micro = burnMicroTokens(computeMs / 1000, lease.fraction, lease.multiplier);
  // The outbox write happens before the answer: a request we answered is a burn on disk.
  const rec = await d.outbox.append({
    lease_id: lease.leaseId, accelerator_model: lease.acceleratorModel, accelerator_serial: lease.acceleratorSerial, slot: lease.slot,
    started_at_ms: startedAt, ended_at_ms: endedAt, micro_tokens: micro,
  });
  lease.burned += micro;
  d.onBurn();
  return new pb.InferResponse({
    output, site_id: d.siteId, lease_id: lease.leaseId, micro_tokens: micro, burn_seq: rec.seq, compute_ms: computeMs,
    remaining_micro_tokens: Math.max(0, lease.budget - lease.burned),
  });
}

export function inferenceHandlers(d: InferenceDeps): grpc.UntypedServiceImplementation {
  const fail = (err: unknown) => {
    // The status is the catalogue's for the code (proto's WIRE_ERRORS): OUTBOX_WRITE_FAILED (disk full
    // or failing) is UNAVAILABLE there, so the client goes elsewhere instead of being served unmetered.
    const c = (err as { code?: unknown } | undefined)?.code;
    const code = typeof c === 'string' ? c : 'INTERNAL';
    const status = grpcStatusOf(code);
    if (status === grpc.status.INTERNAL) d.log.error({ err: describeError(err) }, 'inference failed');
    d.metrics.infer(code.toLowerCase());
    return { code: status, details: statusDetails(`${code}: ${describeError(err)}`) };
  };
  return {
    infer: (call: grpc.ServerUnaryCall<edgefleet.v1.InferRequest, edgefleet.v1.InferResponse>, cb: grpc.sendUnaryData<edgefleet.v1.InferResponse>) => {
      serveInfer(d, call.request).then((r) => {
        d.metrics.infer('ok');
        cb(null, r);
      }, (err: unknown) => cb(fail(err)));
    },
    inferStream: (call: grpc.ServerWritableStream<edgefleet.v1.InferRequest, edgefleet.v1.InferChunk>) => {
      serveInfer(d, call.request).then((r) => {
        d.metrics.infer('ok');
        for (const word of r.output.split(' ')) call.write(new pb.InferChunk({ text: `${word} ` }));
        call.write(new pb.InferChunk({ done: true, summary: r }));
        call.end();
      }, (err: unknown) => {
        const e = fail(err);
        endStreamWithStatus(call, e.code, e.details);
      });
    },
  };
}
