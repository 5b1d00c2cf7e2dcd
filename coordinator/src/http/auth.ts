import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { httpError } from './errors.js';

export type Role = 'viewer' | 'installer' | 'operator' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'installer', 'operator', 'admin'];

const RANK: Record<Role, number> = { viewer: 0, installer: 1, operator: 2, admin: 3 };

/** What each role may do: viewer reads; installer also issues enrollment codes; operator also moves money and runs reconciliation; admin everything. */
export function roleAllows(have: Role, need: Role): boolean {
  if (need === 'installer') return have === 'installer' || have === 'admin';
  if (have === 'installer') return need === 'viewer';
  return RANK[have] >= RANK[need];
}

export interface TokenEntry {
  token: string;
  role: Role;
  name: string;
}

export type AuthEnv = { Variables: { role: Role; principal: string } };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Why a request was not authenticated; sent as `details.reason` of the 401. */
export type AuthFailure = 'missing' | 'malformed' | 'rejected' | 'customer-key';

/** Customer API keys (fleet/customer-keys.ts) start so: they open the LeaseBroker, not REST. */
const CUSTOMER_KEY_PREFIX = 'efk_';

const AUTH_MESSAGES: Record<AuthFailure, string> = {
  missing: 'a bearer token is required (Authorization: Bearer <token>)',
  malformed: 'the Authorization header is not "Bearer <token>"',
  rejected:
    "the bearer token was rejected: it is none of the tokens this coordinator accepts (mistyped, removed from auth.tokens, or another deployment's)",
  'customer-key':
    'the bearer token is a customer API key (efk_…): it opens the LeaseBroker (gRPC), GET /api/v1/whoami and /api/v1/reservations, not this route; use a token from auth.tokens',
};

/** The 401 body for a failure: missing and rejected tokens are told apart, in words and in details.reason. */
export function unauthenticated(reason: AuthFailure) {
  return httpError('UNAUTHENTICATED', AUTH_MESSAGES[reason], { reason });
}

/** The bearer token a request presents, or why there is none. */
export function presentedToken(
  header: string | undefined,
  queryToken: string | undefined,
): { token: string } | { failure: 'missing' | 'malformed' } {
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m?.[1] ? { token: m[1] } : { failure: 'malformed' };
  }
  return queryToken ? { token: queryToken } : { failure: 'missing' };
}

/** The staff token entry for a presented token, or why it is refused. */
export function staffEntry(
  tokens: readonly TokenEntry[],
  presented: string,
): TokenEntry | 'rejected' | 'customer-key' {
  const entry = tokens.find((t) => same(t.token, presented));
  if (entry) return entry;
  return presented.startsWith(CUSTOMER_KEY_PREFIX) ? 'customer-key' : 'rejected';
}

/**
 * Bearer-token auth: 401 without a token or with one it does not know (told apart: `details.reason`
 * missing | malformed | rejected | customer-key), 403 when the role lacks the right.
 * `queryToken` also accepts `?access_token=` (for EventSource, which cannot send headers).
 */
export function requireRole(
  tokens: readonly TokenEntry[],
  need: Role,
  opts: { queryToken?: boolean } = {},
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const p = presentedToken(
      c.req.header('authorization'),
      opts.queryToken ? c.req.query('access_token') : undefined,
    );
    if ('failure' in p) return c.json(unauthenticated(p.failure), 401);
    const entry = staffEntry(tokens, p.token);
    if (typeof entry === 'string') return c.json(unauthenticated(entry), 401);
    if (!roleAllows(entry.role, need))
      return c.json(
        httpError('FORBIDDEN', `role ${entry.role} may not do this (needs ${need})`),
        403,
      );
    c.set('role', entry.role);
    c.set('principal', entry.name || entry.role);
    await next();
    return undefined;
  };
}

/** Who a customer-facing route acts for: a customer API key's own customer, or a staff token. */
export type Actor =
  { kind: 'customer'; customerId: string } | { kind: 'staff'; principal: string; role: Role };

export type ActorEnv = { Variables: { actor: Actor } };

/**
 * Auth of a route a customer calls itself (reservations): a customer API key acts for its own
 * customer and nobody else's; a staff token as requireRole (401 / 403 alike), for any customer.
 */
export function requireCustomerOrRole(
  tokens: readonly TokenEntry[],
  customerOf: (token: string) => string | undefined,
  need: Role,
): MiddlewareHandler<ActorEnv> {
  return async (c, next) => {
    const p = presentedToken(c.req.header('authorization'), undefined);
    if ('failure' in p) return c.json(unauthenticated(p.failure), 401);
    const entry = staffEntry(tokens, p.token);
    if (typeof entry === 'string') {
      const customerId = entry === 'customer-key' ? customerOf(p.token) : undefined;
      if (!customerId) return c.json(unauthenticated('rejected'), 401);
      c.set('actor', { kind: 'customer', customerId });
    } else {
      if (!roleAllows(entry.role, need))
        return c.json(
          httpError('FORBIDDEN', `role ${entry.role} may not do this (needs ${need})`),
          403,
        );
      c.set('actor', { kind: 'staff', principal: entry.name || entry.role, role: entry.role });
    }
    await next();
    return undefined;
  };
}
