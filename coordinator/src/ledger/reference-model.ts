import { rateCap } from './reconcile-plan.js';

/** Where a burn's interval lies against its lease window (± skew and grace). */
export type BurnWindow = 'in' | 'before' | 'after';

/**
 * A small pure model of the ledger's money rules, for property tests: customers' available
 * balances, holds (one lease each, its budget the hold's amount, one slot of a given fraction and
 * multiplier), debts, one site's earnings and its dispute account. Burns are decided in chain order
 * by the bounds (docs/ledger.md, "Bounds and disputes"): outside the lease window all of it is
 * disputed; above duration × slot all the excess; of the rest, at most the lease's budget left is
 * credited — from the hold while it is open (and at most what it has left), as debt once it closed
 * (the coordinator closed it early) — and what is not credited is disputed. Never the customer's.
 */
export class ReferenceLedger {
  readonly available: number[];
  readonly debt: number[];
  /** What each customer was charged for burns (from holds and as debt): never more than its leases' budgets. */
  readonly charged: number[];
  readonly holds: {
    customer: number;
    amount: number;
    remaining: number;
    open: boolean;
    credited: number;
  }[] = [];
  site = 0;
  /** What the site claimed beyond its bounds (held for an operator, funded from the mint). */
  dispute = 0;
  minted = 0;

  constructor(
    customers: number,
    readonly slot?: { fraction: number; multiplier: number },
  ) {
    this.available = Array.from({ length: customers }, () => 0);
    this.debt = Array.from({ length: customers }, () => 0);
    this.charged = Array.from({ length: customers }, () => 0);
  }

  /** Debt first: what the customer owes is settled from the new available balance. */
  topUp(customer: number, amount: number): void {
    const available = (this.available[customer] ?? 0) + amount;
    const settle = Math.min(this.debt[customer] ?? 0, available);
    this.available[customer] = available - settle;
    this.debt[customer] = (this.debt[customer] ?? 0) - settle;
    this.minted += amount;
  }

  /** false = refused (insufficient balance). */
  placeHold(customer: number, amount: number): boolean {
    const available = this.available[customer] ?? 0;
    if (available < amount) return false;
    this.available[customer] = available - amount;
    this.holds.push({ customer, amount, remaining: amount, open: true, credited: 0 });
    return true;
  }

  burn(hold: number, amount: number, at: { window?: BurnWindow; durationMs?: number } = {}): void {
    const h = this.holds[hold];
    if (!h) throw new Error(`no hold ${hold}`);
    let fits = (at.window ?? 'in') === 'in' ? amount : 0;
    if (this.slot && at.durationMs !== undefined)
      fits = Math.min(fits, rateCap(at.durationMs, this.slot.fraction, this.slot.multiplier));
    const postable = Math.min(fits, h.amount - h.credited);
    const fromHold = h.open ? Math.min(postable, h.remaining) : 0;
    const asDebt = h.open ? 0 : postable;
    h.remaining -= fromHold;
    h.credited += fromHold + asDebt;
    this.debt[h.customer] = (this.debt[h.customer] ?? 0) + asDebt;
    this.charged[h.customer] = (this.charged[h.customer] ?? 0) + fromHold + asDebt;
    this.site += fromHold + asDebt;
    this.dispute += amount - fromHold - asDebt;
  }

  release(hold: number): void {
    const h = this.holds[hold];
    if (!h || !h.open) return;
    this.available[h.customer] = (this.available[h.customer] ?? 0) + h.remaining;
    h.remaining = 0;
    h.open = false;
  }

  held(customer: number): number {
    return this.holds
      .filter((h) => h.open && h.customer === customer)
      .reduce((s, h) => s + h.remaining, 0);
  }

  /** mint (issuance and disputes) + customers + holds + debts + site + dispute: always 0. */
  total(): number {
    const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
    return (
      -this.minted -
      this.dispute +
      sum(this.available) +
      sum(this.holds.map((h) => h.remaining)) -
      sum(this.debt) +
      this.site +
      this.dispute
    );
  }
}
