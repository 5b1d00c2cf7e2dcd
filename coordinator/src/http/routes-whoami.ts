import { createRoute, z } from '@hono/zod-openapi';
import type { CustomerKeyStore } from '../fleet/customer-keys.js';
import {
  presentedToken,
  ROLES,
  staffEntry,
  unauthenticated,
  type AuthEnv,
  type TokenEntry,
} from './auth.js';
import { ERRORS, json, type ApiApp } from './openapi-app.js';
import { ErrorSchema } from './schemas.js';
import type { MiddlewareHandler } from 'hono';

export interface WhoamiRouteDeps {
  tokens: readonly TokenEntry[];
  customerKeys: Pick<CustomerKeyStore, 'customerOf'>;
}

const WhoamiSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('staff'),
      principal: z.string(),
      role: z.enum(ROLES as [string, ...string[]]),
    }),
    z.object({ kind: z.literal('customer'), customerId: z.string() }),
  ])
  .openapi('Whoami');

type Whoami = z.infer<typeof WhoamiSchema>;

/**
 * Any credential this coordinator accepts, staff token or customer API key (a customer key opens
 * no other REST route). Sets `whoami` for the handler.
 */
function anyCredential(
  d: WhoamiRouteDeps,
): MiddlewareHandler<AuthEnv & { Variables: { whoami: Whoami } }> {
  return async (c, next) => {
    const p = presentedToken(c.req.header('authorization'), undefined);
    if ('failure' in p) return c.json(unauthenticated(p.failure), 401);
    const staff = staffEntry(d.tokens, p.token);
    if (typeof staff !== 'string') {
      c.set('whoami', { kind: 'staff', principal: staff.name || staff.role, role: staff.role });
    } else {
      const customerId = d.customerKeys.customerOf(p.token);
      if (!customerId) return c.json(unauthenticated('rejected'), 401);
      c.set('whoami', { kind: 'customer', customerId });
    }
    await next();
    return undefined;
  };
}

/**
 * GET /api/v1/whoami: who the presented bearer token is. The CLI asks it for the customer a
 * customer API key belongs to, so `--customer` is needed only with a staff token.
 */
export function registerWhoamiRoutes(app: ApiApp, d: WhoamiRouteDeps): void {
  const route = createRoute({
    method: 'get',
    path: '/api/v1/whoami',
    operationId: 'whoami',
    tags: ['auth'],
    summary:
      'Who the bearer token is: a staff token (its role) or a customer API key (its customer)',
    security: [{ bearer: [] }],
    middleware: [anyCredential(d)] as const,
    responses: {
      200: json(WhoamiSchema, 'the caller'),
      401: json(ErrorSchema, 'no token, or one this coordinator does not accept'),
      ...ERRORS,
    },
  });
  // Every staff role may ask (viewer is the least of them), and customer keys too.
  app.openapi({ ...route, 'x-edgefleet-role': 'viewer' } as typeof route, (c) =>
    c.json(c.get('whoami'), 200),
  );
}
