import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ReservationsApi } from '@edgefleet/client';
import {
  startInProcessCoordinator,
  type InProcessCoordinator,
} from '../support/in-process-coordinator.js';

const OPERATOR = 'rsv-sdk-operator-token-0123456789';
const VIEWER = 'rsv-sdk-viewer-token-0123456789';
const HOUR = 3_600_000;

type Coordinator = InProcessCoordinator;

/** The SDK's ReservationsApi against an in-process coordinator: book, list, get, cancel, refusals. */
describe('ReservationsApi (client SDK) against a real coordinator', () => {
  let c: Coordinator;
  let start = 0;
  const sdk = (token: string) => new ReservationsApi({ baseUrl: c.httpUrl, token });

  beforeAll(async () => {
    c = await startInProcessCoordinator('rsv-sdk', [
      { token: OPERATOR, role: 'operator' },
      { token: VIEWER, role: 'viewer' },
    ]);
    c.registry.upsertEnrolled({ siteId: 'sdk-site', region: 'sdk-region' }).slotsTotal = 3;
    await c.ledger.topUp('sdk-cust', 20_000_000, 'pay-sdk');
    start = Date.now() + 24 * HOUR;
  }, 60_000);
  afterAll(async () => c?.close());

  it('a customer key books for its own, lists, gets and cancels with the refund rule', async () => {
    const key = (await c.customerKeys.issue('sdk-cust', 'test')).token;
    const api = sdk(key);
    const r = await api.book({
      region: 'sdk-region',
      slots: 2,
      startMs: start,
      endMs: start + HOUR,
    });
    expect(r).toMatchObject({
      customerId: 'sdk-cust',
      siteIds: ['sdk-site'],
      slots: 2,
      price: 2_000_000,
      status: 'booked',
    });
    expect((await c.ledger.balance('sdk-cust')).available).toBe(18_000_000);
    expect((await api.list()).map((x) => x.id)).toEqual([r.id]);
    expect((await api.get(r.id)).startMs).toBe(start);
    const over = await api
      .book({ region: 'sdk-region', slots: 2, startMs: start, endMs: start + HOUR })
      .catch((e: unknown) => e);
    expect(over).toBeInstanceOf(ApiError);
    expect(over).toMatchObject({ code: 'RESERVATION_OVERBOOKED', status: 409 });

    const cancelled = await api.cancel(r.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: 1_900_000, fee: 100_000 });
    await expect(api.cancel(r.id)).rejects.toMatchObject({ code: 'RESERVATION_CLOSED' });
    expect(await api.list({ status: 'booked' })).toEqual([]);
  });

  it('a staff token names the customer; a viewer reads all but cannot book', async () => {
    const r = await sdk(OPERATOR).book({
      customerId: 'sdk-cust',
      siteIds: ['sdk-site'],
      slots: 1,
      startMs: start,
      endMs: start + 2 * HOUR,
      ref: 'order-1',
    });
    expect(r).toMatchObject({ customerId: 'sdk-cust', ref: 'order-1', price: 2_000_000 });
    const viewer = sdk(VIEWER);
    expect((await viewer.list({ status: 'booked', limit: 10 })).map((x) => x.id)).toEqual([r.id]);
    await expect(
      viewer.book({ customerId: 'sdk-cust', slots: 1, startMs: start, endMs: start + HOUR }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
