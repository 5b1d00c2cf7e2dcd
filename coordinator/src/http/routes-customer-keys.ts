import type { Hono } from 'hono';
import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '@edgefleet/proto';
import type { CustomerKeyStore } from '../fleet/customer-keys.js';
import { httpError, requireRole, type AuthEnv, type TokenEntry } from './auth.js';

export interface CustomerKeyRouteDeps {
  customerKeys: CustomerKeyStore;
  tokens: readonly TokenEntry[];
}

const id = z.string().regex(ENTITY_ID_PATTERN);

/**
 * Customer API keys for the LeaseBroker (operator role): issue (the token is shown once),
 * list, revoke.
 */
export function registerCustomerKeyRoutes(app: Hono<AuthEnv>, d: CustomerKeyRouteDeps): void {
  app.post('/api/v1/customers/:id/api-keys', requireRole(d.tokens, 'operator'), async (c) => {
    const customerId = id.safeParse(c.req.param('id'));
    if (!customerId.success) return c.json(httpError('INVALID_ARGUMENT', 'id: must be 1–128 of A–Z a–z 0–9 . _ -'), 400);
    let note = '';
    const text = await c.req.text();
    if (text.trim()) {
      let raw: unknown;
      try {
        raw = JSON.parse(text) as unknown;
      } catch {
        return c.json(httpError('INVALID_ARGUMENT', 'request body must be JSON'), 400);
      }
      const b = z.object({ note: z.string().max(200).default('') }).safeParse(raw);
      if (!b.success) return c.json(httpError('INVALID_ARGUMENT', b.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')), 400);
      note = b.data.note;
    }
    return c.json(await d.customerKeys.issue(customerId.data, c.get('principal'), note), 201);
  });

  app.get('/api/v1/customers/:id/api-keys', requireRole(d.tokens, 'operator'), async (c) => {
    const customerId = id.safeParse(c.req.param('id'));
    if (!customerId.success) return c.json(httpError('INVALID_ARGUMENT', 'id: must be 1–128 of A–Z a–z 0–9 . _ -'), 400);
    return c.json({ items: await d.customerKeys.list(customerId.data), nextCursor: null });
  });

  app.delete('/api/v1/customers/:id/api-keys/:keyId', requireRole(d.tokens, 'operator'), async (c) => {
    const customerId = id.safeParse(c.req.param('id'));
    const keyId = id.safeParse(c.req.param('keyId'));
    if (!customerId.success || !keyId.success) return c.json(httpError('INVALID_ARGUMENT', 'id and keyId must be 1–128 of A–Z a–z 0–9 . _ -'), 400);
    await d.customerKeys.revoke(customerId.data, keyId.data);
    return c.body(null, 204);
  });
}
