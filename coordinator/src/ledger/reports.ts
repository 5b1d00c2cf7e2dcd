import type { Queryable } from '../db/index.js';
import type { ReconciliationReport, SiteReconciliation } from './types.js';

export const emptySiteReport = (siteId: string): SiteReconciliation => ({
  siteId, accepted: 0, acceptedMicroTokens: 0, duplicate: 0, gap: 0, overBudget: 0, unknownLease: 0, late: 0, tampered: 0, ackedSeq: 0, resendFrom: 0,
});

/** Adds a later part of the same site's run to an earlier one (the high-water marks are the later ones). */
export function mergeSiteReports(a: SiteReconciliation, b: SiteReconciliation): SiteReconciliation {
  return {
    siteId: a.siteId,
    accepted: a.accepted + b.accepted,
    acceptedMicroTokens: a.acceptedMicroTokens + b.acceptedMicroTokens,
    duplicate: a.duplicate + b.duplicate,
    gap: a.gap + b.gap,
    overBudget: a.overBudget + b.overBudget,
    unknownLease: a.unknownLease + b.unknownLease,
    late: a.late + b.late,
    tampered: a.tampered + b.tampered,
    ackedSeq: b.ackedSeq,
    resendFrom: b.resendFrom,
  };
}


export async function finishRun(q: Queryable, runId: string, finishedAtMs: number): Promise<void> {
  await q.query('UPDATE reconciliation_runs SET finished_at_ms = $2 WHERE id = $1', [runId, finishedAtMs]);
}

/** A site report's counters when another part of the same run and site arrives: they add up. */
const ADD_COUNTS = ['accepted', 'accepted_micro_tokens', 'duplicate', 'gap', 'over_budget', 'unknown_lease', 'late', 'tampered']
  .map((c) => `${c} = s.${c} + excluded.${c}`).join(',\n       ');

/**
 * Adds a part of a site's report, in the transaction that posted it. The run itself is recorded
 * with its first site report: a run that found nothing to do (most cron ticks) leaves no row.
 */
export async function saveSiteReport(q: Queryable, run: { runId: string; startedAtMs: number }, r: SiteReconciliation): Promise<void> {
  await q.query('INSERT INTO reconciliation_runs (id, started_at_ms) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [run.runId, run.startedAtMs]);
  await q.query(
    `INSERT INTO reconciliation_site_reports AS s (run_id, site_id, accepted, accepted_micro_tokens, duplicate, gap, over_budget,
                                                   unknown_lease, late, tampered, acked_seq, resend_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (run_id, site_id) DO UPDATE SET
       ${ADD_COUNTS},
       acked_seq = excluded.acked_seq,
       resend_from = excluded.resend_from`,
    [run.runId, r.siteId, r.accepted, r.acceptedMicroTokens, r.duplicate, r.gap, r.overBudget, r.unknownLease, r.late, r.tampered, r.ackedSeq, r.resendFrom],
  );
}

/**
 * Adds several sites' parts (one row each, distinct sites) to a run in one statement, and stamps the
 * run finished at `finishedAtMs`: the fast path's rolling run, which is open-ended.
 */
export async function saveSiteReports(q: Queryable, run: { runId: string; startedAtMs: number }, rs: readonly SiteReconciliation[], finishedAtMs: number): Promise<void> {
  if (rs.length === 0) return;
  await q.query(
    `INSERT INTO reconciliation_runs AS r (id, started_at_ms, finished_at_ms) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET finished_at_ms = GREATEST(r.finished_at_ms, excluded.finished_at_ms)`,
    [run.runId, run.startedAtMs, finishedAtMs],
  );
  const col = <K extends keyof SiteReconciliation>(k: K): SiteReconciliation[K][] => rs.map((r) => r[k]);
  await q.query(
    `INSERT INTO reconciliation_site_reports AS s (run_id, site_id, accepted, accepted_micro_tokens, duplicate, gap, over_budget,
                                                   unknown_lease, late, tampered, acked_seq, resend_from)
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[],
                              $10::bigint[], $11::bigint[], $12::bigint[])
     ON CONFLICT (run_id, site_id) DO UPDATE SET
       ${ADD_COUNTS},
       acked_seq = GREATEST(s.acked_seq, excluded.acked_seq),
       resend_from = excluded.resend_from`,
    [run.runId, col('siteId'), col('accepted'), col('acceptedMicroTokens'), col('duplicate'), col('gap'), col('overBudget'), col('unknownLease'), col('late'), col('tampered'), col('ackedSeq'), col('resendFrom')],
  );
}

interface SiteRow {
  run_id: string;
  site_id: string;
  accepted: number;
  accepted_micro_tokens: number;
  duplicate: number;
  gap: number;
  over_budget: number;
  unknown_lease: number;
  late: number;
  tampered: number;
  acked_seq: number;
  resend_from: number;
}

/** The latest runs that did something, newest first; a run that never finished (the process died) has finishedAtMs 0. */
export async function listRuns(q: Queryable, limit: number): Promise<ReconciliationReport[]> {
  const runs = await q.query<RunRow>('SELECT id, started_at_ms, finished_at_ms FROM reconciliation_runs ORDER BY n DESC LIMIT $1', [Math.max(0, Math.floor(limit))]);
  return withSites(q, runs);
}

/** One run by id (undefined when no such run was kept: a run with nothing to do leaves no row). */
export async function getRun(q: Queryable, runId: string): Promise<ReconciliationReport | undefined> {
  const runs = await q.query<RunRow>('SELECT id, started_at_ms, finished_at_ms FROM reconciliation_runs WHERE id = $1', [runId]);
  return (await withSites(q, runs))[0];
}

interface RunRow {
  id: string;
  started_at_ms: number;
  finished_at_ms: number | null;
}

async function withSites(q: Queryable, runs: RunRow[]): Promise<ReconciliationReport[]> {
  if (runs.length === 0) return [];
  const rows = await q.query<SiteRow>('SELECT * FROM reconciliation_site_reports WHERE run_id = ANY($1::text[]) ORDER BY site_id', [runs.map((r) => r.id)]);
  return runs.map((run) => ({
    runId: run.id,
    startedAtMs: run.started_at_ms,
    finishedAtMs: run.finished_at_ms ?? 0,
    sites: rows
      .filter((r) => r.run_id === run.id)
      .map((r) => ({
        siteId: r.site_id,
        accepted: r.accepted,
        acceptedMicroTokens: r.accepted_micro_tokens,
        duplicate: r.duplicate,
        gap: r.gap,
        overBudget: r.over_budget,
        unknownLease: r.unknown_lease,
        late: r.late,
        tampered: r.tampered,
        ackedSeq: r.acked_seq,
        resendFrom: r.resend_from,
      })),
  }));
}
