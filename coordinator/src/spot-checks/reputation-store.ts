import type { Db } from '../db/index.js';
import { drains, nextReputation, type CanaryVerdict, type ReputationRules } from './reputation.js';

/** One site's spot-check record (site_reputation, fleet migration 109). */
export interface SiteReputation {
  siteId: string;
  reputation: number;
  quarantined: boolean;
  passes: number;
  wrong: number;
  slow: number;
  errors: number;
  lastVerdict: CanaryVerdict | null;
  lastDetail: string | null;
  lastCheckMs: number;
  quarantinedAtMs: number | null;
  reinstatedAtMs: number | null;
  reinstatedBy: string | null;
}

/** A reputation changed (through any replica), as a replica applies it to its registry. */
export interface ReputationChange {
  seq: number;
  siteId: string;
  reputation: number;
  quarantined: boolean;
}

interface Row {
  site_id: string;
  reputation: number;
  quarantined: boolean;
  passes: string | number;
  wrong: string | number;
  slow: string | number;
  errors: string | number;
  last_verdict: string | null;
  last_detail: string | null;
  last_check_ms: string | number;
  quarantined_at_ms: string | number | null;
  reinstated_at_ms: string | number | null;
  reinstated_by: string | null;
  change_seq: string | number;
}

const COLUMNS =
  'site_id, reputation, quarantined, passes, wrong, slow, errors, last_verdict, last_detail, last_check_ms, quarantined_at_ms, reinstated_at_ms, reinstated_by, change_seq';
const nullable = (v: string | number | null): number | null => (v === null ? null : Number(v));

function fromRow(r: Row): SiteReputation {
  return {
    siteId: r.site_id,
    reputation: Number(r.reputation),
    quarantined: r.quarantined,
    passes: Number(r.passes),
    wrong: Number(r.wrong),
    slow: Number(r.slow),
    errors: Number(r.errors),
    lastVerdict: (r.last_verdict as CanaryVerdict | null) ?? null,
    lastDetail: r.last_detail,
    lastCheckMs: Number(r.last_check_ms),
    quarantinedAtMs: nullable(r.quarantined_at_ms),
    reinstatedAtMs: nullable(r.reinstated_at_ms),
    reinstatedBy: r.reinstated_by,
  };
}

/** A site with no row yet: never checked, full reputation. */
export const freshReputation = (siteId: string): SiteReputation => ({
  siteId,
  reputation: 1,
  quarantined: false,
  passes: 0,
  wrong: 0,
  slow: 0,
  errors: 0,
  lastVerdict: null,
  lastDetail: null,
  lastCheckMs: 0,
  quarantinedAtMs: null,
  reinstatedAtMs: null,
  reinstatedBy: null,
});

/**
 * Reputation in the shared database. Each canary's verdict is applied under the row's lock, so two
 * replicas checking one site at once both count; every change takes the next change number, which
 * the other replicas follow (ChangeFeed). Once drained, a site stays drained whatever later canaries
 * show, until an operator reinstates it.
 */
export class ReputationStore {
  constructor(
    private readonly db: Db,
    private readonly rules: ReputationRules,
  ) {}

  /** Applies one verdict; `drainedNow` when this verdict took the site below the threshold. */
  async record(
    siteId: string,
    verdict: CanaryVerdict,
    detail: string | undefined,
    nowMs: number,
  ): Promise<{ after: SiteReputation; drainedNow: boolean }> {
    return this.db.tx(async (q) => {
      await q.query(
        `INSERT INTO site_reputation (site_id, reputation) VALUES ($1, 1) ON CONFLICT (site_id) DO NOTHING`,
        [siteId],
      );
      const [row] = await q.query<Row>(
        `SELECT ${COLUMNS} FROM site_reputation WHERE site_id = $1 FOR UPDATE`,
        [siteId],
      );
      const before = row ? fromRow(row) : freshReputation(siteId);
      const reputation = nextReputation(before.reputation, verdict, this.rules);
      const drainedNow = !before.quarantined && drains(reputation, this.rules);
      const quarantined = before.quarantined || drainedNow;
      const counter = { pass: 'passes', wrong: 'wrong', slow: 'slow', error: 'errors' }[verdict];
      const [updated] = await q.query<Row>(
        `UPDATE site_reputation SET reputation = $2, quarantined = $3, ${counter} = ${counter} + 1,
           last_verdict = $4, last_detail = $5, last_check_ms = $6,
           quarantined_at_ms = CASE WHEN $7::boolean THEN $6 ELSE quarantined_at_ms END,
           change_seq = nextval('site_reputation_change_seq')
         WHERE site_id = $1 RETURNING ${COLUMNS}`,
        [
          siteId,
          reputation,
          quarantined,
          verdict,
          detail?.slice(0, 200) ?? null,
          nowMs,
          drainedNow,
        ],
      );
      return { after: updated ? fromRow(updated) : before, drainedNow };
    });
  }

  /** An operator's decision: routable again, at `reputation`. */
  async reinstate(
    siteId: string,
    reputation: number,
    by: string,
    nowMs: number,
  ): Promise<SiteReputation> {
    const [row] = await this.db.query<Row>(
      `INSERT INTO site_reputation (site_id, reputation, reinstated_at_ms, reinstated_by, change_seq)
       VALUES ($1, $2, $3, $4, nextval('site_reputation_change_seq'))
       ON CONFLICT (site_id) DO UPDATE SET reputation = EXCLUDED.reputation, quarantined = false,
         reinstated_at_ms = EXCLUDED.reinstated_at_ms, reinstated_by = EXCLUDED.reinstated_by,
         change_seq = EXCLUDED.change_seq
       RETURNING ${COLUMNS}`,
      [siteId, reputation, nowMs, by],
    );
    return row ? fromRow(row) : freshReputation(siteId);
  }

  async get(siteId: string): Promise<SiteReputation> {
    const [row] = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM site_reputation WHERE site_id = $1`,
      [siteId],
    );
    return row ? fromRow(row) : freshReputation(siteId);
  }

  async list(): Promise<SiteReputation[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM site_reputation ORDER BY site_id`,
    );
    return rows.map(fromRow);
  }

  /** The sites drained now (their earnings are swept to dispute until reinstated). */
  async quarantinedSites(): Promise<string[]> {
    const rows = await this.db.query<{ site_id: string }>(
      'SELECT site_id FROM site_reputation WHERE quarantined ORDER BY site_id',
    );
    return rows.map((r) => r.site_id);
  }

  async lastChangeSeq(): Promise<number> {
    const [r] = await this.db.query<{ m: string | number | null }>(
      'SELECT max(change_seq) AS m FROM site_reputation',
    );
    return Number(r?.m ?? 0);
  }

  async changesSince(seq: number, limit = 1000): Promise<ReputationChange[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM site_reputation WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
      [seq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.change_seq),
      siteId: r.site_id,
      reputation: Number(r.reputation),
      quarantined: r.quarantined,
    }));
  }
}
