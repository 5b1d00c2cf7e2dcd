import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, PackagesApi } from '@edgefleet/client';
import {
  startInProcessCoordinator,
  type InProcessCoordinator,
} from '../support/in-process-coordinator.js';

const OPERATOR = 'pkg-sdk-operator-token-0123456789';
const VIEWER = 'pkg-sdk-viewer-token-0123456789';
const DAY = 86_400_000;

type Coordinator = InProcessCoordinator;

/** The SDK's PackagesApi against an in-process coordinator: list, buy (idempotent), purchases. */
describe('PackagesApi (client SDK) against a real coordinator', () => {
  let c: Coordinator;
  const sdk = (token: string) => new PackagesApi({ baseUrl: c.httpUrl, token });

  beforeAll(async () => {
    c = await startInProcessCoordinator('pkg-sdk', [
      { token: OPERATOR, role: 'operator' },
      { token: VIEWER, role: 'viewer' },
    ]);
    const define = async (body: Record<string, unknown>) => {
      const res = await fetch(`${c.httpUrl}/api/v1/packages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    };
    await define({
      id: 'h100-100',
      name: '100 H100-hours',
      microTokens: 100_000_000,
      currency: 'EUR',
      priceMinor: 15_000,
      validDays: 90,
    });
    await define({
      id: 'h100-10',
      name: '10 H100-hours',
      microTokens: 10_000_000,
      currency: 'EUR',
      priceMinor: 1_650,
      validDays: 30,
    });
  }, 60_000);
  afterAll(async () => c?.close());

  it('lists the packages on offer with their money', async () => {
    const items = await sdk(VIEWER).list();
    expect(items.map((p) => [p.id, p.price, p.microTokens, p.validDays])).toEqual([
      ['h100-10', '16.50 EUR', 10_000_000, 30],
      ['h100-100', '150.00 EUR', 100_000_000, 90],
    ]);
  });

  it('buys once per purchase id: a retry answers the first purchase and credits nothing more', async () => {
    const api = sdk(OPERATOR);
    const first = await api.buy({
      customerId: 'pkg-cust',
      packageId: 'h100-100',
      purchaseId: 'order-7',
    });
    expect(first.created).toBe(true);
    expect(first.purchase).toMatchObject({
      purchaseId: 'order-7',
      customerId: 'pkg-cust',
      packageId: 'h100-100',
      microTokens: 100_000_000,
      priceMinor: 15_000,
      currency: 'EUR',
      price: '150.00 EUR',
      expiredAtMs: null,
    });
    expect(first.purchase.expiresAtMs - first.purchase.purchasedAtMs).toBe(90 * DAY);
    // Two retries at once after a lost answer: both answer the first purchase.
    const retries = await Promise.all([
      api.buy({ customerId: 'pkg-cust', packageId: 'h100-100', purchaseId: 'order-7' }),
      api.buy({ customerId: 'pkg-cust', packageId: 'h100-100', purchaseId: 'order-7' }),
    ]);
    for (const r of retries) expect(r).toEqual({ purchase: first.purchase, created: false });
    expect((await c.ledger.balance('pkg-cust')).available).toBe(100_000_000);

    // Without an id the SDK makes one: a new purchase each call.
    const second = await api.buy({ customerId: 'pkg-cust', packageId: 'h100-10' });
    expect(second.created).toBe(true);
    expect(second.purchase.purchaseId).not.toBe('order-7');
    expect((await c.ledger.balance('pkg-cust')).available).toBe(110_000_000);

    const list = await sdk(VIEWER).purchases('pkg-cust');
    expect(list.map((p) => [p.purchaseId, p.price])).toEqual([
      [second.purchase.purchaseId, '16.50 EUR'],
      ['order-7', '150.00 EUR'],
    ]);
    expect(await sdk(VIEWER).purchases('pkg-nobody')).toEqual([]);
  });

  it('refuses an unknown package, a purchase id reused for other terms, and a viewer buying', async () => {
    const api = sdk(OPERATOR);
    const unknown = await api
      .buy({ customerId: 'pkg-cust', packageId: 'no-such', purchaseId: 'order-8' })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ApiError);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(
      api.buy({ customerId: 'pkg-other', packageId: 'h100-100', purchaseId: 'order-7' }),
    ).rejects.toMatchObject({ code: 'DUPLICATE_REFERENCE', status: 409 });
    await expect(
      sdk(VIEWER).buy({ customerId: 'pkg-cust', packageId: 'h100-10', purchaseId: 'order-9' }),
    ).rejects.toMatchObject({ status: 403 });
    expect((await c.ledger.balance('pkg-other')).available).toBe(0);
    expect((await sdk(VIEWER).purchases('pkg-cust')).map((p) => p.purchaseId)).not.toContain(
      'order-9',
    );
  });
});
