import { describe, expect, it } from 'vitest';
import { httpStatusOf, isWireErrorCode } from '@edgefleet/proto';
import { wireCode } from '../wire-code.js';
import { TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { customerAccount, MINT } from './accounts.js';
import { MAX_BALANCE_MICRO_TOKENS } from './balance-limit.js';
import { LedgerBalanceLimitError } from './errors.js';
import type { SqlLedger } from './ledger.js';
import { uid } from './ledger.test-support.js';
import { ledgerPerSuite } from './ledger-suite.test-support.js';

describe('BALANCE_LIMIT on the wire', () => {
  it('goes out as BALANCE_LIMIT, HTTP 422, from the one catalogue', () => {
    const err = new LedgerBalanceLimitError('c', customerAccount('c'), 1, 2, 3);
    expect(wireCode(err)).toBe('BALANCE_LIMIT');
    expect(isWireErrorCode(wireCode(err))).toBe(true);
    expect(httpStatusOf(wireCode(err))).toBe(422);
  });
});

// Its own database per backend: these tests use up the mint's whole range.
describe.each(TEST_BACKENDS)('top-up balance limit on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  const refusal = (customerId: string, microTokens: number) =>
    ledger.topUp(customerId, microTokens, uid('pay')).then(
      () => 'credited',
      (e: unknown) => e,
    );

  it("refuses a top-up past the customer's safe range, then past the fleet's total issuance, writing nothing", async () => {
    const a = uid('cust');
    const b = uid('cust');
    const room = 10;
    expect(await ledger.topUp(a, MAX_BALANCE_MICRO_TOKENS - room, uid('pay'))).toBe(
      MAX_BALANCE_MICRO_TOKENS - room,
    );

    const overA = await refusal(a, room + 1);
    expect(overA).toBeInstanceOf(LedgerBalanceLimitError);
    expect(overA).toMatchObject({
      code: 'LEDGER_BALANCE_LIMIT',
      data: {
        customerId: a,
        account: customerAccount(a),
        balance: MAX_BALANCE_MICRO_TOKENS - room,
        requested: room + 1,
        limit: MAX_BALANCE_MICRO_TOKENS,
      },
    });
    // b's own balance is far from the limit; the mint (all issuance) is not
    const overMint = await refusal(b, room + 1);
    expect(overMint).toBeInstanceOf(LedgerBalanceLimitError);
    expect(overMint).toMatchObject({
      data: { customerId: b, account: MINT, balance: -(MAX_BALANCE_MICRO_TOKENS - room) },
    });
    expect((await ledger.balance(a)).available).toBe(MAX_BALANCE_MICRO_TOKENS - room);
    expect((await ledger.balance(b)).available).toBe(0);

    // exactly up to the limit is fine, and every balance still reads back exactly
    expect(await ledger.topUp(b, room, uid('pay'))).toBe(room);
    expect((await ledger.balance(a)).available).toBe(MAX_BALANCE_MICRO_TOKENS - room);
    expect(await refusal(a, 1)).toBeInstanceOf(LedgerBalanceLimitError);
  });

  it('answers an idempotent replay of a credited ref with the balance, not the limit', async () => {
    // the mint is full from the test before: a replay writes nothing, so it is not refused
    const [row] = await t.db.query<{ ref: string; credit_account: string; amount: number }>(
      "SELECT ref, credit_account, amount FROM transfers WHERE kind = 'top_up' AND ref IS NOT NULL ORDER BY id LIMIT 1",
    );
    if (!row) throw new Error('no credited top-up ref to replay');
    const customerId = row.credit_account.slice('customer:'.length);
    expect(await ledger.topUp(customerId, row.amount, row.ref)).toBe(
      (await ledger.balance(customerId)).available,
    );
  });
});
