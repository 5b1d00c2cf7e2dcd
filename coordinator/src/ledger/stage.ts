import type { BurnRecordData } from '@edgefleet/proto';
import { GENESIS_HASH } from '@edgefleet/proto';
import type { Queryable } from '../db/index.js';
import {
  BURN_COLUMNS,
  migOf,
  checkBurnRecord,
  pickRecord,
  refusedStandIn,
  rejectJson,
  sameRecord,
  seqOf,
} from './burn-record.js';

export interface StageResult {
  staged: number;
  duplicate: number;
  tampered: number;
  /** Authentic records the schema refused, staged as stand-ins (decided and acked by the next run). */
  refused: number;
}

interface Reject {
  seq: number | null;
  reason: 'conflict' | 'invalid' | 'superseded' | 'refused';
  record: string;
  detail: string;
}

export interface ChainRow {
  head_seq: number;
  head_hash: string;
  pending_duplicate: number;
  pending_tampered: number;
  /** Every staged record of the site has head_seq < seq <= staged_up_to. */
  staged_up_to: number;
}

/**
 * The site's chain row, created if new and locked: staging and reconciling one site never interleave.
 * `stagedUpTo` raises the row's staged_up_to (a staging batch's highest seq; 0 leaves it).
 */
export async function lockSiteChain(
  q: Queryable,
  siteId: string,
  nowMs: number,
  stagedUpTo = 0,
): Promise<ChainRow> {
  const [row] = await q.query<ChainRow>(
    `INSERT INTO site_chains AS c (site_id, head_hash, updated_at_ms, staged_up_to) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site_id) DO UPDATE SET staged_up_to = GREATEST(c.staged_up_to, EXCLUDED.staged_up_to)
     RETURNING head_seq, head_hash, pending_duplicate, pending_tampered, staged_up_to`,
    [siteId, GENESIS_HASH, nowMs, stagedUpTo],
  );
  if (!row) throw new Error(`site chain ${siteId}: no row`);
  return row;
}

/**
 * Ingests one batch into staging in the caller's transaction: one multi-row INSERT … ON CONFLICT
 * (site_id, seq) DO NOTHING, then the conflicts are compared with what is stored. Identical → a
 * duplicate (counted, nothing changes). Different → tampered: the new one is kept in burn_rejects,
 * never accepted — except when the stored record itself already failed chain verification: then the
 * resend takes its place (the bad one moves to burn_rejects), so a site can heal a corrupted record.
 * A record that fails validation is refused by name and kept in burn_rejects as sent. When it is
 * authentic (refusedStandIn: its own hash is right) a stand-in with its content cleared is staged in
 * its place, flagged `refused`: reconciliation moves the chain head past it, posting nothing, and the
 * site is acked. Otherwise it is counted as tampered and the chain waits for a resend.
 */
export async function stageBurns(
  q: Queryable,
  siteId: string,
  records: readonly unknown[],
  nowMs: number,
): Promise<StageResult> {
  const rejects: Reject[] = [];
  const bySeq = new Map<number, BurnRecordData>();
  const refused = new Map<number, string>();
  let duplicate = 0;
  for (const raw of records) {
    const check = checkBurnRecord(raw, siteId);
    if (!check.ok) {
      const standIn = refusedStandIn(raw, siteId);
      if (standIn && !bySeq.has(standIn.seq)) {
        const detail = `${check.reason}: ${check.problem}`;
        bySeq.set(standIn.seq, standIn);
        refused.set(standIn.seq, detail);
        rejects.push({ seq: standIn.seq, reason: 'refused', record: rejectJson(raw), detail });
        continue;
      }
      // The named reason (bad_lease_id, wrong_site…) leads the detail: the report counts it as tampered.
      rejects.push({
        seq: seqOf(raw),
        reason: 'invalid',
        record: rejectJson(raw),
        detail: `${check.reason}: ${check.problem}`,
      });
      continue;
    }
    const seen = bySeq.get(check.record.seq);
    if (!seen) bySeq.set(check.record.seq, check.record);
    else if (sameRecord(seen, check.record)) duplicate++;
    else
      rejects.push({
        seq: check.record.seq,
        reason: 'conflict',
        record: rejectJson(check.record),
        detail: 'same seq, different content, in one batch',
      });
  }
  const batch = [...bySeq.values()];
  // Locked first, before any row of the site is written (the order every path takes).
  await lockSiteChain(
    q,
    siteId,
    nowMs,
    batch.reduce((m, r) => Math.max(m, r.seq), 0),
  );
  let staged = 0;
  if (batch.length > 0) {
    // One row back, not one per record: the seqs that were already there (PGlite hands rows over
    // field by field, slowly), as text.
    const seqs = batch.map((r) => r.seq);
    const [res] = await q.query<{ n: number; clashing: string | null }>(
      `WITH ins AS (
         INSERT INTO burns (${BURN_COLUMNS}, refused, staged_at_ms)
         SELECT *, $12::bigint FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                  $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[], $14::text[], $13::text[])
         ON CONFLICT (site_id, seq) DO NOTHING RETURNING seq
       )
       SELECT (SELECT count(*)::int FROM ins) AS n,
              (SELECT string_agg(u.s::text, ',') FROM unnest($2::bigint[]) AS u(s) WHERE u.s NOT IN (SELECT seq FROM ins)) AS clashing`,
      [
        batch.map((r) => r.site_id),
        seqs,
        batch.map((r) => r.lease_id),
        batch.map((r) => r.accelerator_model),
        batch.map((r) => r.accelerator_serial),
        batch.map((r) => r.slot),
        batch.map((r) => r.started_at_ms),
        batch.map((r) => r.ended_at_ms),
        batch.map((r) => r.micro_tokens),
        batch.map((r) => r.prev_hash),
        batch.map((r) => r.hash),
        nowMs,
        batch.map((r) => refused.get(r.seq) ?? null),
        batch.map(migOf),
      ],
    );
    staged = res?.n ?? 0;
    const clash = new Set(
      (res?.clashing ?? '')
        .split(',')
        .filter((x) => x !== '')
        .map(Number),
    );
    const clashing = batch.filter((r) => clash.has(r.seq));
    if (staged + clashing.length !== batch.length)
      throw new Error(
        `burns ${siteId}: ${batch.length} offered, ${staged} staged, ${clashing.length} already there`,
      );
    if (clashing.length > 0) {
      const stored = await q.query<BurnRecordData & { status: string }>(
        `SELECT ${BURN_COLUMNS}, status FROM burns WHERE site_id = $1 AND seq = ANY($2::bigint[])`,
        [siteId, clashing.map((r) => r.seq)],
      );
      const storedBySeq = new Map(stored.map((s) => [s.seq, s]));
      for (const r of clashing) {
        const s = storedBySeq.get(r.seq);
        if (!s) throw new Error(`burn ${siteId}/${r.seq}: conflicted but not found`);
        if (sameRecord(pickRecord(s), r)) {
          duplicate++;
        } else if (s.status === 'tampered') {
          await supersede(q, r, pickRecord(s), refused.get(r.seq), nowMs, rejects);
          staged++;
        } else {
          rejects.push({
            seq: r.seq,
            reason: 'conflict',
            record: rejectJson(r),
            detail: `differs from the ${s.status} record with hash ${s.hash}`,
          });
        }
      }
    }
  }
  const tampered = rejects.filter((r) => r.reason === 'conflict' || r.reason === 'invalid').length;
  if (rejects.length > 0) {
    await q.query(
      `INSERT INTO burn_rejects (site_id, seq, reason, record, detail, received_at_ms)
       SELECT $1, s, r, j::jsonb, d, $6 FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS u(s, r, j, d)`,
      [
        siteId,
        rejects.map((r) => r.seq),
        rejects.map((r) => r.reason),
        rejects.map((r) => r.record),
        rejects.map((r) => r.detail),
        nowMs,
      ],
    );
  }
  if (duplicate > 0 || tampered > 0) {
    await q.query(
      'UPDATE site_chains SET pending_duplicate = pending_duplicate + $2, pending_tampered = pending_tampered + $3 WHERE site_id = $1',
      [siteId, duplicate, tampered],
    );
  }
  return { staged, duplicate, tampered, refused: refused.size };
}

/** A resend replaces a stored record that failed verification; the failed one is kept in burn_rejects. */
async function supersede(
  q: Queryable,
  r: BurnRecordData,
  old: BurnRecordData,
  refusedAs: string | undefined,
  nowMs: number,
  rejects: Reject[],
): Promise<void> {
  rejects.push({
    seq: r.seq,
    reason: 'superseded',
    record: rejectJson(old),
    detail: `failed chain verification; replaced by a resend with hash ${r.hash}`,
  });
  await q.query(
    `UPDATE burns SET lease_id = $3, accelerator_model = $4, accelerator_serial = $5, slot = $6, started_at_ms = $7,
            ended_at_ms = $8, micro_tokens = $9, prev_hash = $10, hash = $11, mig_instance_uuid = $14, status = 'staged', problem = NULL,
            refused = $13, staged_at_ms = $12, decided_at_ms = NULL, run_id = NULL
      WHERE site_id = $1 AND seq = $2 AND status = 'tampered'`,
    [
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
      nowMs,
      refusedAs ?? null,
      migOf(r),
    ],
  );
}
