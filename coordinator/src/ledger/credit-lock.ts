import type { Queryable } from '../db/index.js';
import { customerAccount, debtAccount, MINT } from './accounts.js';

/** A customer's accounts, locked for a credit from the mint (a top-up, a package bought). */
export interface CreditLock {
  account: string;
  debt: string;
  /** The customer's balance before the credit. */
  balance: number;
  /** The mint's balance (negative: every µT ever issued). */
  mintBalance: number;
  /** What the customer owes (≥ 0): a credit settles it first. */
  owed: number;
}

/**
 * Creates the customer's account if it is new and locks it, its debt account and the mint in id
 * order (customer: < debt: < mint), as postTransfers locks them, inside the caller's transaction.
 */
export async function lockForCredit(q: Queryable, customerId: string): Promise<CreditLock> {
  const account = customerAccount(customerId);
  const debt = debtAccount(customerId);
  await q.query(
    "INSERT INTO accounts (id, kind) VALUES ($1, 'customer') ON CONFLICT (id) DO NOTHING",
    [account],
  );
  const rows = await q.query<{ id: string; balance: number }>(
    'SELECT id, balance FROM accounts WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE',
    [[account, debt, MINT]],
  );
  const of = (id: string) => rows.find((r) => r.id === id)?.balance ?? 0;
  return {
    account,
    debt,
    balance: of(account),
    mintBalance: of(MINT),
    owed: Math.max(0, -of(debt)),
  };
}
