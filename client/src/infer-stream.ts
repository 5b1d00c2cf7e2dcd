import { randomUUID } from 'node:crypto';
import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { InferenceService, pb, type edgefleet } from '@edgefleet/proto';
import { AllSitesFailedError, NoLeaseError, classifyInferError } from './errors.js';
import type { InferHost } from './failover.js';
import { pickLease } from './pick-lease.js';
import type { AttemptFailure, InferResponse, InferResult, Lease } from './types.js';

export interface InferStreamPlan {
  leases: readonly Lease[];
  model: string;
  input: string;
  maxOutputTokens: number;
  /** Per attempt, first byte to the last chunk. */
  timeoutMs: number;
  requestId?: string | undefined;
  /** Each piece of text as the site sends it. */
  onDelta: (text: string) => void;
}

/** An attempt's failure, and whether text had already reached the caller (no failover then). */
class AttemptError extends Error {
  constructor(
    readonly error: unknown,
    readonly started: boolean,
  ) {
    super('stream attempt failed');
  }
}

/**
 * InferStream on the best lease (peak-EWMA, as `infer`), handing each text chunk to `onDelta` as it
 * arrives; resolves with the final chunk's summary (burn, µT) like `infer`. A site fault before the
 * first chunk moves the request to the next lease; after it, the error is the caller's to see (text
 * already shown cannot be taken back, nor sent twice). Never hedged: two streams would bill twice.
 */
export async function inferStreamWithFailover(
  host: InferHost,
  plan: InferStreamPlan,
): Promise<InferResult> {
  const requestId = plan.requestId ?? randomUUID();
  const tried = new Set<string>();
  const failures: AttemptFailure[] = [];
  for (;;) {
    const now = Date.now();
    const candidates = plan.leases.map((lease, order) => ({
      lease,
      order,
      leaseId: lease.lease_id,
      expiresAtMs: lease.expires_at_ms,
      expectedRttMs: lease.expected_rtt_ms,
      score: host.endpointStats(lease.endpoint, lease.expected_rtt_ms).score(now),
    }));
    const next = pickLease(candidates, now, tried);
    if (!next) {
      if (failures.length === 0)
        throw new NoLeaseError('the session holds no lease to send the request to', { requestId });
      throw new AllSitesFailedError(
        `all ${tried.size} lease(s) failed: ${failures.map((f) => `${f.siteId} ${f.reason}`).join(', ')}`,
        { failures, requestId },
      );
    }
    const lease = next.lease;
    tried.add(lease.lease_id);
    const startedMs = Date.now();
    try {
      const res = await attempt(host, lease, plan, requestId);
      return {
        response: res,
        output: res.output,
        siteId: res.site_id || lease.site_id,
        leaseId: lease.lease_id,
        endpoint: lease.endpoint,
        attempts: tried.size,
        hedged: false,
        latencyMs: Date.now() - startedMs,
        microTokens: res.micro_tokens,
        failures,
      };
    } catch (err) {
      const e = err instanceof AttemptError ? err : new AttemptError(err, false);
      const c = classifyInferError(e.error, lease.site_id, lease.endpoint_tls);
      if (!c.failover || e.started) throw c.error;
      failures.push({
        siteId: lease.site_id,
        leaseId: lease.lease_id,
        endpoint: lease.endpoint,
        reason: c.reason,
        message: c.error.message,
        error: c.error,
      });
    }
  }
}

function attempt(
  host: InferHost,
  lease: Lease,
  plan: InferStreamPlan,
  requestId: string,
): Promise<InferResponse> {
  const def = InferenceService.inferStream;
  return new Promise<InferResponse>((resolve, reject) => {
    let started = false;
    let summary: InferResponse | undefined;
    const call = host.inferenceClient(lease).makeServerStreamRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      new pb.InferRequest({
        lease_token: lease.token,
        model: plan.model,
        input: plan.input,
        max_output_tokens: plan.maxOutputTokens,
        request_id: requestId,
      }),
      new Metadata(),
      { deadline: Date.now() + plan.timeoutMs },
    );
    call.on('data', (chunk: edgefleet.v1.InferChunk) => {
      if (chunk.text) {
        started = true;
        plan.onDelta(chunk.text);
      }
      if (chunk.done && chunk.summary) summary = new pb.InferResponse(chunk.summary);
    });
    call.on('error', (err: ServiceError) => reject(new AttemptError(err, started)));
    call.on('end', () => {
      if (summary) resolve(summary);
      else
        reject(
          new AttemptError(
            new Error(`site ${lease.site_id}: stream ended without a summary`),
            started,
          ),
        );
    });
  });
}
