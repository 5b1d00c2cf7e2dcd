import { describe, expect, it } from 'vitest';
import { TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import { closeEscrow, escrowBalance, holdEscrow } from '../ledger/escrow.js';
import { LedgerInsufficientBalanceError, LedgerInvariantError } from '../ledger/errors.js';
import type { SqlLedger } from '../ledger/ledger.js';
import { T0, uid } from '../ledger/ledger.test-support.js';
import { ledgerPerSuite } from '../ledger/ledger-suite.test-support.js';
import { reservationStore, type Reservation } from './reservation-store.js';

function reservation(customerId: string, over: Partial<Reservation> = {}): Reservation {
  return {
    id: uid('res'),
    customerId,
    class: { region: 'eu-west', siteIds: [], acceleratorKinds: ['h100'], domesticOnly: false },
    siteIds: ['site-a', 'site-b'],
    siteSlots: { 'site-a': 4, 'site-b': 2 },
    slots: 3,
    startMs: T0 + 3_600_000,
    endMs: T0 + 7_200_000,
    price: 300,
    status: 'booked',
    refunded: 0,
    fee: 0,
    committed: 0,
    ref: null,
    createdAtMs: T0,
    closedAtMs: null,
    ...over,
  };
}

describe.each(TEST_BACKENDS)('reservation storage and escrow on %s', (kind) => {
  let t: TestDb;
  let ledger: SqlLedger;
  ledgerPerSuite(kind, (db, l) => {
    t = db;
    ledger = l;
  });

  async function book(r: Reservation): Promise<void> {
    await t.db.tx(async (q) => {
      await reservationStore.insert(q, r);
      await holdEscrow(q, {
        reservationId: r.id,
        customerId: r.customerId,
        amount: r.price,
        nowMs: T0,
      });
    });
  }

  it('books: the row round-trips and the price moves from the customer to escrow', async () => {
    const customer = uid('cust');
    await ledger.topUp(customer, 1000, uid('pay'));
    const r = reservation(customer);
    await book(r);
    expect(await reservationStore.get(t.db, r.id)).toEqual(r);
    expect((await ledger.balance(customer)).available).toBe(700);
    expect(await escrowBalance(t.db, r.id)).toBe(300);
    expect((await reservationStore.list(t.db, { customerId: customer })).map((x) => x.id)).toEqual([
      r.id,
    ]);
  });

  it('refuses a booking the balance cannot cover, and writes nothing', async () => {
    const customer = uid('cust');
    await ledger.topUp(customer, 100, uid('pay'));
    const r = reservation(customer);
    await expect(book(r)).rejects.toBeInstanceOf(LedgerInsufficientBalanceError);
    expect(await reservationStore.get(t.db, r.id)).toBeUndefined();
    expect((await ledger.balance(customer)).available).toBe(100);
  });

  it('cancel refunds to the customer and the fee to revenue; settle commits to revenue', async () => {
    const customer = uid('cust');
    await ledger.topUp(customer, 1000, uid('pay'));
    const a = reservation(customer);
    const b = reservation(customer, { startMs: T0 + 10_000_000, endMs: T0 + 20_000_000 });
    await book(a);
    await book(b);
    await t.db.tx(async (q) => {
      await closeEscrow(q, {
        reservationId: a.id,
        customerId: customer,
        refund: 285,
        fee: 15,
        commit: 0,
        nowMs: T0 + 1,
      });
      await reservationStore.close(q, a.id, {
        status: 'cancelled',
        refunded: 285,
        fee: 15,
        committed: 0,
        nowMs: T0 + 1,
      });
    });
    await t.db.tx(async (q) => {
      await closeEscrow(q, {
        reservationId: b.id,
        customerId: customer,
        refund: 0,
        fee: 0,
        commit: 300,
        nowMs: T0 + 20_000_000,
      });
      await reservationStore.close(q, b.id, {
        status: 'settled',
        refunded: 0,
        fee: 0,
        committed: 300,
        nowMs: T0 + 20_000_000,
      });
    });
    expect((await ledger.balance(customer)).available).toBe(1000 - 300 - 15);
    expect(await escrowBalance(t.db, a.id)).toBe(0);
    expect(await escrowBalance(t.db, b.id)).toBe(0);
    expect(await reservationStore.get(t.db, a.id)).toMatchObject({
      status: 'cancelled',
      refunded: 285,
      fee: 15,
      closedAtMs: T0 + 1,
    });
    expect((await reservationStore.due(t.db, T0 + 30_000_000, 10)).map((x) => x.id)).not.toContain(
      b.id,
    );
  });

  it('an escrow is closed whole or not at all', async () => {
    const customer = uid('cust');
    await ledger.topUp(customer, 1000, uid('pay'));
    const r = reservation(customer);
    await book(r);
    await expect(
      t.db.tx((q) =>
        closeEscrow(q, {
          reservationId: r.id,
          customerId: customer,
          refund: 100,
          fee: 0,
          commit: 0,
          nowMs: T0,
        }),
      ),
    ).rejects.toBeInstanceOf(LedgerInvariantError);
    expect(await escrowBalance(t.db, r.id)).toBe(300);
  });

  it('finds booked reservations by window overlap and those due for settlement', async () => {
    const customer = uid('cust');
    await ledger.topUp(customer, 10_000, uid('pay'));
    const base = T0 + 1_000_000_000;
    const early = reservation(customer, { startMs: base, endMs: base + 100 });
    const late = reservation(customer, { startMs: base + 100, endMs: base + 200 });
    await book(early);
    await book(late);
    const ids = async (s: number, e: number): Promise<string[]> =>
      (await reservationStore.bookedOverlapping(t.db, s, e)).map((x) => x.id);
    expect(await ids(base + 50, base + 60)).toEqual([early.id]);
    expect(await ids(base + 100, base + 150)).toEqual([late.id]);
    expect((await ids(base + 99, base + 101)).sort()).toEqual([early.id, late.id].sort());
    const due = (await reservationStore.due(t.db, base + 100, 100)).map((x) => x.id);
    expect(due).toContain(early.id);
    expect(due).not.toContain(late.id);
  });
});
