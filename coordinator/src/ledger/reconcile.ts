import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/index.js';
import { debtAccount, disputeAccount, holdAccount, MINT, siteAccount } from './accounts.js';
import { BURN_HASH_SQL } from './burn-record.js';
import { LedgerInvariantError } from './errors.js';
import { lockHolds, remainingOf, type HoldRow } from './holds.js';
import { postTransfers, type Transfer } from './postings.js';
import {
  planSite,
  type CheckedBurn,
  type Decision,
  type HoldState,
  type LeaseInfo,
  type SitePlan,
} from './reconcile-plan.js';
import { finishRun, mergeSiteReports, saveSiteReport } from './reports.js';
import { lockSiteChain, type ChainRow } from './stage.js';
import type { ReconciliationReport, SiteReconciliation } from './types.js';

export interface ReconcileOptions {
  clockSkewMs: number;
  lateGraceMs: number;
  /** Staged records of one site decided per transaction. */
  chunkSize: number;
  now: () => number;
  /** How staged records come back: 'json' (one text; PGlite) or 'rows' (PostgreSQL). Default rows. */
  rowFormat?: 'json' | 'rows';
}

/**
 * One run: every site with staged records (or duplicates/tampered seen at staging) is reconciled in
 * its own transactions, so one site's trouble never holds up another's acks. A site that fails (an
 * invariant broke; its transaction rolled back, nothing half-posted) is listed in `failedSites`.
 */
export async function reconcileAll(
  db: Db,
  nowMs: number,
  opts: ReconcileOptions,
): Promise<ReconciliationReport> {
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
      failedSites.push({
        siteId,
        code: (err as { code?: string }).code ?? 'ERROR',
        message: (err as Error).message,
      });
    }
  }
  // The run is timed on the caller's clock (nowMs) plus the wall time it took.
  const finishedAtMs = nowMs + Math.max(0, opts.now() - wall0);
  if (reports.length > 0) await finishRun(db, runId, finishedAtMs);
  return {
    runId,
    startedAtMs: nowMs,
    finishedAtMs,
    sites: reports,
    ...(failedSites.length > 0 ? { failedSites } : {}),
  };
}

export async function reconcileSite(
  db: Db,
  runId: string,
  siteId: string,
  nowMs: number,
  opts: ReconcileOptions,
): Promise<SiteReconciliation | undefined> {
  let total: SiteReconciliation | undefined;
  for (;;) {
    const part = await db.tx((q) => reconcileChunk(q, runId, siteId, nowMs, opts));
    if (part.report) total = total ? mergeSiteReports(total, part.report) : part.report;
    if (!part.more) return total;
  }
}

/**
 * The chunk's staged records, with each chain link checked by the database (own hash recomputed
 * with BURN_HASH_SQL, prev_hash against the previous record or the head), in seq order. PGlite
 * hands rows to JavaScript field by field (~6 µs a value), so there the chunk comes back as one
 * JSON text; PostgreSQL's row protocol is faster than that, so there it comes back as rows.
 */
async function readStaged(
  q: Queryable,
  siteId: string,
  chain: ChainRow,
  opts: ReconcileOptions,
): Promise<CheckedBurn[]> {
  const select = `SELECT seq, lease_id, micro_tokens, started_at_ms, ended_at_ms, mig_instance_uuid,
            CASE WHEN refused IS NULL AND ${BURN_HASH_SQL} <> hash THEN 'hash_mismatch'
                 WHEN prev_hash <> COALESCE(lag(hash) OVER (ORDER BY seq), $5) THEN 'prev_mismatch'
                 WHEN refused IS NOT NULL THEN 'refused'
                 ELSE 'ok' END AS link
       FROM burns WHERE site_id = $1 AND seq > $3 AND seq <= $4 AND status = 'staged' ORDER BY seq LIMIT $2`;
  const params = [siteId, opts.chunkSize, chain.head_seq, chain.staged_up_to, chain.head_hash];
  if (opts.rowFormat !== 'json') return q.query<CheckedBurn>(select, params);
  const [row] = await q.query<{ j: string | null }>(
    `SELECT json_agg(json_build_array(seq, lease_id, micro_tokens, started_at_ms, ended_at_ms, link, mig_instance_uuid) ORDER BY seq)::text AS j FROM (${select}) s`,
    params,
  );
  const tuples = JSON.parse(row?.j ?? '[]') as [
    number,
    string,
    number,
    number,
    number,
    CheckedBurn['link'],
    string,
  ][];
  return tuples.map(([seq, lease_id, micro_tokens, started_at_ms, ended_at_ms, link, mig]) => ({
    seq,
    lease_id,
    micro_tokens,
    started_at_ms,
    ended_at_ms,
    link,
    mig_instance_uuid: mig,
  }));
}

/** A lease as reconciliation reads it (both the staged runs and the fast path). */
export interface LeaseRow {
  id: string;
  hold_id: string;
  site_id: string;
  customer_id: string;
  issued_at_ms: number;
  expires_at_ms: number;
  budget: number;
  burned: number;
  slot_fraction: number | null;
  multiplier: number | null;
  mig_instance_uuid: string;
  /** Its hold's account (holds.account, or hold:{hold_id}). */
  hold_account: string;
}

/**
 * The leases that burns name, as the planner reads them. Called with the site chain row locked: every
 * burn of a lease is decided under its site's chain lock, so `burned` cannot move under the caller.
 */
export async function readLeases(
  q: Queryable,
  ids: readonly string[],
): Promise<{ rows: LeaseRow[]; leases: Map<string, LeaseInfo> }> {
  const rows =
    ids.length === 0
      ? []
      : await q.query<LeaseRow>(
          `SELECT l.id, l.hold_id, l.site_id, l.customer_id, l.issued_at_ms, l.expires_at_ms, l.budget, l.burned, l.slot_fraction, l.multiplier, l.mig_instance_uuid,
                  COALESCE(h.account, 'hold:' || l.hold_id) AS hold_account
             FROM leases l LEFT JOIN holds h ON h.id = l.hold_id WHERE l.id = ANY($1::text[])`,
          [[...new Set(ids)]],
        );
  const leases = new Map<string, LeaseInfo>(
    rows.map((l) => [
      l.id,
      {
        leaseId: l.id,
        holdId: l.hold_id,
        holdAccount: l.hold_account,
        siteId: l.site_id,
        customerId: l.customer_id,
        issuedAtMs: l.issued_at_ms,
        expiresAtMs: l.expires_at_ms,
        budget: l.budget,
        burned: l.burned,
        ...(l.slot_fraction !== null && l.multiplier !== null
          ? { slotFraction: l.slot_fraction, multiplier: l.multiplier }
          : {}),
        ...(l.mig_instance_uuid ? { migInstanceUuid: l.mig_instance_uuid } : {}),
      },
    ]),
  );
  return { rows, leases };
}

/** Locked hold rows as the planner reads them. */
export function holdStates(rows: ReadonlyMap<string, HoldRow>): Map<string, HoldState> {
  return new Map(
    [...rows.values()].map((h) => [
      h.id,
      {
        holdId: h.id,
        customerId: h.customer_id,
        remaining: remainingOf(h),
        open: h.status === 'pending',
        ...(h.closed_at_ms !== null ? { closedAtMs: h.closed_at_ms } : {}),
      },
    ]),
  );
}

async function reconcileChunk(
  q: Queryable,
  runId: string,
  siteId: string,
  nowMs: number,
  opts: ReconcileOptions,
): Promise<{ report?: SiteReconciliation; more: boolean }> {
  const chain = await lockSiteChain(q, siteId, nowMs);
  const staged = await readStaged(q, siteId, chain, opts);
  if (staged.length === 0 && chain.pending_duplicate === 0 && chain.pending_tampered === 0)
    return { more: false };

  const { rows: leaseRows, leases } = await readLeases(
    q,
    staged.map((r) => r.lease_id),
  );
  const holds = holdStates(
    await lockHolds(
      q,
      leaseRows.map((l) => l.hold_id),
    ),
  );
  const plan = planSite({
    siteId,
    head: { seq: chain.head_seq, hash: chain.head_hash },
    staged,
    leases,
    holds,
    clockSkewMs: opts.clockSkewMs,
    lateGraceMs: opts.lateGraceMs,
  });
  await applyPlan(q, runId, siteId, plan, nowMs);

  const report: SiteReconciliation = {
    siteId,
    ...plan.counts,
    duplicate: chain.pending_duplicate,
    tampered: plan.counts.tampered + chain.pending_tampered,
    ackedSeq: plan.head.seq,
    resendFrom: plan.resendFrom,
  };
  // The new head's hash is read where it is (checked records come without their hashes).
  await q.query(
    `UPDATE site_chains SET head_seq = $2, head_hash = COALESCE(NULLIF($3, ''), (SELECT hash FROM burns WHERE site_id = $1 AND seq = $2)),
            pending_duplicate = 0, pending_tampered = 0, updated_at_ms = $4 WHERE site_id = $1`,
    [siteId, plan.head.seq, plan.head.seq === chain.head_seq ? chain.head_hash : '', nowMs],
  );
  await saveSiteReport(q, { runId, startedAtMs: nowMs }, report);
  return { report, more: staged.length === opts.chunkSize && !plan.stopped };
}

interface Aggregate {
  transfer: Transfer;
  /** Burns (seqs) it posts, in order. */
  seqs: number[];
  leases: Set<string>;
}

/**
 * One aggregate transfer per (hold, site) for what the chunk's burns took from holds, one per
 * (customer's debt, site) for what they posted as debt, and one per site for what they claimed
 * beyond their bounds (mint → dispute:{siteId}); each carries the seq range and count of its burns
 * (the burns rows carry the provenance and the transfer's id).
 */
export function aggregatesOf(
  siteId: string,
  ds: readonly Decision[],
  runId: string,
): {
  fromHold: Map<string, Aggregate>;
  asDebt: Map<string, Aggregate>;
  disputed: Map<string, Aggregate>;
} {
  const fromHold = new Map<string, Aggregate>();
  const asDebt = new Map<string, Aggregate>();
  const disputed = new Map<string, Aggregate>();
  const add = (
    m: Map<string, Aggregate>,
    key: string,
    kind: 'burn' | 'burn_debt' | 'burn_disputed',
    debit: string,
    d: Decision & { lease: LeaseInfo },
    amount: number,
  ): void => {
    let a = m.get(key);
    if (!a) {
      const credit = kind === 'burn_disputed' ? disputeAccount(siteId) : siteAccount(siteId);
      a = {
        transfer: { kind, debit, credit, amount: 0, siteId, runId, burnSeq: d.record.seq },
        seqs: [],
        leases: new Set(),
      };
      m.set(key, a);
    }
    a.transfer.amount += amount;
    a.seqs.push(d.record.seq);
    a.leases.add(d.lease.leaseId);
  };
  for (const d of ds) {
    if (!d.lease) continue;
    const withLease = d as Decision & { lease: LeaseInfo };
    if (d.fromHold > 0)
      add(
        fromHold,
        d.lease.holdId,
        'burn',
        d.lease.holdAccount ?? holdAccount(d.lease.holdId),
        withLease,
        d.fromHold,
      );
    if (d.asDebt > 0)
      add(
        asDebt,
        d.lease.customerId,
        'burn_debt',
        debtAccount(d.lease.customerId),
        withLease,
        d.asDebt,
      );
    if (d.disputed > 0) add(disputed, siteId, 'burn_disputed', MINT, withLease, d.disputed);
  }
  for (const [key, a] of fromHold) a.transfer.holdId = key;
  for (const a of [...fromHold.values(), ...asDebt.values(), ...disputed.values()]) {
    a.transfer.burnSeqTo = a.seqs[a.seqs.length - 1] ?? 0;
    a.transfer.burnCount = a.seqs.length;
    // A hold may fund several leases (a primary and its hedges): the lease is named when it is one.
    if (a.leases.size === 1) a.transfer.leaseId = [...a.leases][0] ?? '';
  }
  return { fromHold, asDebt, disputed };
}

export function sumBy(
  decisions: readonly Decision[],
  key: (d: Decision) => string | undefined,
  amount: (d: Decision) => number,
): [string[], number[]] {
  const m = new Map<string, number>();
  for (const d of decisions) {
    const k = key(d);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + amount(d));
  }
  return [[...m.keys()], [...m.values()]];
}

/** The transfers a part's decisions were posted by: per hold, per customer's debt, and the site's dispute posting (0 = none). */
export interface PostedIds {
  holdTransfer: Map<string, number>;
  debtTransfer: Map<string, number>;
  disputeTransfer: number;
}

/** The ids a decision's burns row names: its hold part's, its debt part's and its disputed part's transfer. */
export function transferIdsOf(
  d: Decision,
  t: PostedIds,
): { tid: number | null; dtid: number | null; xtid: number | null } {
  return {
    tid: d.lease && d.fromHold > 0 ? (t.holdTransfer.get(d.lease.holdId) ?? null) : null,
    dtid: d.lease && d.asDebt > 0 ? (t.debtTransfer.get(d.lease.customerId) ?? null) : null,
    xtid: d.disputed > 0 && t.disputeTransfer > 0 ? t.disputeTransfer : null,
  };
}

async function applyPlan(
  q: Queryable,
  runId: string,
  siteId: string,
  plan: SitePlan,
  nowMs: number,
): Promise<void> {
  const ds = plan.decisions;
  if (ds.length === 0) return;
  const [posted] = await postDecisions(q, runId, [{ siteId, ds }], nowMs);
  if (!posted) throw new LedgerInvariantError(`site ${siteId}: nothing posted`, { siteId });
  const updated = await decideBurns(q, runId, siteId, ds, posted, nowMs);
  if (updated !== ds.length)
    throw new LedgerInvariantError(
      `site ${siteId}: ${ds.length} burns decided but ${updated} updated`,
      { siteId },
    );
}

/**
 * Posts sites' decisions (each site's in seq order): the aggregate transfers of every site in one
 * postTransfers (its accounts locked once, in id order), the holds' posted amounts (checked against
 * their accounts in the same statement) and the leases' burned totals (what they credited their
 * sites). Returns, per part, the transfer id per hold, per customer's debt and of the site's dispute
 * posting, for the burns rows. Shared by reconciliation and the fast path.
 */
export async function postDecisions(
  q: Queryable,
  runId: string,
  parts: readonly { siteId: string; ds: readonly Decision[] }[],
  nowMs: number,
): Promise<PostedIds[]> {
  const aggs = parts.map((p) => aggregatesOf(p.siteId, p.ds, runId));
  const transfers = aggs.flatMap(({ fromHold, asDebt, disputed }) =>
    [...fromHold.values(), ...asDebt.values(), ...disputed.values()].map((a) => a.transfer),
  );
  const ids = await postTransfers(q, transfers, nowMs);
  let at = 0;
  const out = aggs.map(({ fromHold, asDebt, disputed }): PostedIds => {
    const holdTransfer = new Map<string, number>();
    const debtTransfer = new Map<string, number>();
    for (const k of fromHold.keys()) holdTransfer.set(k, ids[at++] ?? 0);
    for (const k of asDebt.keys()) debtTransfer.set(k, ids[at++] ?? 0);
    const disputeTransfer = disputed.size > 0 ? (ids[at++] ?? 0) : 0;
    return { holdTransfer, debtTransfer, disputeTransfer };
  });
  const ds = parts.flatMap((p) => p.ds);
  const [holdIds, posted] = sumBy(
    ds,
    (d) => d.lease?.holdId,
    (d) => d.fromHold,
  );
  if (holdIds.length > 0) {
    // Moved and checked in one statement: every hold with an account of its own must equal
    // amount − posted − released. A hold on a held account (shared with its replica's other holds of
    // the customer) is held to its amount by the holds CHECK (posted + released <= amount), the held
    // account's total by checkInvariants.
    const broken = await q.query<{ id: string }>(
      `WITH u AS (
         UPDATE holds AS h SET posted = h.posted + u.p FROM unnest($1::text[], $2::bigint[]) AS u(id, p)
          WHERE h.id = u.id RETURNING h.id, h.account, h.amount - h.posted - h.released AS left
       )
       SELECT u.id FROM u LEFT JOIN accounts a ON a.id = 'hold:' || u.id WHERE u.account IS NULL AND COALESCE(a.balance, 0) <> u.left`,
      [holdIds, posted],
    );
    if (broken.length > 0)
      throw new LedgerInvariantError('hold accounts disagree with their holds', {
        holds: broken.map((b) => b.id),
      });
  }
  const [leaseIds, burned] = sumBy(
    ds,
    (d) => d.lease?.leaseId,
    (d) => d.fromHold + d.asDebt,
  );
  if (leaseIds.length > 0) {
    // A lease is a row of lease_rows or carried on its hold's row (migration 115; that hold is
    // locked already: reconciliation locks the holds of every lease it reads).
    await q.query(
      `WITH rows AS (
         UPDATE lease_rows AS l SET burned = l.burned + u.b FROM unnest($1::text[], $2::bigint[]) AS u(id, b) WHERE l.id = u.id
       )
       UPDATE holds AS h SET lease_burned = h.lease_burned + u.b FROM unnest($1::text[], $2::bigint[]) AS u(id, b) WHERE h.lease_id = u.id`,
      [leaseIds, burned],
    );
  }
  return out;
}

/**
 * Writes each decision onto its burns row (status, amounts, the ids of the transfers that posted
 * it), in at most two statements: the plain ones — accepted in full from the hold, nearly all of
 * them — as one range UPDATE over the primary key (each row's transfer found from its lease), the
 * rest from arrays. Only rows still 'staged' are touched; the caller checks the count.
 */
async function decideBurns(
  q: Queryable,
  runId: string,
  siteId: string,
  ds: readonly Decision[],
  posted: PostedIds,
  nowMs: number,
): Promise<number> {
  const { holdTransfer } = posted;
  const plainLeases = new Map<string, number>();
  const others: Decision[] = [];
  for (const d of ds) {
    const tid =
      d.lease && d.status === 'accepted' && d.asDebt === 0 && d.fromHold > 0
        ? holdTransfer.get(d.lease.holdId)
        : undefined;
    if (d.lease && tid !== undefined) plainLeases.set(d.lease.leaseId, tid);
    else others.push(d);
  }
  // A lease with a plain burn in the chunk may also have others (disputed, hold closed): those seqs are excluded.
  let n = 0;
  if (plainLeases.size > 0) {
    const rows = await q.query<{ n: number }>(
      `WITH d AS (
         UPDATE burns AS b SET status = 'accepted', posted_from_hold = b.micro_tokens, transfer_id = m.tid, decided_at_ms = $7, run_id = $8
           FROM unnest($4::text[], $5::bigint[]) AS m(lease_id, tid)
          WHERE b.site_id = $1 AND b.seq BETWEEN $2 AND $3 AND b.status = 'staged' AND b.lease_id = m.lease_id
            AND NOT (b.seq = ANY($6::bigint[])) AND b.micro_tokens > 0
         RETURNING 1
       ) SELECT count(*)::int AS n FROM d`,
      [
        siteId,
        ds[0]?.record.seq ?? 0,
        ds[ds.length - 1]?.record.seq ?? 0,
        [...plainLeases.keys()],
        [...plainLeases.values()],
        others.map((d) => d.record.seq),
        nowMs,
        runId,
      ],
    );
    n += rows[0]?.n ?? 0;
  }
  if (others.length > 0) {
    const rows = await q.query<{ n: number }>(
      `WITH d AS (
         UPDATE burns AS b SET status = u.st, problem = u.pr, posted_from_hold = u.fh, posted_as_debt = u.ad, transfer_id = u.tid,
                debt_transfer_id = u.dtid, disputed = u.x, dispute_reason = u.xr, dispute_transfer_id = u.xtid, decided_at_ms = $9, run_id = $10
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $11::bigint[], $12::text[], $13::bigint[])
                AS u(seq, st, pr, fh, ad, tid, dtid, x, xr, xtid)
          WHERE b.site_id = $1 AND b.seq = u.seq AND b.status = 'staged'
         RETURNING 1
       ) SELECT count(*)::int AS n FROM d`,
      [
        siteId,
        others.map((d) => d.record.seq),
        others.map((d) => d.status),
        others.map((d) => d.problem ?? null),
        others.map((d) => d.fromHold),
        others.map((d) => d.asDebt),
        others.map((d) => transferIdsOf(d, posted).tid),
        others.map((d) => transferIdsOf(d, posted).dtid),
        nowMs,
        runId,
        others.map((d) => d.disputed),
        others.map((d) => d.disputeReason ?? null),
        others.map((d) => transferIdsOf(d, posted).xtid),
      ],
    );
    n += rows[0]?.n ?? 0;
  }
  return n;
}
