import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export type Role = 'viewer' | 'installer' | 'operator' | 'admin';

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

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function httpError(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Bearer-token auth: 401 without a known token, 403 when the role lacks the right. */
export function requireRole(tokens: readonly TokenEntry[], need: Role): MiddlewareHandler<{ Variables: { role: Role; principal: string } }> {
  return async (c, next) => {
    const h = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    const entry = m ? tokens.find((t) => same(t.token, m[1] as string)) : undefined;
    if (!entry) return c.json(httpError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer <token>)'), 401);
    if (!roleAllows(entry.role, need)) return c.json(httpError('FORBIDDEN', `role ${entry.role} may not do this (needs ${need})`), 403);
    c.set('role', entry.role);
    c.set('principal', entry.name || entry.role);
    await next();
    return undefined;
  };
}
