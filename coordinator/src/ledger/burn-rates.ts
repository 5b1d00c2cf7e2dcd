import type { Queryable } from '../db/index.js';

/** µT posted for burns decided since a time: what customers paid and sites earned in a window. */
export interface BurnTotals {
  sinceMs: number;
  /** Posted from holds and as debt, per customer (largest first). */
  customers: { customerId: string; microTokens: number; burns: number }[];
  /** Earned, per site (largest first). */
  sites: { siteId: string; microTokens: number; burns: number }[];
}

interface Row {
  customer_id: string;
  site_id: string;
  micro_tokens: string | number;
  burns: string | number;
}

/**
 * Sums what reconciliation posted (from the hold and as debt) for the burns it decided since
 * `sinceMs`, per customer and per site. A disputed part is not in it: no customer paid it.
 */
export async function burnTotals(db: Queryable, sinceMs: number): Promise<BurnTotals> {
  const rows = await db.query<Row>(
    `SELECT l.customer_id, b.site_id,
            sum(b.posted_from_hold + b.posted_as_debt) AS micro_tokens, count(*) AS burns
       FROM burns b JOIN leases l ON l.id = b.lease_id
      WHERE b.decided_at_ms >= $1 AND b.posted_from_hold + b.posted_as_debt > 0
      GROUP BY l.customer_id, b.site_id`,
    [sinceMs],
  );
  const customers = new Map<string, { microTokens: number; burns: number }>();
  const sites = new Map<string, { microTokens: number; burns: number }>();
  for (const r of rows) {
    const amount = Number(r.micro_tokens);
    const n = Number(r.burns);
    for (const [map, key] of [
      [customers, r.customer_id],
      [sites, r.site_id],
    ] as const) {
      const t = map.get(key) ?? { microTokens: 0, burns: 0 };
      t.microTokens += amount;
      t.burns += n;
      map.set(key, t);
    }
  }
  const byAmount = (a: { microTokens: number }, b: { microTokens: number }) =>
    b.microTokens - a.microTokens;
  return {
    sinceMs,
    customers: [...customers].map(([customerId, t]) => ({ customerId, ...t })).sort(byAmount),
    sites: [...sites].map(([siteId, t]) => ({ siteId, ...t })).sort(byAmount),
  };
}
