import type { TokenPrice } from './money.js';

/** What the market charges over the energy a token burns, and how scarcity lifts it. */
export interface SpotPolicy {
  /** The price of a token on an idle fleet, before energy (minor units). */
  baseMinorPerToken: number;
  /** Utilization above which the scarcity premium starts (the field runs fleets at 85–92 %). */
  targetUtilization: number;
  /** The premium at 100 % utilization, as a fraction of base + energy (1 = double). */
  maxPremium: number;
}

export interface SpotInputs {
  /** Busy slots / slots, 0–1, of the site or class priced. */
  utilization: number;
  /** The site's tariff, in minor units per kWh (may be fractional: 21.5 cents). */
  tariffMinorPerKwh: number;
  /** Board power of one accelerator at load. */
  wattsPerAccelerator: number;
  /** The coordinator's profile multiplier: tokens one accelerator earns per hour. */
  multiplier: number;
}

export const DEFAULT_SPOT_POLICY: SpotPolicy = {
  baseMinorPerToken: 150,
  targetUtilization: 0.85,
  maxPremium: 1,
};

/**
 * The spot price of one token at a site or class: base + the energy the token burns there
 * (an accelerator works 1/multiplier hours per token), lifted linearly from the target
 * utilization up to `maxPremium` at a full fleet. Integer minor units, rounded up once (a site is
 * never priced below its energy).
 */
export function spotPrice(
  inputs: SpotInputs,
  currency: TokenPrice['currency'],
  policy: SpotPolicy = DEFAULT_SPOT_POLICY,
): TokenPrice {
  return priceWithEnergy(energyPerToken(inputs), inputs.utilization, currency, policy);
}

/** Minor units of energy one token burns: the accelerator works 1/multiplier hours per token. */
export function energyPerToken(
  inputs: Pick<SpotInputs, 'wattsPerAccelerator' | 'multiplier' | 'tariffMinorPerKwh'>,
): number {
  const kwhPerToken = inputs.wattsPerAccelerator / 1000 / Math.max(inputs.multiplier, 1e-9);
  return kwhPerToken * Math.max(0, inputs.tariffMinorPerKwh);
}

/** base + energy, lifted above the target utilization; integer minor units, rounded up once. */
export function priceWithEnergy(
  energyMinorPerToken: number,
  utilization: number,
  currency: TokenPrice['currency'],
  policy: SpotPolicy = DEFAULT_SPOT_POLICY,
): TokenPrice {
  const u = Math.min(1, Math.max(0, utilization));
  const over =
    u <= policy.targetUtilization
      ? 0
      : (u - policy.targetUtilization) / (1 - policy.targetUtilization);
  const price = (policy.baseMinorPerToken + energyMinorPerToken) * (1 + policy.maxPremium * over);
  return { currency, minorPerToken: Math.ceil(price - 1e-9) };
}
