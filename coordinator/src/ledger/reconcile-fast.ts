import { GENESIS_HASH, type BurnRecordData } from '@edgefleet/proto';
import type { Queryable } from '../db/index.js';
import { copyBinaryChunks, type CopyColumnType } from '../db/copy-binary.js';
import { EdgefleetError } from '@edgefleet/common';
import { BURN_COLUMNS, BURN_HASH_SQL, checkBurnRecord } from './burn-record.js';
import { LedgerInvariantError } from './errors.js';
import { lockHolds } from './holds.js';
import { holdStates, postDecisions, readLeases, transferIdsOf } from './reconcile.js';
import {
  planSite,
  type Decision,
  type HoldState,
  type LeaseInfo,
  type StagedBurn,
} from './reconcile-plan.js';
import { mergeSiteReports, saveSiteReports } from './reports.js';
import { stageBurns, type ChainRow, type StageResult } from './stage.js';
import type { SiteReconciliation } from './types.js';

/** A record's own hash did not match in the fast path's INSERT: the group is rolled back and retried with JavaScript checks. */
export class FastPathHashError extends EdgefleetError {
  constructor(decided: number, written: number) {
    super(
      'LEDGER_FAST_PATH_HASH',
      `${decided - written} of ${decided} burns failed the hash check at the fast path`,
      { decided, written },
    );
  }
}

/** One batch as a site sent it. */
export interface BurnBatch {
  siteId: string;
  records: readonly unknown[];
}

/**
 * What became of a batch: staged for the next reconciliation run (the counts of stageBurns), or
 * posted at once by the fast path (`posted` records; `ackedSeq` is the site's new chain head and
 * `runId` the rolling run its report went into).
 */
export interface IngestResult extends StageResult {
  posted: number;
  ackedSeq: number;
  runId?: string;
  report?: SiteReconciliation;
}

export interface FastPathOptions {
  /**
   * Where each record's own hash is recomputed: 'sql' in the INSERT itself (a mismatch throws
   * FastPathHashError and the caller retries with 'js'), or 'js' before deciding (a mismatch sends
   * the batch to staging, where reconciliation marks the record tampered). prev_hash links are
   * always checked in JavaScript.
   */
  verifyHashes: 'sql' | 'js';
  clockSkewMs: number;
  lateGraceMs: number;
  /** The rolling run fast-path decisions are reported under. */
  run: { runId: string; startedAtMs: number };
}

/**
 * Ingests batches (one event-loop turn's worth) in the caller's transaction, in a fixed number of
 * statements whatever their count. Every site's chain row is locked first (one statement, in site
 * order), then every hold the batches' leases name (in id order): the order reconciliation takes
 * (chain, then holds), so the two never deadlock on each other. Then, batch by batch in arrival
 * order, a batch that continues its site's chain head with no gap, while nothing of the site waits in
 * staging, every record valid and chaining, every lease known and the site's own, is decided here
 * (decideFast); the decided burns of every site are then written once, already decided, with their
 * aggregate transfers, holds, leases, chain heads and report rows (writeFast). Anything else is staged
 * as before for the next reconciliation run (stageBurns), and so is every later batch of its site.
 */
export async function ingestBatches(
  q: Queryable,
  batches: readonly BurnBatch[],
  nowMs: number,
  opts: FastPathOptions,
): Promise<IngestResult[]> {
  const sites = [...new Set(batches.map((b) => b.siteId))].sort();
  const chainRows = await q.query<ChainRow & { site_id: string }>(
    `INSERT INTO site_chains AS c (site_id, head_hash, updated_at_ms) SELECT s, $2, $3 FROM unnest($1::text[]) AS u(s) ORDER BY s
     ON CONFLICT (site_id) DO UPDATE SET staged_up_to = c.staged_up_to
     RETURNING site_id, head_seq, head_hash, pending_duplicate, pending_tampered, staged_up_to`,
    [sites, GENESIS_HASH, nowMs],
  );
  const chains = new Map<string, SiteState>(
    chainRows.map((c) => [
      c.site_id,
      {
        head: { seq: c.head_seq, hash: c.head_hash },
        blocked: c.staged_up_to > c.head_seq,
        ds: [],
        records: [],
        counts: undefined,
      },
    ]),
  );
  const leaseIds = new Set<string>();
  for (const b of batches)
    for (const r of b.records) {
      const id = (r as { lease_id?: unknown } | null)?.lease_id;
      if (typeof id === 'string') leaseIds.add(id);
    }
  // Read with every site's chain row locked: a lease's burned total only moves under its site's lock.
  const { rows: leaseRows, leases } = await readLeases(q, [...leaseIds]);
  const holds = holdStates(
    await lockHolds(
      q,
      leaseRows.map((l) => l.hold_id),
    ),
  );

  // Decide (no writes): which batches post now, and what they post.
  const fast: (SiteReconciliation | undefined)[] = batches.map((b) => {
    const site = chains.get(b.siteId);
    if (!site)
      throw new LedgerInvariantError(`site chain ${b.siteId}: not locked`, { siteId: b.siteId });
    const r = site.blocked ? undefined : decideFast(b, site, leases, holds, opts);
    if (!r) site.blocked = true;
    return r;
  });
  await writeFast(q, chains, nowMs, opts);
  const out: IngestResult[] = [];
  for (const [i, b] of batches.entries()) {
    const report = fast[i];
    if (report)
      out.push({
        staged: 0,
        duplicate: 0,
        tampered: 0,
        refused: 0,
        posted: report.accepted,
        ackedSeq: report.ackedSeq,
        runId: opts.run.runId,
        report,
      });
    else out.push({ ...(await stageBurns(q, b.siteId, b.records, nowMs)), posted: 0, ackedSeq: 0 });
  }
  return out;
}

interface SiteState {
  head: { seq: number; hash: string };
  /** Something of the site waits in staging (before or in this group): the rest of it is staged too. */
  blocked: boolean;
  /** Decided in this group, in seq order, and the full records they decide (same order). */
  ds: Decision[];
  records: BurnRecordData[];
  /** The site's report for this group. */
  counts: SiteReconciliation | undefined;
}

/**
 * The fast path's decision for one batch, or undefined when it does not apply. Moves the site's head,
 * the holds' remaining amounts and the leases' burned totals (the next batch of the group sees them).
 * The bounds are planSite's, as in a reconciliation run: a disputed burn is decided here too.
 */
function decideFast(
  b: BurnBatch,
  site: SiteState,
  leases: Map<string, LeaseInfo>,
  holds: Map<string, HoldState>,
  opts: FastPathOptions,
): SiteReconciliation | undefined {
  if (b.records.length === 0) return undefined;
  const records: BurnRecordData[] = [];
  for (const raw of b.records) {
    const c = checkBurnRecord(raw, b.siteId);
    if (!c.ok) return undefined;
    records.push(c.record);
  }
  records.sort((x, y) => x.seq - y.seq);
  for (let i = 0; i < records.length; i++)
    if (records[i]?.seq !== site.head.seq + 1 + i) return undefined;
  for (const r of records) {
    const l = leases.get(r.lease_id);
    if (!l || l.siteId !== b.siteId || !holds.has(l.holdId)) return undefined;
  }
  // 'sql': the links are checked here (prev_hash), the hashes by the INSERT.
  let prevHash = site.head.hash;
  const staged: readonly StagedBurn[] =
    opts.verifyHashes === 'js'
      ? records
      : records.map((r) => {
          const link = r.prev_hash === prevHash ? ('ok' as const) : ('prev_mismatch' as const);
          prevHash = r.hash;
          return {
            seq: r.seq,
            lease_id: r.lease_id,
            micro_tokens: r.micro_tokens,
            started_at_ms: r.started_at_ms,
            ended_at_ms: r.ended_at_ms,
            ...(r.mig_instance_uuid ? { mig_instance_uuid: r.mig_instance_uuid } : {}),
            link,
          };
        });
  const plan = planSite({
    siteId: b.siteId,
    head: site.head,
    staged,
    leases,
    holds,
    clockSkewMs: opts.clockSkewMs,
    lateGraceMs: opts.lateGraceMs,
  });
  const last = records[records.length - 1];
  if (
    !last ||
    plan.stopped ||
    plan.decisions.length !== records.length ||
    plan.decisions.some((d) => !d.lease) ||
    plan.head.seq !== last.seq
  )
    return undefined;
  for (const d of plan.decisions) {
    const h = d.lease ? holds.get(d.lease.holdId) : undefined;
    if (h) h.remaining -= d.fromHold;
    const l = d.lease ? leases.get(d.lease.leaseId) : undefined;
    if (l) leases.set(l.leaseId, { ...l, burned: l.burned + d.fromHold + d.asDebt });
  }
  site.head = { seq: last.seq, hash: last.hash };
  site.ds.push(...plan.decisions);
  site.records.push(...records);
  const report: SiteReconciliation = {
    siteId: b.siteId,
    ...plan.counts,
    duplicate: 0,
    ackedSeq: last.seq,
    resendFrom: 0,
  };
  site.counts = site.counts ? mergeSiteReports(site.counts, report) : report;
  return report;
}

/** Writes every site's fast decisions of the group: transfers, holds, leases, burns (once each), heads, reports. */
async function writeFast(
  q: Queryable,
  chains: ReadonlyMap<string, SiteState>,
  nowMs: number,
  opts: FastPathOptions,
): Promise<void> {
  const parts = [...chains]
    .filter(([, s]) => s.ds.length > 0)
    .map(([siteId, s]) => ({ siteId, ds: s.ds, s }));
  if (parts.length === 0) return;
  const runId = opts.run.runId;
  const posted = await postDecisions(q, runId, parts, nowMs);
  const rows: DecidedRow[] = [];
  parts.forEach((p, i) => {
    const t = posted[i];
    if (!t) throw new LedgerInvariantError(`site ${p.siteId}: no transfers`, { siteId: p.siteId });
    for (const [j, d] of p.ds.entries()) {
      const r = p.s.records[j];
      if (!r || r.seq !== d.record.seq)
        throw new LedgerInvariantError(
          `site ${p.siteId}: decision ${d.record.seq} without its record`,
          { siteId: p.siteId },
        );
      rows.push({ d, r, ...transferIdsOf(d, t) });
    }
  });
  await insertDecided(q, rows, nowMs, runId, opts.verifyHashes === 'sql');
  await q.query(
    `UPDATE site_chains AS c SET head_seq = u.h, head_hash = u.hh, staged_up_to = GREATEST(c.staged_up_to, u.h), updated_at_ms = $4
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(s, h, hh) WHERE c.site_id = u.s`,
    [
      parts.map((p) => p.siteId),
      parts.map((p) => p.s.head.seq),
      parts.map((p) => p.s.head.hash),
      nowMs,
    ],
  );
  await saveSiteReports(
    q,
    opts.run,
    parts.flatMap((p) => (p.s.counts ? [p.s.counts] : [])),
    nowMs,
  );
}

type DecidedRow = {
  d: Decision;
  r: BurnRecordData;
  tid: number | null;
  dtid: number | null;
  xtid: number | null;
};

const DECIDED_COLUMNS = `${BURN_COLUMNS}, status, posted_from_hold, posted_as_debt, transfer_id, debt_transfer_id, disputed, dispute_reason, dispute_transfer_id, staged_at_ms, decided_at_ms, run_id`;
const DECIDED_TYPES: readonly CopyColumnType[] = [
  'text',
  'int8',
  'text',
  'text',
  'text',
  'text',
  'int8',
  'int8',
  'int8',
  'text',
  'text',
  'text', // BURN_COLUMNS (the last: mig_instance_uuid)
  'text',
  'int8',
  'int8',
  'int8',
  'int8',
  'int8',
  'text',
  'int8',
  'int8',
  'int8',
  'text',
];

/**
 * The burns rows, written once, already decided: the (site_id, seq) primary key refuses a seq that
 * is already stored (the transaction rolls back; it cannot happen while the chain row is locked and
 * nothing is staged above the head, so it is an invariant, not a duplicate). On PostgreSQL, with the
 * hashes already checked in JavaScript, one binary COPY (about twice as fast as the INSERT below:
 * no array literals to build and parse); otherwise one INSERT … SELECT FROM unnest, which can check
 * every record's own hash as it inserts (`checkHashes`).
 */
async function insertDecided(
  q: Queryable,
  rows: readonly DecidedRow[],
  nowMs: number,
  runId: string,
  checkHashes: boolean,
): Promise<void> {
  if (!checkHashes && q.copyFrom) {
    // In pieces of 1,000 rows: the server stores one while the next is encoded.
    const data = copyBinaryChunks(
      DECIDED_TYPES,
      rows.map(({ d, r, tid, dtid, xtid }) => [
        r.site_id,
        r.seq,
        r.lease_id,
        r.accelerator_model,
        r.accelerator_serial,
        r.slot,
        r.started_at_ms,
        r.ended_at_ms,
        r.micro_tokens,
        r.prev_hash,
        r.hash,
        r.mig_instance_uuid ?? '',
        d.status,
        d.fromHold,
        d.asDebt,
        tid,
        dtid,
        d.disputed,
        d.disputeReason ?? null,
        xtid,
        nowMs,
        nowMs,
        runId,
      ]),
      1000,
    );
    const n = await q.copyFrom(`COPY burns (${DECIDED_COLUMNS}) FROM STDIN (FORMAT binary)`, data);
    if (n !== rows.length)
      throw new LedgerInvariantError(`${rows.length} burns decided but ${n} written`, {
        burns: rows.length,
      });
    return;
  }
  const rs = rows.map((x) => x.r);
  const [res] = await q.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO burns (${DECIDED_COLUMNS})
       SELECT ${BURN_COLUMNS}, st, fh, ad, tid, dtid, x, xr, xtid, $17::bigint, $17::bigint, $18::text
         FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[],
                     $10::text[], $11::text[], $22::text[], $12::text[], $13::bigint[], $14::bigint[], $15::bigint[], $16::bigint[],
                     $19::bigint[], $20::text[], $21::bigint[])
              AS u(${BURN_COLUMNS}, st, fh, ad, tid, dtid, x, xr, xtid)
        ${checkHashes ? `WHERE ${BURN_HASH_SQL} = hash` : ''}
       RETURNING 1
     ) SELECT count(*)::int AS n FROM ins`,
    [
      rs.map((r) => r.site_id),
      rs.map((r) => r.seq),
      rs.map((r) => r.lease_id),
      rs.map((r) => r.accelerator_model),
      rs.map((r) => r.accelerator_serial),
      rs.map((r) => r.slot),
      rs.map((r) => r.started_at_ms),
      rs.map((r) => r.ended_at_ms),
      rs.map((r) => r.micro_tokens),
      rs.map((r) => r.prev_hash),
      rs.map((r) => r.hash),
      rows.map((x) => x.d.status),
      rows.map((x) => x.d.fromHold),
      rows.map((x) => x.d.asDebt),
      rows.map((x) => x.tid),
      rows.map((x) => x.dtid),
      nowMs,
      runId,
      rows.map((x) => x.d.disputed),
      rows.map((x) => x.d.disputeReason ?? null),
      rows.map((x) => x.xtid),
      rs.map((r) => r.mig_instance_uuid ?? ''),
    ],
  );
  if (checkHashes && (res?.n ?? 0) < rows.length)
    throw new FastPathHashError(rows.length, res?.n ?? 0);
  if ((res?.n ?? 0) !== rows.length)
    throw new LedgerInvariantError(`${rows.length} burns decided but ${res?.n ?? 0} written`, {
      burns: rows.length,
    });
}
