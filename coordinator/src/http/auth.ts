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

/**
 * Bearer-token auth: 401 without a known token, 403 when the role lacks the right.
 * `queryToken` also accepts `?access_token=` (for EventSource, which cannot send headers).
 */
export function requireRole(
  tokens: readonly TokenEntry[],
  need: Role,
  opts: { queryToken?: boolean } = {},
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const h = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    const presented = m?.[1] ?? (opts.queryToken ? c.req.query('access_token') : undefined);
    const entry = presented ? tokens.find((t) => same(t.token, presented)) : undefined;
    if (!entry)
      return c.json(
        httpError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer <token>)'),
        401,
      );
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
