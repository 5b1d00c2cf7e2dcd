export type AccountKind =
  | 'mint'
  | 'customer'
  | 'hold'
  | 'site'
  | 'debt'
  | 'dispute'
  | 'escrow'
  | 'revenue'
  | 'slice'
  | 'held';

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

/**
 * Replica R's slice of customer C's balance: µT escrowed from customer:C that R alone places holds
 * from, decided in memory (slices.ts). Replica ids never contain ':' (SLICE_REPLICA_ID).
 */
export const sliceAccount = (replicaId: string, customerId: string): string =>
  `slice:${replicaId}:${customerId}`;
/**
 * What the holds replica R placed from its slice of customer C's balance still hold (migration 114):
 * one account for all of them, each hold's own remainder on its row (amount − posted − released).
 */
export const heldAccount = (replicaId: string, customerId: string): string =>
  `held:${replicaId}:${customerId}`;
/** What a replica id may be: it is part of its slice accounts' ids. */
export const SLICE_REPLICA_ID = /^[A-Za-z0-9._-]{1,64}$/;

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
    prefix === 'escrow' ||
    prefix === 'slice' ||
    prefix === 'held'
  )
    return prefix;
  throw new Error(`not a ledger account id: ${id}`);
}
