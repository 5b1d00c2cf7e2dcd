export type AccountKind = 'mint' | 'customer' | 'hold' | 'site' | 'debt' | 'dispute';

export const MINT = 'mint';
export const customerAccount = (customerId: string): string => `customer:${customerId}`;
export const holdAccount = (holdId: string): string => `hold:${holdId}`;
export const siteAccount = (siteId: string): string => `site:${siteId}`;
export const debtAccount = (customerId: string): string => `debt:${customerId}`;
/** What a site claimed beyond its lease's bounds, held until an operator decides (never the customer's). */
export const disputeAccount = (siteId: string): string => `dispute:${siteId}`;

export function accountKind(id: string): AccountKind {
  if (id === MINT) return 'mint';
  const prefix = id.slice(0, id.indexOf(':'));
  if (
    prefix === 'customer' ||
    prefix === 'hold' ||
    prefix === 'site' ||
    prefix === 'debt' ||
    prefix === 'dispute'
  )
    return prefix;
  throw new Error(`not a ledger account id: ${id}`);
}
