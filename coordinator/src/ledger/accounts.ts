export type AccountKind =
  'mint' | 'customer' | 'hold' | 'site' | 'debt' | 'dispute' | 'escrow' | 'revenue';

export const MINT = 'mint';
/** The coordinator's own earnings: reservation prices at their window's end and cancellation fees. */
export const REVENUE = 'revenue';
export const customerAccount = (customerId: string): string => `customer:${customerId}`;
export const holdAccount = (holdId: string): string => `hold:${holdId}`;
export const siteAccount = (siteId: string): string => `site:${siteId}`;
export const debtAccount = (customerId: string): string => `debt:${customerId}`;
/** What a site claimed beyond its lease's bounds, held until an operator decides (never the customer's). */
export const disputeAccount = (siteId: string): string => `dispute:${siteId}`;
/** The price of reservation R, held from booking until it is cancelled or its window ends. */
export const escrowAccount = (reservationId: string): string => `escrow:${reservationId}`;

export function accountKind(id: string): AccountKind {
  if (id === MINT) return 'mint';
  if (id === REVENUE) return 'revenue';
  const prefix = id.slice(0, id.indexOf(':'));
  if (
    prefix === 'customer' ||
    prefix === 'hold' ||
    prefix === 'site' ||
    prefix === 'debt' ||
    prefix === 'dispute' ||
    prefix === 'escrow'
  )
    return prefix;
  throw new Error(`not a ledger account id: ${id}`);
}
