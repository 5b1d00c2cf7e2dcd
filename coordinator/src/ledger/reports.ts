import type { Queryable } from '../db/index.js';
import type { ReconciliationReport, SiteReconciliation } from './types.js';

type Counter = Exclude<keyof SiteReconciliation, 'siteId' | 'ackedSeq' | 'resendFrom'>;

/** Every counter of a site report and its column (the counters add up across parts of a run). */
const COUNTERS: readonly [Counter, string][] = [
  ['accepted', 'accepted'],
  ['acceptedMicroTokens', 'accepted_micro_tokens'],
  ['duplicate', 'duplicate'],
  ['gap', 'gap'],
  ['overBudget', 'over_budget'],
  ['unknownLease', 'unknown_lease'],
  ['late', 'late'],
  ['tampered', 'tampered'],
  ['refused', 'refused'],
  ['holdClosed', 'hold_closed'],
  ['disputed', 'disputed'],
  ['disputedMicroTokens', 'disputed_micro_tokens'],
  ['wrongInstance', 'wrong_instance'],
  ['wrongInstanceMicroTokens', 'wrong_instance_micro_tokens'],
  ['outsideLease', 'outside_lease'],
  ['outsideLeaseMicroTokens', 'outside_lease_micro_tokens'],
  ['overRate', 'over_rate'],
  ['overRateMicroTokens', 'over_rate_micro_tokens'],
  ['overHold', 'over_hold'],
  ['overHoldMicroTokens', 'over_hold_micro_tokens'],
];
const COUNTER_COLUMNS = COUNTERS.map(([, c]) => c).join(', ');

export const emptySiteReport = (siteId: string): SiteReconciliation => ({
  siteId,
  ...(Object.fromEntries(COUNTERS.map(([k]) => [k, 0])) as Record<Counter, number>),
  ackedSeq: 0,
  resendFrom: 0,
});

/** Adds a later part of the same site's run to an earlier one (the high-water marks are the later ones). */
export function mergeSiteReports(a: SiteReconciliation, b: SiteReconciliation): SiteReconciliation {
  const sum = Object.fromEntries(COUNTERS.map(([k]) => [k, a[k] + b[k]])) as Record<
    Counter,
    number
  >;
  return { siteId: a.siteId, ...sum, ackedSeq: b.ackedSeq, resendFrom: b.resendFrom };
}

export async function finishRun(q: Queryable, runId: string, finishedAtMs: number): Promise<void> {
  await q.query('UPDATE reconciliation_runs SET finished_at_ms = $2 WHERE id = $1', [
    runId,
    finishedAtMs,
  ]);
}

/** A site report's counters when another part of the same run and site arrives: they add up. */
const ADD_COUNTS = COUNTERS.map(([, c]) => `${c} = s.${c} + excluded.${c}`).join(',\n       ');

/**
 * Adds a part of a site's report, in the transaction that posted it. The run itself is recorded
 * with its first site report: a run that found nothing to do (most cron ticks) leaves no row.
 */
export async function saveSiteReport(
  q: Queryable,
  run: { runId: string; startedAtMs: number },
  r: SiteReconciliation,
): Promise<void> {
  await q.query(
    'INSERT INTO reconciliation_runs (id, started_at_ms) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
    [run.runId, run.startedAtMs],
  );
  await q.query(
    `INSERT INTO reconciliation_site_reports AS s (run_id, site_id, acked_seq, resend_from, ${COUNTER_COLUMNS})
     VALUES ($1, $2, $3, $4, ${COUNTERS.map((_, i) => `$${i + 5}`).join(', ')})
     ON CONFLICT (run_id, site_id) DO UPDATE SET
       ${ADD_COUNTS},
       acked_seq = excluded.acked_seq,
       resend_from = excluded.resend_from`,
    [run.runId, r.siteId, r.ackedSeq, r.resendFrom, ...COUNTERS.map(([k]) => r[k])],
  );
}

/**
 * Adds several sites' parts (one row each, distinct sites) to a run in one statement, and stamps the
 * run finished at `finishedAtMs`: the fast path's rolling run, which is open-ended.
 */
export async function saveSiteReports(
  q: Queryable,
  run: { runId: string; startedAtMs: number },
  rs: readonly SiteReconciliation[],
  finishedAtMs: number,
): Promise<void> {
  if (rs.length === 0) return;
  await q.query(
    `INSERT INTO reconciliation_runs AS r (id, started_at_ms, finished_at_ms) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET finished_at_ms = GREATEST(r.finished_at_ms, excluded.finished_at_ms)`,
    [run.runId, run.startedAtMs, finishedAtMs],
  );
  const col = <K extends keyof SiteReconciliation>(k: K): SiteReconciliation[K][] =>
    rs.map((r) => r[k]);
  await q.query(
    `INSERT INTO reconciliation_site_reports AS s (run_id, site_id, acked_seq, resend_from, ${COUNTER_COLUMNS})
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::bigint[], ${COUNTERS.map((_, i) => `$${i + 5}::bigint[]`).join(', ')})
     ON CONFLICT (run_id, site_id) DO UPDATE SET
       ${ADD_COUNTS},
       acked_seq = GREATEST(s.acked_seq, excluded.acked_seq),
       resend_from = excluded.resend_from`,
    [
      run.runId,
      col('siteId'),
      col('ackedSeq'),
      col('resendFrom'),
      ...COUNTERS.map(([k]) => col(k)),
    ],
  );
}

type SiteRow = Record<string, number> & {
  run_id: string;
  site_id: string;
  acked_seq: number;
  resend_from: number;
};

/** The latest runs that did something, newest first; a run that never finished (the process died) has finishedAtMs 0. */
export async function listRuns(q: Queryable, limit: number): Promise<ReconciliationReport[]> {
  const runs = await q.query<RunRow>(
    'SELECT id, started_at_ms, finished_at_ms FROM reconciliation_runs ORDER BY n DESC LIMIT $1',
    [Math.max(0, Math.floor(limit))],
  );
  return withSites(q, runs);
}

/** One run by id (undefined when no such run was kept: a run with nothing to do leaves no row). */
export async function getRun(
  q: Queryable,
  runId: string,
): Promise<ReconciliationReport | undefined> {
  const runs = await q.query<RunRow>(
    'SELECT id, started_at_ms, finished_at_ms FROM reconciliation_runs WHERE id = $1',
    [runId],
  );
  return (await withSites(q, runs))[0];
}

interface RunRow {
  id: string;
  started_at_ms: number;
  finished_at_ms: number | null;
}

async function withSites(q: Queryable, runs: RunRow[]): Promise<ReconciliationReport[]> {
  if (runs.length === 0) return [];
  const rows = await q.query<SiteRow>(
    'SELECT * FROM reconciliation_site_reports WHERE run_id = ANY($1::text[]) ORDER BY site_id',
    [runs.map((r) => r.id)],
  );
  return runs.map((run) => ({
    runId: run.id,
    startedAtMs: run.started_at_ms,
    finishedAtMs: run.finished_at_ms ?? 0,
    sites: rows
      .filter((r) => r.run_id === run.id)
      .map((r) => ({
        siteId: r.site_id,
        ...(Object.fromEntries(COUNTERS.map(([k, c]) => [k, r[c] ?? 0])) as Record<
          Counter,
          number
        >),
        ackedSeq: r.acked_seq,
        resendFrom: r.resend_from,
      })),
  }));
}
