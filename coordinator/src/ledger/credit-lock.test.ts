import { describe, expect, it } from 'vitest';
import type { TestDb } from '../db/db.test-support.js';
import { lockForCredit } from './credit-lock.js';
import type { SqlLedger } from './ledger.js';
import { uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe('lockForCredit', () => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite('pglite', (db, l) => {
    t = db;
    ledger = l;
  });

  it("creates a new customer's account and reads the balances a credit needs", async () => {
    const fresh = uid('cust');
    const known = uid('cust');
    await ledger.topUp(known, 700, uid('pay'));
    const [a, b] = await t.db.tx(async (q) => [
      await lockForCredit(q, fresh),
      await lockForCredit(q, known),
    ]);
    expect(a).toMatchObject({ account: `customer:${fresh}`, debt: `debt:${fresh}`, balance: 0 });
    expect(b).toMatchObject({ account: `customer:${known}`, balance: 700, owed: 0 });
    expect(b.mintBalance).toBeLessThanOrEqual(-700);
    const [row] = await t.db.query<{ kind: string }>('SELECT kind FROM accounts WHERE id = $1', [
      `customer:${fresh}`,
    ]);
    expect(row?.kind).toBe('customer');
  });
});
