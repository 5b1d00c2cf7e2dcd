import { randomUUID } from 'node:crypto';
import type { BurnRecordData } from '@edgefleet/proto';
import type { Db, Queryable } from '../db/index.js';
import { debtAccount, holdAccount, siteAccount } from './accounts.js';
import { BURN_COLUMNS, pickRecord } from './burn-record.js';
import { LedgerInvariantError } from './errors.js';
import { lockHolds, remainingOf } from './holds.js';
import { postTransfers, type Transfer } from './postings.js';
import { planSite, type Decision, type HoldState, type LeaseInfo, type SitePlan } from './reconcile-plan.js';
import { finishRun, mergeSiteReports, saveSiteReport } from './reports.js';
import { lockSiteChain } from './stage.js';
import type { ReconciliationReport, SiteReconciliation } from './types.js';

export interface ReconcileOptions {
  clockSkewMs: number;
  lateGraceMs: number;
  /** Staged records of one site decided per transaction. */
  chunkSize: number;
  now: () => number;
}

/**
 * One run: every site with staged records (or duplicates/tampered seen at staging) is reconciled in
 * its own transactions, so one site's trouble never holds up another's acks. A site that fails (an
 * invariant broke; its transaction rolled back, nothing half-posted) is listed in `failedSites`.
 */
export async function reconcileAll(db: Db, nowMs: number, opts: ReconcileOptions): Promise<ReconciliationReport> {
  const runId = randomUUID();
  const wall0 = opts.now();
  const sites = await db.query<{ site_id: string }>(
    'SELECT site_id FROM site_chains WHERE pending_duplicate > 0 OR pending_tampered > 0 OR staged_up_to > head_seq ORDER BY site_id',
  );
  const reports: SiteReconciliation[] = [];
  const failedSites: NonNullable<ReconciliationReport['failedSites']> = [];
  for (const { site_id: siteId } of sites) {
    try {
      const r = await reconcileSite(db, runId, siteId, nowMs, opts);
      if (r) reports.push(r);
    } catch (err) {
      failedSites.push({ siteId, code: (err as { code?: string }).code ?? 'ERROR', message: (err as Error).message });
    }
  }
  // The run is timed on the caller's clock (nowMs) plus the wall time it took.
  const finishedAtMs = nowMs + Math.max(0, opts.now() - wall0);
  if (reports.length > 0) await finishRun(db, runId, finishedAtMs);
  return { runId, startedAtMs: nowMs, finishedAtMs, sites: reports, ...(failedSites.length > 0 ? { failedSites } : {}) };
}

export async function reconcileSite(db: Db, runId: string, siteId: string, nowMs: number, opts: ReconcileOptions): Promise<SiteReconciliation | undefined> {
  let total: SiteReconciliation | undefined;
  for (;;) {
    const part = await db.tx((q) => reconcileChunk(q, runId, siteId, nowMs, opts));
    if (part.report) total = total ? mergeSiteReports(total, part.report) : part.report;
    if (!part.more) return total;
  }
}

interface LeaseRow {
  id: string;
  hold_id: string;
  site_id: string;
  customer_id: string;
  issued_at_ms: number;
  expires_at_ms: number;
}

async function reconcileChunk(q: Queryable, runId: string, siteId: string, nowMs: number, opts: ReconcileOptions): Promise<{ report?: SiteReconciliation; more: boolean }> {
  const chain = await lockSiteChain(q, siteId, nowMs);
  const staged = (
    await q.query<BurnRecordData>(
      `SELECT ${BURN_COLUMNS} FROM burns WHERE site_id = $1 AND seq > $3 AND seq <= $4 AND status = 'staged' ORDER BY seq LIMIT $2`,
      [siteId, opts.chunkSize, chain.head_seq, chain.staged_up_to],
    )
  ).map(pickRecord);
  if (staged.length === 0 && chain.pending_duplicate === 0 && chain.pending_tampered === 0) return { more: false };

  const leaseRows = await q.query<LeaseRow>('SELECT id, hold_id, site_id, customer_id, issued_at_ms, expires_at_ms FROM leases WHERE id = ANY($1::text[])', [
    [...new Set(staged.map((r) => r.lease_id))],
  ]);
  const leases = new Map<string, LeaseInfo>(
    leaseRows.map((l) => [l.id, { leaseId: l.id, holdId: l.hold_id, siteId: l.site_id, customerId: l.customer_id, issuedAtMs: l.issued_at_ms, expiresAtMs: l.expires_at_ms }]),
  );
  const holdRows = await lockHolds(q, leaseRows.map((l) => l.hold_id));
  const holds = new Map<string, HoldState>(
    [...holdRows.values()].map((h) => [h.id, { holdId: h.id, customerId: h.customer_id, remaining: remainingOf(h), open: h.status === 'pending' }]),
  );
  const plan = planSite({ siteId, head: { seq: chain.head_seq, hash: chain.head_hash }, staged, leases, holds, clockSkewMs: opts.clockSkewMs, lateGraceMs: opts.lateGraceMs });
  await applyPlan(q, runId, siteId, plan, nowMs);

  const report: SiteReconciliation = {
    siteId,
    ...plan.counts,
    duplicate: chain.pending_duplicate,
    tampered: plan.counts.tampered + chain.pending_tampered,
    ackedSeq: plan.head.seq,
    resendFrom: plan.resendFrom,
  };
  await q.query('UPDATE site_chains SET head_seq = $2, head_hash = $3, pending_duplicate = 0, pending_tampered = 0, updated_at_ms = $4 WHERE site_id = $1', [
    siteId,
    plan.head.seq,
    plan.head.hash,
    nowMs,
  ]);
  await saveSiteReport(q, { runId, startedAtMs: nowMs }, report);
  return { report, more: staged.length === opts.chunkSize && !plan.stopped };
}

function transfersOf(siteId: string, d: Decision, runId: string): Transfer[] {
  if (!d.lease) return [];
  const common = {
    leaseId: d.lease.leaseId,
    holdId: d.lease.holdId,
    siteId,
    burnSeq: d.record.seq,
    acceleratorModel: d.record.accelerator_model,
    acceleratorSerial: d.record.accelerator_serial,
    runId,
  };
  return [
    { kind: 'burn', debit: holdAccount(d.lease.holdId), credit: siteAccount(siteId), amount: d.fromHold, ...common },
    { kind: 'burn_debt', debit: debtAccount(d.lease.customerId), credit: siteAccount(siteId), amount: d.asDebt, ...common },
  ];
}

function sumBy(decisions: readonly Decision[], key: (d: Decision) => string | undefined, amount: (d: Decision) => number): [string[], number[]] {
  const m = new Map<string, number>();
  for (const d of decisions) {
    const k = key(d);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + amount(d));
  }
  return [[...m.keys()], [...m.values()]];
}

async function applyPlan(q: Queryable, runId: string, siteId: string, plan: SitePlan, nowMs: number): Promise<void> {
  const ds = plan.decisions;
  if (ds.length === 0) return;
  await postTransfers(q, ds.flatMap((d) => transfersOf(siteId, d, runId)), nowMs);
  const [holdIds, posted] = sumBy(ds, (d) => d.lease?.holdId, (d) => d.fromHold);
  if (holdIds.length > 0) {
    await q.query('UPDATE holds AS h SET posted = h.posted + u.p FROM unnest($1::text[], $2::bigint[]) AS u(id, p) WHERE h.id = u.id', [holdIds, posted]);
    const broken = await q.query<{ id: string }>(
      `SELECT h.id FROM holds h LEFT JOIN accounts a ON a.id = 'hold:' || h.id
        WHERE h.id = ANY($1::text[]) AND COALESCE(a.balance, 0) <> h.amount - h.posted - h.released`,
      [holdIds],
    );
    if (broken.length > 0) throw new LedgerInvariantError('hold accounts disagree with their holds', { holds: broken.map((b) => b.id) });
  }
  const [leaseIds, burned] = sumBy(ds, (d) => d.lease?.leaseId, (d) => d.fromHold + d.asDebt);
  if (leaseIds.length > 0) {
    await q.query('UPDATE leases AS l SET burned = l.burned + u.b FROM unnest($1::text[], $2::bigint[]) AS u(id, b) WHERE l.id = u.id', [leaseIds, burned]);
  }
  const updated = await q.query<{ seq: number }>(
    `UPDATE burns AS b SET status = u.st, problem = u.pr, posted_from_hold = u.fh, posted_as_debt = u.ad, decided_at_ms = $7, run_id = $8
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) AS u(seq, st, pr, fh, ad)
      WHERE b.site_id = $1 AND b.seq = u.seq AND b.status = 'staged' RETURNING b.seq`,
    [siteId, ds.map((d) => d.record.seq), ds.map((d) => d.status), ds.map((d) => d.problem ?? null), ds.map((d) => d.fromHold), ds.map((d) => d.asDebt), nowMs, runId],
  );
  if (updated.length !== ds.length) throw new LedgerInvariantError(`site ${siteId}: ${ds.length} burns decided but ${updated.length} updated`, { siteId });
}
