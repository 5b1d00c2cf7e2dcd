import type { StatementEntry, StatementPage } from '../ledger/types.js';
import { costAt, formatMoney, type Currency, type MoneyRate } from './money.js';

/** Money in integer minor units, with its currency and as text ("12.34 EUR"). */
export interface Money {
  minor: number;
  currency: Currency;
  text: string;
}

/** Where a customer's price comes from: its newest package purchase, or the configured token price. */
export interface CustomerRate extends MoneyRate {
  source: 'package' | 'list';
  /** The package whose terms price the statement (source `package`). */
  packageId: string | null;
}

/** The kinds of transfer that are a burn on a customer's statement (from its hold, or as debt). */
export const BURN_KINDS: readonly string[] = ['burn', 'burn_debt'];

const money = (minor: number, currency: Currency): Money => ({
  minor,
  currency,
  text: formatMoney(minor, currency),
});

/**
 * A customer's price: the terms of its newest package purchase (price for the package's µT), or,
 * when it bought none, the configured token price (`market.baseMinorPerToken` per 1,000,000 µT in
 * `market.currency`).
 */
export function customerRate(
  newestPurchase:
    { packageId: string; currency: string; priceMinor: number; microTokens: number } | undefined,
  market: { currency: Currency; baseMinorPerToken: number },
): CustomerRate {
  if (newestPurchase && newestPurchase.microTokens > 0)
    return {
      currency: newestPurchase.currency as Currency,
      minor: newestPurchase.priceMinor,
      microTokens: newestPurchase.microTokens,
      source: 'package',
      packageId: newestPurchase.packageId,
    };
  return {
    currency: market.currency,
    minor: market.baseMinorPerToken,
    microTokens: 1_000_000,
    source: 'list',
    packageId: null,
  };
}

export type PricedEntry = StatementEntry & { money?: Money };
export interface StatementTotals {
  /** µT burned by the burn lines of this page. */
  burnedMicroTokens: number;
  /** Their money: the page's burned µT priced once (not the sum of the lines' rounded figures). */
  burned: Money;
  /** The rate every figure of the page is at. */
  rate: CustomerRate & { perToken: string };
}

/**
 * Money beside µT on a customer's statement page: each burn line gets `money` (its µT at the
 * customer's rate, half up to the minor unit), and the page `totals` (its burned µT and their
 * money, rounded once from the total, so it may differ from the sum of the lines' figures by less
 * than one minor unit per line).
 */
export function priceStatement<P extends StatementPage>(
  page: P,
  rate: CustomerRate,
): Omit<P, 'items'> & { items: PricedEntry[]; totals: StatementTotals } {
  let burned = 0;
  const items = page.items.map((e): PricedEntry => {
    if (!BURN_KINDS.includes(e.kind)) return e;
    burned += e.amount;
    return { ...e, money: money(costAt(e.amount, rate), rate.currency) };
  });
  return {
    ...page,
    items,
    totals: {
      burnedMicroTokens: burned,
      burned: money(costAt(burned, rate), rate.currency),
      rate: {
        ...rate,
        perToken: formatMoney(costAt(1_000_000, rate), rate.currency),
      },
    },
  };
}
