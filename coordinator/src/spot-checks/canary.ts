import { randomUUID } from 'node:crypto';
import { describeError } from '@edgefleet/common';
import { pb, type edgefleet } from '@edgefleet/proto';
import type { Site } from '../fleet/site.js';
import type { CanaryInferCaller, InferAnswer } from './canary-infer.js';
import { billedComputeMs, envelopeMs, missesEnvelope, type LeaseSpeed } from './envelope.js';
import type { Oracle } from './oracles.js';
import type { CanaryVerdict } from './reputation.js';
import type { SpotCheckSettings } from './settings.js';

/** What one canary found. `skipped`: no lease (the site was full, or refused): nothing is learned. */
export interface CanaryResult {
  siteId: string;
  model: string;
  verdict: CanaryVerdict | 'skipped';
  detail?: string;
  wallMs?: number;
  billedMs?: number;
  envelopeMs?: number;
  microTokens?: number;
}

export interface CanaryDeps {
  settings: SpotCheckSettings;
  /** LeaseService: the ordinary Acquire (pinned to the site) and Release. */
  leases: {
    acquire(
      req: edgefleet.v1.AcquireRequest,
      opts: { site?: string },
    ): Promise<edgefleet.v1.AcquireResponse>;
    release(holdId: string): Promise<unknown>;
  };
  /** The slot fraction and multiplier the coordinator registered for a lease. */
  leaseSpeed(leaseId: string): Promise<Omit<LeaseSpeed, 'profileIds'> | undefined>;
  caller: CanaryInferCaller;
  random: () => number;
}

/**
 * One canary on one site, as a vehicle would do it: Acquire on the spot-check customer's account
 * (routed to this site alone), one Infer on the lease with the known input, Release. The answer is
 * judged against the oracle, then its timing against the envelope of what the site claims: the
 * billed compute (from the µT it charged and the compute_ms it reported) and the wall time of the
 * Infer (Acquire excluded) beyond the envelope plus an allowance for the network.
 */
export async function runCanary(
  d: CanaryDeps,
  site: Site,
  model: SpotCheckSettings['models'][number],
  oracle: Oracle,
): Promise<CanaryResult> {
  const s = d.settings;
  const base = { siteId: site.siteId, model: model.model };
  let acquired: edgefleet.v1.AcquireResponse;
  try {
    acquired = await d.leases.acquire(
      new pb.AcquireRequest({
        customer_id: s.customerId,
        model: model.model,
        location: { lat: site.lat, lon: site.lon, has_coordinates: true },
        budget_micro_tokens: s.leaseBudgetMicroTokens,
        ttl_s: s.leaseTtlS,
      }),
      { site: site.siteId },
    );
  } catch (err) {
    return { ...base, verdict: 'skipped', detail: `no lease: ${describeError(err)}` };
  }
  const lease = acquired.primary;
  if (!lease) return { ...base, verdict: 'skipped', detail: 'no lease' };
  try {
    const canary = oracle.next(d.random);
    let res: InferAnswer;
    let wallMs: number;
    try {
      ({ answer: res, wallMs } = await d.caller.infer(
        lease,
        {
          model: model.model,
          input: canary.input,
          max_output_tokens: canary.maxOutputTokens,
          request_id: randomUUID(),
          inputs: canary.tensors,
          output_names: canary.outputNames,
        },
        s.inferTimeoutMs,
      ));
    } catch (err) {
      return { ...base, verdict: 'error', detail: describeError(err).slice(0, 200) };
    }
    const microTokens = Number(res.micro_tokens ?? 0);
    const wrong = canary.wrong({
      output: res.output ?? '',
      outputs: (res.outputs ?? []).map((o) => ({
        name: o.name ?? '',
        datatype: o.datatype ?? '',
        shape: (o.shape ?? []).map(Number),
        raw_contents: o.raw_contents ?? new Uint8Array(),
      })),
    });
    if (wrong) return { ...base, verdict: 'wrong', detail: wrong, wallMs, microTokens };
    const speed = await d.leaseSpeed(lease.lease_id ?? '');
    const claimed = {
      multiplier: speed?.multiplier ?? site.multiplier,
      slotFraction: speed?.slotFraction ?? 1,
    };
    const env = envelopeMs(model, { ...claimed, profileIds: site.profileIds }, s);
    const billedMs = billedComputeMs({ microTokens, computeMs: res.compute_ms ?? 0 }, claimed);
    const timing = { wallMs, billedMs, envelopeMs: env, microTokens };
    if (missesEnvelope({ billedMs, wallMs, envelopeMs: env }, s.wallAllowanceMs))
      return {
        ...base,
        verdict: 'slow',
        detail: `billed ${billedMs.toFixed(1)} ms, wall ${wallMs.toFixed(1)} ms, envelope ${env.toFixed(1)} ms`,
        ...timing,
      };
    return { ...base, verdict: 'pass', ...timing };
  } finally {
    await d.leases.release(lease.hold_id ?? '').catch(() => undefined); // the hold expires on its own otherwise
  }
}
