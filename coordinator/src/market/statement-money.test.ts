import { describe, expect, it } from 'vitest';
import type { StatementEntry } from '../ledger/types.js';
import { customerRate, priceStatement } from './statement-money.js';

const MARKET = { currency: 'EUR' as const, baseMinorPerToken: 150 };

function line(id: number, kind: StatementEntry['kind'], amount: number): StatementEntry {
  return {
    id,
    kind,
    debit: 'hold:h',
    credit: 'site:s',
    amount,
    delta: kind === 'top_up' ? amount : 0,
    createdAtMs: 0,
    ref: null,
    holdId: null,
    leaseId: null,
    siteId: null,
    seq: null,
    acceleratorModel: null,
    acceleratorSerial: null,
    runId: null,
    hash: null,
  };
}

describe('money on a customer statement', () => {
  it('prices at the newest package bought, else at the configured token price', () => {
    expect(customerRate(undefined, MARKET)).toEqual({
      currency: 'EUR',
      minor: 150,
      microTokens: 1_000_000,
      source: 'list',
      packageId: null,
    });
    expect(
      customerRate(
        { packageId: 'h100-3', currency: 'USD', priceMinor: 10_000, microTokens: 3_000_000 },
        MARKET,
      ),
    ).toEqual({
      currency: 'USD',
      minor: 10_000,
      microTokens: 3_000_000,
      source: 'package',
      packageId: 'h100-3',
    });
  });

  it('gives each burn line its money and the page its totals, rounded once from the total', () => {
    const page = {
      items: [
        line(5, 'burn', 3_000), // 0.45 cent → 0
        line(4, 'burn_debt', 3_000), // 0.45 cent → 0
        line(3, 'hold', 500_000),
        line(2, 'burn', 1_000_000), // 150 cents
        line(1, 'top_up', 9_000_000),
      ],
      nextCursor: null,
    };
    const out = priceStatement(page, customerRate(undefined, MARKET));
    expect(out.items.map((e) => e.money?.text ?? null)).toEqual([
      '0.00 EUR',
      '0.00 EUR',
      null,
      '1.50 EUR',
      null,
    ]);
    expect(out.items[3]?.money).toEqual({ minor: 150, currency: 'EUR', text: '1.50 EUR' });
    // 1,006,000 µT × 1.50 EUR = 150.9 cents → 151: one more than the lines' 150.
    expect(out.totals).toEqual({
      burnedMicroTokens: 1_006_000,
      burned: { minor: 151, currency: 'EUR', text: '1.51 EUR' },
      rate: {
        currency: 'EUR',
        minor: 150,
        microTokens: 1_000_000,
        source: 'list',
        packageId: null,
        perToken: '1.50 EUR',
      },
    });
    expect(out.nextCursor).toBeNull();
  });

  it('prices a page with no burns at zero', () => {
    const out = priceStatement(
      { items: [line(1, 'top_up', 5)], nextCursor: '1' },
      customerRate(
        { packageId: 'p', currency: 'JPY', priceMinor: 20_000, microTokens: 100_000_000 },
        MARKET,
      ),
    );
    expect(out.totals.burned).toEqual({ minor: 0, currency: 'JPY', text: '0 JPY' });
    expect(out.totals.rate.perToken).toBe('200 JPY');
    expect(out.items[0]).not.toHaveProperty('money');
  });
});
