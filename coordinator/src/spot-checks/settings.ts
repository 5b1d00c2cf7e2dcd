import { z } from 'zod';

/**
 * Spot-checks (docs/verification.md, "Spot-checks"): canary requests through ordinary leases, with
 * known answers and a latency envelope for the accelerator each site claims; the outcome is the
 * site's reputation. Env overrides as for every setting, e.g.
 * EDGEFLEET_COORDINATOR_SPOT_CHECKS__PER_SITE_HOURLY=12.
 */
export const spotCheckSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * The canary rate: canaries per routable site per hour, as Poisson arrivals (a site cannot
     * predict the next). Per replica: with R replicas a site sees R × this. At the default 6 a site
     * spends about 6 × (lease round trip ≈ 1 s) per hour of one slot on canaries: 0.17 % of one slot.
     */
    perSiteHourly: z.number().nonnegative().max(36_000).default(6),
    /** How often the scheduler draws arrivals and reads other replicas' reputation changes (ms). */
    tickMs: z.number().int().positive().default(1_000),
    /** Most canaries in flight at once (per replica). */
    maxInFlight: z.number().int().positive().default(8),
    /** The customer account canaries are paid from: an ordinary account, topped up from the mint. */
    customerId: z.string().min(1).max(128).default('spotcheck'),
    /** Budget of one canary lease (µT); the account is topped up by topUpMicroTokens below 10 × this. */
    leaseBudgetMicroTokens: z.number().int().positive().default(100_000),
    topUpMicroTokens: z.number().int().positive().default(10_000_000),
    /** TTL of a canary lease (s): released as soon as the canary is answered. */
    leaseTtlS: z.number().int().positive().default(60),
    /** Deadline of a canary's Infer (ms); a canary not answered in time counts as an error, not a miss. */
    inferTimeoutMs: z.number().int().positive().default(10_000),
    /**
     * What is checked, per model: `onnx-fixture` (fixed inputs whose outputs were computed once by the
     * real model: coordinator/src/spot-checks/fixtures/<model>.json) or `echo` (the simulated
     * backend's deterministic answer: only for fleets of simulated sites, never a real model).
     * `referenceMs`: the compute time of one canary on the reference H100; the envelope of a site is
     * referenceMs ÷ its coordinator-resolved multiplier × slack + fixedMs, unless `envelopes` names it.
     */
    models: z
      .array(
        z.object({
          model: z.string().min(1),
          oracle: z.enum(['onnx-fixture', 'echo']),
          referenceMs: z.number().positive(),
        }),
      )
      .default([{ model: 'ppocr-cls', oracle: 'onnx-fixture', referenceMs: 2 }]),
    /** Envelope overrides per (model, profile id): the most a canary's billed compute may take (ms). */
    envelopes: z
      .array(
        z.object({
          model: z.string().min(1),
          profileId: z.string().min(1),
          maxMs: z.number().positive(),
        }),
      )
      .default([]),
    slack: z.number().min(1).default(4),
    fixedMs: z.number().nonnegative().default(5),
    /** The canary's wall time (Acquire excluded) may exceed the envelope by this much (network, queueing). */
    wallAllowanceMs: z.number().nonnegative().default(250),
    reputation: z
      .object({
        /** A pass moves reputation this fraction of the way back to 1 (slow recovery). */
        passGain: z.number().gt(0).lte(1).default(0.02),
        /** A wrong answer multiplies reputation by (1 − wrongPenalty). */
        wrongPenalty: z.number().gt(0).lte(1).default(0.4),
        /** A billed compute time or wall time beyond the envelope multiplies it by (1 − slowPenalty). */
        slowPenalty: z.number().gt(0).lte(1).default(0.1),
        /** Below this the site is drained and its unsettled earnings held on dispute:{site}. */
        drainBelow: z.number().min(0).max(1).default(0.5),
        /** Reputation given back by an operator's reinstatement. */
        reinstateTo: z.number().min(0).max(1).default(0.75),
      })
      .prefault({}),
  })
  .prefault({});

export type SpotCheckSettings = z.infer<typeof spotCheckSettingsSchema>;
