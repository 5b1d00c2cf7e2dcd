import { MoneyError } from './errors.js';

/** ISO 4217 minor-unit exponents of the currencies a price may be set in. */
export const CURRENCY_EXPONENT = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CNY: 2,
  CHF: 2,
  INR: 2,
  JPY: 0,
  KRW: 0,
} as const;
export type Currency = keyof typeof CURRENCY_EXPONENT;

/** A price of one token (1 h of a reference H100) in integer minor units (cents for EUR). */
export interface TokenPrice {
  currency: Currency;
  minorPerToken: number;
}

const MICRO = 1_000_000n;

function checkInt(name: string, value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MoneyError(`${name} must be a non-negative safe integer, got ${value}`, {
      [name]: value,
    });
  }
  return BigInt(value);
}

function toSafe(name: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError(`${name} exceeds the safe integer range`, { [name]: value.toString() });
  }
  return Number(value);
}

/**
 * What µT cost at a price, in minor units. One rounding rule, applied once: half up to the minor
 * unit (a statement line of 1 µT at 250 cents per token costs 0 cents, of 2,000 µT 1 cent).
 */
export function costOf(microTokens: number, price: TokenPrice): number {
  const product =
    checkInt('microTokens', microTokens) * checkInt('minorPerToken', price.minorPerToken);
  return toSafe('cost', (product + MICRO / 2n) / MICRO);
}

/**
 * A customer's price as a ratio: `minor` minor units of `currency` buy `microTokens` µT (a
 * package's terms as bought, or a token price with `microTokens` 1,000,000). Kept as a ratio so a
 * package whose price does not divide into whole minor units per token loses nothing to rounding
 * before the one rounding of a cost.
 */
export interface MoneyRate {
  currency: Currency;
  minor: number;
  microTokens: number;
}

/** A token price as a rate. */
export const rateOfTokenPrice = (p: TokenPrice): MoneyRate => ({
  currency: p.currency,
  minor: p.minorPerToken,
  microTokens: Number(MICRO),
});

/**
 * What µT cost at a rate, in minor units: µT × minor / microTokens, rounded half up once (the
 * rule of costOf; costOf(µT, p) === costAt(µT, rateOfTokenPrice(p))).
 */
export function costAt(microTokens: number, rate: MoneyRate): number {
  const per = checkInt('rate.microTokens', rate.microTokens);
  if (per === 0n) throw new MoneyError('a money rate needs µT above zero', { rate });
  const product = checkInt('microTokens', microTokens) * checkInt('rate.minor', rate.minor);
  return toSafe('cost', (2n * product + per) / (2n * per));
}

/** The µT a payment of `minor` buys at a price: rounded down, so a package never sells more than was paid. */
export function microTokensFor(minor: number, price: TokenPrice): number {
  const per = checkInt('minorPerToken', price.minorPerToken);
  if (per === 0n) throw new MoneyError('a token package needs a price above zero', { price });
  return toSafe('microTokens', (checkInt('minor', minor) * MICRO) / per);
}

/** `12.34 EUR` from 1234 minor units. */
export function formatMoney(minor: number, currency: Currency): string {
  const exp = CURRENCY_EXPONENT[currency];
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs} ${currency}`;
  const unit = 10 ** exp;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(exp, '0')} ${currency}`;
}

/** Minor units of a decimal amount written in major units ("0.215" EUR → 22 cents, half up). */
export function toMinor(major: number, currency: Currency): number {
  if (!Number.isFinite(major) || major < 0) {
    throw new MoneyError(`an amount must be a finite non-negative number, got ${major}`, { major });
  }
  return Math.round(major * 10 ** CURRENCY_EXPONENT[currency]);
}
