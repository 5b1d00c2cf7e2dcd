import type { SpotCheckSettings } from './settings.js';

/** What the coordinator registered for the canary's lease: never what the site says. */
export interface LeaseSpeed {
  /** The coordinator-resolved profile multiplier of the admitted accelerator. */
  multiplier: number;
  /** The slot's share of it (1 = whole card, 1/7 = a MIG 1g slice). */
  slotFraction: number;
  /** The site's profile ids (for per-profile envelope overrides). */
  profileIds: readonly string[];
}

/**
 * The most one canary of `model` may take on the claimed accelerator (ms): an operator's override
 * for (model, profile) when there is one, else the reference H100's time ÷ (multiplier × slot
 * fraction) × slack + fixedMs. A slower device (or a backend that sleeps) takes longer than that.
 */
export function envelopeMs(
  model: { model: string; referenceMs: number },
  speed: LeaseSpeed,
  s: Pick<SpotCheckSettings, 'envelopes' | 'slack' | 'fixedMs'>,
): number {
  const override = s.envelopes.find(
    (e) => e.model === model.model && speed.profileIds.includes(e.profileId),
  );
  if (override) return override.maxMs;
  const rate = Math.max(1e-6, speed.multiplier * speed.slotFraction);
  return (model.referenceMs / rate) * s.slack + s.fixedMs;
}

/**
 * The compute the site billed for a canary (ms): the larger of what it reports (`compute_ms`) and
 * the least time its µT can stand for. µT = ms ÷ 3.6 × fraction × multiplier, rounded half up once
 * (at least 1 µT), so µT − ½ is the least the rounding can have started from; a 1 µT answer proves
 * only that the compute was short.
 */
export function billedComputeMs(
  answer: { microTokens: number; computeMs: number },
  speed: Pick<LeaseSpeed, 'multiplier' | 'slotFraction'>,
): number {
  const rate = Math.max(1e-6, speed.multiplier * speed.slotFraction);
  const implied = answer.microTokens <= 1 ? 0 : ((answer.microTokens - 0.5) * 3.6) / rate;
  return Math.max(answer.computeMs, implied);
}

/** Whether a canary's timing betrays a slower device than the one claimed. */
export function missesEnvelope(
  t: { billedMs: number; wallMs: number; envelopeMs: number },
  wallAllowanceMs: number,
): boolean {
  return t.billedMs > t.envelopeMs || t.wallMs > t.envelopeMs + wallAllowanceMs;
}
