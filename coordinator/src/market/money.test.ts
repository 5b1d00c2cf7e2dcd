import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from './errors.js';
import { costAt, costOf, formatMoney, microTokensFor, rateOfTokenPrice, toMinor } from './money.js';
import { spotPrice } from './spot-price.js';

const eur = (minorPerToken: number) => ({ currency: 'EUR' as const, minorPerToken });

describe('money', () => {
  it('costs µT half up to the cent, once', () => {
    expect(costOf(1_000_000, eur(250))).toBe(250);
    expect(costOf(1, eur(250))).toBe(0);
    expect(costOf(2_000, eur(250))).toBe(1); // 0.5 cent rounds up
    expect(costOf(1_999, eur(250))).toBe(0);
  });

  it('never sells more µT than a payment buys, and a bought package costs at most what was paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (paid, per) => {
          const got = microTokensFor(paid, eur(per));
          expect(costOf(got, eur(per))).toBeLessThanOrEqual(paid);
          expect((got + 1) * per).toBeGreaterThan(paid * 1_000_000);
        },
      ),
    );
  });

  it('costs µT at a package rate half up once, equal to costOf at a token price', () => {
    // 100.00 EUR for 3 tokens: 33.333… cents a token, not rounded before the cost.
    const rate = { currency: 'EUR' as const, minor: 10_000, microTokens: 3_000_000 };
    expect(costAt(3_000_000, rate)).toBe(10_000);
    expect(costAt(1_000_000, rate)).toBe(3_333);
    expect(costAt(150, rate)).toBe(1); // 0.5 cent rounds up
    expect(costAt(149, rate)).toBe(0);
    expect(() => costAt(1, { ...rate, microTokens: 0 })).toThrow(MoneyError);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 100_000 }),
        (µT, per) => {
          expect(costAt(µT, rateOfTokenPrice(eur(per)))).toBe(costOf(µT, eur(per)));
        },
      ),
    );
  });

  it('refuses fractions, negatives and overflow with a named error', () => {
    expect(() => costOf(1.5, eur(1))).toThrow(MoneyError);
    expect(() => costOf(-1, eur(1))).toThrow(MoneyError);
    expect(() => microTokensFor(Number.MAX_SAFE_INTEGER, eur(1))).toThrow(/safe integer/);
    expect(() => microTokensFor(100, eur(0))).toThrow(MoneyError);
  });

  it('formats and parses by the currency’s minor unit', () => {
    expect(formatMoney(1234, 'EUR')).toBe('12.34 EUR');
    expect(formatMoney(5, 'USD')).toBe('0.05 USD');
    expect(formatMoney(1234, 'JPY')).toBe('1234 JPY');
    expect(toMinor(0.215, 'EUR')).toBe(22);
    expect(toMinor(300, 'JPY')).toBe(300);
  });
});

describe('spotPrice', () => {
  const h100 = { tariffMinorPerKwh: 20, wattsPerAccelerator: 700, multiplier: 1 };

  it('is base plus the energy a token burns below the target utilization', () => {
    // 0.7 kWh × 20 cents = 14 cents of energy per H100-hour.
    expect(spotPrice({ ...h100, utilization: 0.5 }, 'EUR').minorPerToken).toBe(164);
    // A chip half as fast burns twice the hours per token.
    expect(spotPrice({ ...h100, multiplier: 0.5, utilization: 0 }, 'EUR').minorPerToken).toBe(178);
  });

  it('rises with scarcity above the target, up to the premium at a full fleet, never down', () => {
    const at = (u: number) => spotPrice({ ...h100, utilization: u }, 'EUR').minorPerToken;
    expect(at(0.85)).toBe(164);
    expect(at(1)).toBe(328);
    for (let u = 0; u < 1; u += 0.01) expect(at(u + 0.01)).toBeGreaterThanOrEqual(at(u));
  });
});
