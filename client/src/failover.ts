import { randomUUID } from 'node:crypto';
import { Metadata, type Client, type ClientUnaryCall } from '@grpc/grpc-js';
import { InferenceService, pb, type edgefleet } from '@edgefleet/proto';
import {
  AllSitesFailedError,
  NoLeaseError,
  classifyInferError,
  isSiteTransportRefusal,
  type InferErrorClass,
} from './errors.js';
import type { LatencyReport } from './latency-report.js';
import type { LatencyWindow } from './latency-window.js';
import type { OutlierDetector } from './outlier.js';
import type { PeakEwma } from './peak-ewma.js';
import type { ReceiptBook } from './receipt-book.js';
import { pickLease } from './pick-lease.js';
import { unary, type UnaryHandle } from './rpc.js';
import type { AttemptFailure, InferResponse, InferResult, Lease } from './types.js';

/** What the failover engine needs from the client: cached channels and shared endpoint stats. */
export interface InferHost {
  /** Throws SitePlaintextError / SiteCaMissingError when the lease's transport is refused. */
  inferenceClient(lease: Lease): Client;
  endpointStats(endpoint: string, priorLatencyMs: number): PeakEwma;
  readonly latencies: LatencyWindow;
  /** Counts each answer's latency per site for the coordinator (Renew, Release); undefined = not reported. */
  readonly latencyReport?: LatencyReport | undefined;
  /** Outlier ejection shared by every session; undefined = off. */
  readonly outliers: OutlierDetector | undefined;
  /** Clock of the ejection decisions, ms since epoch. */
  now(): number;
  /** Checks and keeps each answer's receipt; may refuse the answer (policy `require`). */
  readonly receipts?: ReceiptBook;
}

export interface InferPlan {
  leases: readonly Lease[];
  model: string;
  input: string;
  maxOutputTokens: number;
  timeoutMs: number;
  /** Resolved hedge delay, ms; undefined = no hedging. */
  hedgeAfterMs: number | undefined;
  requestId?: string | undefined;
  tensors?: edgefleet.v1.IInferTensor[] | undefined;
  outputNames?: string[] | undefined;
}

const MIN_HEDGE_SAMPLES = 10;

/** The p95-based hedge delay (clamped to the attempt timeout); half the timeout while unwarmed. */
export function resolveHedgeDelay(
  spec: number | 'p95' | undefined,
  timeoutMs: number,
  window: LatencyWindow,
): number | undefined {
  if (spec === undefined) return undefined;
  if (spec !== 'p95') return Math.max(0, spec);
  const p95 = window.size >= MIN_HEDGE_SAMPLES ? window.quantile(0.95) : undefined;
  return Math.min(timeoutMs, Math.max(1, p95 ?? timeoutMs / 2));
}

interface Attempt {
  lease: Lease;
  stats: PeakEwma;
  call: ClientUnaryCall;
  startedMs: number;
}

/**
 * Sends one Infer to the best lease by peak-EWMA score. A timeout (per-attempt deadline) or a
 * site fault moves the request to the next-best lease at once; a hedged request goes to the
 * next-best lease after `hedgeAfterMs`; the first success wins and the other attempts are
 * cancelled. Errors that are not the site's fault (budget spent, forged token, bad input) end
 * the request with their typed error. A timeout or failover-class failure also feeds the outlier
 * detector: an ejected endpoint gets neither a first attempt nor a hedge while another lease is
 * left, and is tried only as a last resort when every other lease failed.
 */
export function inferWithFailover(host: InferHost, plan: InferPlan): Promise<InferResult> {
  const requestId = plan.requestId ?? randomUUID();
  for (const lease of plan.leases) host.outliers?.observe(lease.endpoint, lease.site_id);
  const candidates = plan.leases.map((lease, order) => ({
    lease,
    order,
    leaseId: lease.lease_id,
    expiresAtMs: lease.expires_at_ms,
    expectedRttMs: lease.expected_rtt_ms,
    stats: host.endpointStats(lease.endpoint, lease.expected_rtt_ms),
    score: 0,
  }));
  return new Promise<InferResult>((resolve, reject) => {
    const tried = new Set<string>();
    const inflight = new Map<string, Attempt>();
    const failures: AttemptFailure[] = [];
    let settled = false;
    let hedged = false;
    let hedgeTimer: NodeJS.Timeout | undefined;

    const settle = (done: () => void): void => {
      settled = true;
      if (hedgeTimer) clearTimeout(hedgeTimer);
      const now = Date.now();
      for (const a of inflight.values()) {
        a.stats.abandon(now - a.startedMs, now);
        a.call.cancel();
      }
      inflight.clear();
      done();
    };

    const onSuccess = (a: Attempt, res: InferResponse): void => {
      if (settled) return; // lost a race with cancel(); already accounted as abandoned
      // The receipt is kept whatever it is; under `require` an answer without a verified one fails over.
      const refused = host.receipts?.take(res, a.lease, requestId);
      if (refused) {
        onError(a, refused);
        return;
      }
      inflight.delete(a.lease.lease_id);
      const now = Date.now();
      const latencyMs = now - a.startedMs;
      a.stats.success(latencyMs, now);
      host.outliers?.success(a.lease.endpoint, host.now());
      host.latencies.add(latencyMs);
      host.latencyReport?.add(res.site_id || a.lease.site_id, latencyMs);
      settle(() =>
        resolve({
          response: res,
          output: res.output,
          siteId: res.site_id || a.lease.site_id,
          leaseId: a.lease.lease_id,
          endpoint: a.lease.endpoint,
          attempts: tried.size,
          hedged,
          latencyMs,
          microTokens: res.micro_tokens,
          failures,
        }),
      );
    };

    const onError = (a: Attempt, err: unknown): void => {
      if (settled) return; // cancelled by settle(); already accounted as abandoned
      inflight.delete(a.lease.lease_id);
      const now = Date.now();
      const c = classifyInferError(err, a.lease.site_id, a.lease.endpoint_tls);
      if (!c.failover) {
        a.stats.discard();
        settle(() => reject(c.error));
        return;
      }
      a.stats.failure(now, c.reason === 'DEADLINE_EXCEEDED' ? now - a.startedMs : undefined);
      host.outliers?.failure(a.lease.endpoint, a.lease.site_id, host.now());
      failed(a.lease, c);
    };

    const failed = (lease: Lease, c: InferErrorClass): void => {
      failures.push({
        siteId: lease.site_id,
        leaseId: lease.lease_id,
        endpoint: lease.endpoint,
        reason: c.reason,
        message: c.error.message,
        error: c.error,
      });
      if (launchNext(true) || inflight.size > 0) return;
      // Every site refused for the same transport reason (all plaintext while the client pins a CA…):
      // a configuration problem, surfaced as that typed error rather than as sites failing.
      const first = failures[0]?.error;
      const sameRefusal =
        isSiteTransportRefusal(first) && failures.every((f) => f.error?.code === first.code);
      settle(() =>
        reject(
          sameRefusal
            ? first
            : new AllSitesFailedError(
                `all ${tried.size} lease(s) failed: ${failures.map((f) => `${f.siteId} ${f.reason}`).join(', ')}`,
                { failures, requestId },
              ),
        ),
      );
    };

    /** Starts an attempt on the best untried lease; ejected ones only when `lastResort`. */
    const launchNext = (lastResort: boolean): boolean => {
      const now = Date.now();
      for (const c of candidates) c.score = c.stats.score(now);
      const next =
        pickLease(candidates, now, skipped()) ??
        (lastResort ? pickLease(candidates, now, tried) : undefined);
      if (!next) return false;
      const { lease, stats } = next;
      tried.add(lease.lease_id);
      stats.start();
      const req = new pb.InferRequest({
        lease_token: lease.token,
        model: plan.model,
        input: plan.input,
        max_output_tokens: plan.maxOutputTokens,
        request_id: requestId,
        inputs: plan.tensors ?? [],
        output_names: plan.outputNames ?? [],
      });
      let h: UnaryHandle<unknown>;
      try {
        h = unary(
          host.inferenceClient(lease),
          InferenceService.infer,
          req,
          new Metadata(),
          plan.timeoutMs,
        );
      } catch (err) {
        stats.discard(); // the client was closed, or the site's transport refused: nothing sent to the site
        if (isSiteTransportRefusal(err)) failed(lease, classifyInferError(err, lease.site_id));
        else settle(() => reject(err));
        return true;
      }
      const attempt: Attempt = { lease, stats, call: h.call, startedMs: now };
      inflight.set(lease.lease_id, attempt);
      h.response.then(
        (res) => onSuccess(attempt, res as InferResponse),
        (err: unknown) => onError(attempt, err),
      );
      return true;
    };

    /** Leases not to send to now: those tried for this request, and those of ejected endpoints. */
    const skipped = (): Set<string> => {
      const nowMs = host.now();
      const out = new Set(tried);
      for (const c of candidates)
        if (host.outliers?.isEjected(c.lease.endpoint, nowMs)) out.add(c.leaseId);
      return out;
    };

    if (!launchNext(true)) {
      settle(() =>
        reject(
          new NoLeaseError('the session holds no lease to send the request to', { requestId }),
        ),
      );
      return;
    }
    if (plan.hedgeAfterMs !== undefined && candidates.length > 1) {
      hedgeTimer = setTimeout(() => {
        if (!settled && launchNext(false)) hedged = true;
      }, plan.hedgeAfterMs);
      hedgeTimer.unref();
    }
  });
}
