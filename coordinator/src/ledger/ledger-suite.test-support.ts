import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { openTestDb, type TestBackend, type TestDb } from '../db/db.test-support.js';
import { createLedger, type SqlLedger } from './ledger.js';

/**
 * One ledger per suite on a test backend, checked after every test: the balances still sum to
 * zero and every invariant holds (conservation and every derived figure). `opened` receives the
 * database and the ledger once they exist.
 */
export function ledgerPerSuite(
  kind: TestBackend,
  opened: (t: TestDb, ledger: SqlLedger) => void,
): void {
  let t: TestDb | undefined;
  let ledger: SqlLedger | undefined;
  beforeAll(async () => {
    t = await openTestDb(kind);
    ledger = await createLedger(t.db, { closeDb: false });
    opened(t, ledger);
  });
  afterEach(async () => {
    if (!ledger) return;
    expect(await ledger.totalOfAllBalances()).toBe(0);
    await ledger.checkInvariants();
  });
  afterAll(async () => {
    await t?.dispose();
  });
}
