export type AccountKind = 'mint' | 'customer' | 'hold' | 'site' | 'debt';

export const MINT = 'mint';
export const customerAccount = (customerId: string): string => `customer:${customerId}`;
export const holdAccount = (holdId: string): string => `hold:${holdId}`;
export const siteAccount = (siteId: string): string => `site:${siteId}`;
export const debtAccount = (customerId: string): string => `debt:${customerId}`;

export function accountKind(id: string): AccountKind {
  if (id === MINT) return 'mint';
  const prefix = id.slice(0, id.indexOf(':'));
  if (prefix === 'customer' || prefix === 'hold' || prefix === 'site' || prefix === 'debt') return prefix;
  throw new Error(`not a ledger account id: ${id}`);
}
