/** 1 token = 1 hour of single-accelerator compute on a reference H100 80GB; amounts are integer µT. */
export const MICRO_TOKENS_PER_TOKEN = 1_000_000;

/**
 * Burn for work done = accelerator-seconds × slot fraction × profile multiplier / 3600 × 10^6 µT.
 * The one rounding rule, applied once, at the edge: round half up to a whole µT, and any
 * non-zero work costs at least 1 µT.
 */
export function burnMicroTokens(
  acceleratorSeconds: number,
  slotFraction: number,
  multiplier: number,
): number {
  if (!(acceleratorSeconds >= 0) || !(slotFraction > 0 && slotFraction <= 1) || !(multiplier > 0)) {
    throw new RangeError(
      `invalid burn inputs: seconds=${acceleratorSeconds} fraction=${slotFraction} multiplier=${multiplier}`,
    );
  }
  const exact = (acceleratorSeconds * slotFraction * multiplier * MICRO_TOKENS_PER_TOKEN) / 3600;
  if (exact === 0) return 0;
  return Math.max(1, Math.floor(exact + 0.5));
}

export function formatTokens(microTokens: number): string {
  const sign = microTokens < 0 ? '-' : '';
  const abs = Math.abs(microTokens);
  const whole = Math.floor(abs / MICRO_TOKENS_PER_TOKEN);
  const frac = String(abs % MICRO_TOKENS_PER_TOKEN).padStart(6, '0');
  return `${sign}${whole}.${frac} T`;
}
