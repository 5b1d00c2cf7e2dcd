import type { Queryable } from '../db/index.js';

/** Every site's reconciled chain head (the seq a resend request starts after). */
export async function chainHeads(db: Queryable): Promise<{ siteId: string; headSeq: number }[]> {
  const rows = await db.query<{ site_id: string; head_seq: number }>(
    'SELECT site_id, head_seq FROM site_chains',
  );
  return rows.map((r) => ({ siteId: r.site_id, headSeq: Number(r.head_seq) }));
}

/**
 * Seconds since the oldest burn still waiting in staging was staged (the reconciliation lag gauge);
 * 0 when nothing waits. Only the rows between a site's head and its staged_up_to mark are read.
 */
export async function reconLagSeconds(db: Queryable, nowMs: number): Promise<number> {
  const [r] = await db.query<{ m: number | null }>(
    "SELECT min(b.staged_at_ms) AS m FROM site_chains c JOIN burns b ON b.site_id = c.site_id AND b.seq > c.head_seq AND b.seq <= c.staged_up_to WHERE c.staged_up_to > c.head_seq AND b.status = 'staged'",
  );
  return r?.m ? Math.max(0, (nowMs - Number(r.m)) / 1000) : 0;
}
