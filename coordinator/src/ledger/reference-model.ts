/**
 * A small pure model of the ledger's money rules, for property tests: customers' available
 * balances, holds, debts and one site's earnings. Burns are posted in chain order: from the hold
 * while it is open and has something left, the rest (or all of it, once the hold closed) as debt.
 */
export class ReferenceLedger {
  readonly available: number[];
  readonly debt: number[];
  readonly holds: { customer: number; remaining: number; open: boolean }[] = [];
  site = 0;
  minted = 0;

  constructor(customers: number) {
    this.available = Array.from({ length: customers }, () => 0);
    this.debt = Array.from({ length: customers }, () => 0);
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
    this.holds.push({ customer, remaining: amount, open: true });
    return true;
  }

  burn(hold: number, amount: number): void {
    const h = this.holds[hold];
    if (!h) throw new Error(`no hold ${hold}`);
    const fromHold = h.open ? Math.min(amount, h.remaining) : 0;
    h.remaining -= fromHold;
    this.debt[h.customer] = (this.debt[h.customer] ?? 0) + amount - fromHold;
    this.site += amount;
  }

  release(hold: number): void {
    const h = this.holds[hold];
    if (!h || !h.open) return;
    this.available[h.customer] = (this.available[h.customer] ?? 0) + h.remaining;
    h.remaining = 0;
    h.open = false;
  }

  held(customer: number): number {
    return this.holds.filter((h) => h.open && h.customer === customer).reduce((s, h) => s + h.remaining, 0);
  }

  /** mint + customers + holds + debts + site: always 0. */
  total(): number {
    const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
    return -this.minted + sum(this.available) + sum(this.holds.map((h) => h.remaining)) - sum(this.debt) + this.site;
  }
}
