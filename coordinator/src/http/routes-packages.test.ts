import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../ledger/ledger.test-support.js';
import type { Role } from './auth.js';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;
type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };

describe('token package routes (real coordinator, PGlite ledger)', () => {
  let c: Coord;
  const call = async (method: string, path: string, role: Role | null, body?: unknown) => {
    const res = await c.call(method, path, {
      ...(role ? { role } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  const terms = (id: string) => ({
    id,
    name: '100 H100-hours',
    microTokens: 100_000_000,
    currency: 'EUR',
    priceMinor: 15_000,
    validDays: 90,
  });

  it('defines and lists packages (operator defines, viewer lists)', async () => {
    const id = uid('pkg');
    expect((await call('POST', '/api/v1/packages', 'viewer', terms(id))).status).toBe(403);
    const made = await call('POST', '/api/v1/packages', 'operator', terms(id));
    expect(made).toMatchObject({
      status: 201,
      body: { id, price: '150.00 EUR', validDays: 90, validMs: 90 * 86_400_000 },
    });
    expect((await call('POST', '/api/v1/packages', 'operator', terms(id))).status).toBe(200);
    const other = await call('POST', '/api/v1/packages', 'operator', {
      ...terms(id),
      priceMinor: 1,
    });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'DUPLICATE_REFERENCE' } } });
    const bad = await call('POST', '/api/v1/packages', 'operator', {
      ...terms(uid('pkg')),
      currency: 'XXX',
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    const list = await call('GET', '/api/v1/packages', 'viewer');
    expect(list.body.items?.map((p) => p['id'])).toContain(id);
    expect((await call('GET', '/api/v1/packages', null)).status).toBe(401);
  });

  it('buys a package once per purchaseId; the statement shows its money', async () => {
    const id = uid('pkg');
    await call('POST', '/api/v1/packages', 'operator', terms(id));
    const cust = uid('cust');
    const purchaseId = uid('buy');
    const path = `/api/v1/customers/${cust}/purchases`;
    expect((await call('POST', path, 'viewer', { packageId: id, purchaseId })).status).toBe(403);
    const bought = await call('POST', path, 'operator', { packageId: id, purchaseId });
    expect(bought).toMatchObject({
      status: 201,
      body: { purchaseId, customerId: cust, microTokens: 100_000_000, price: '150.00 EUR' },
    });
    const retry = await call('POST', path, 'operator', { packageId: id, purchaseId });
    expect(retry).toEqual({ status: 200, body: bought.body });
    const balance = await call('GET', `/api/v1/customers/${cust}/balance`, 'viewer');
    expect(balance.body).toMatchObject({ available: 100_000_000 });
    const elsewhere = await call('POST', `/api/v1/customers/${uid('cust')}/purchases`, 'operator', {
      packageId: id,
      purchaseId,
    });
    expect(elsewhere).toMatchObject({
      status: 409,
      body: { error: { code: 'DUPLICATE_REFERENCE' } },
    });
    const missing = await call('POST', path, 'operator', { packageId: 'no-such-package' });
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });

    const list = await call('GET', path, 'viewer');
    expect(list.body.items).toEqual([bought.body]);
    // Every customer's purchases, newest first: this one is the newest.
    const recent = await call('GET', '/api/v1/purchases?limit=1', 'viewer');
    expect(recent).toEqual({ status: 200, body: { items: [bought.body] } });
    expect((await call('GET', '/api/v1/purchases', null)).status).toBe(401);
    expect((await call('GET', '/api/v1/purchases?limit=0', 'viewer')).status).toBe(400);
    const statement = await call('GET', `/api/v1/customers/${cust}/statement`, 'viewer');
    expect(statement.body.items).toEqual([
      expect.objectContaining({
        kind: 'package_purchase',
        amount: 100_000_000,
        purchase: expect.objectContaining({ purchaseId, price: '150.00 EUR', currency: 'EUR' }),
      }),
    ]);
  });

  it('a reconcile run expires a package whose validity ended, removing its unspent µT', async () => {
    const id = uid('pkg');
    await call('POST', '/api/v1/packages', 'operator', terms(id));
    const cust = uid('cust');
    const path = `/api/v1/customers/${cust}/purchases`;
    const bought = await call('POST', path, 'operator', { packageId: id });
    expect(bought.status).toBe(201);
    // Its validity ends now (the clock cannot be moved 90 days in a live coordinator).
    await c.db.query('UPDATE package_purchases SET expires_at_ms = $2 WHERE purchase_id = $1', [
      bought.body['purchaseId'],
      Date.now() - 1,
    ]);
    expect((await call('POST', '/api/v1/reconcile', 'operator')).status).toBe(200);
    const list = await call('GET', path, 'viewer');
    expect(list.body.items?.[0]).toMatchObject({ expiredMicroTokens: 100_000_000 });
    const balance = await call('GET', `/api/v1/customers/${cust}/balance`, 'viewer');
    expect(balance.body).toMatchObject({ available: 0 });
    const statement = await call('GET', `/api/v1/customers/${cust}/statement`, 'viewer');
    expect(statement.body.items?.map((e) => [e['kind'], e['delta']])).toEqual([
      ['package_expired', -100_000_000],
      ['package_purchase', 100_000_000],
    ]);
  });
});
