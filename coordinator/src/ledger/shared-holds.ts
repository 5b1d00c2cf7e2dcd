import type { Queryable } from '../db/index.js';
import { HoldClosedError, LedgerUnknownHoldError } from './errors.js';
import type { HoldStatus } from './holds.js';

/**
 * The rows that let any coordinator replica serve a hold it did not grant (migration 016): the hold
 * as Renew, Release and Watch see it, its live leases, and the change numbers every replica follows.
 */

/** A hold as a replica serving it needs it; `seq` is its last change number (0: never changed). */
export interface HoldView {
  seq: number;
  holdId: string;
  customerId: string;
  status: HoldStatus;
  expiresAtMs: number;
  /** When a Release (on any replica) scheduled it to close; null while it runs. */
  releaseAtMs: number | null;
}

/** A live lease of a hold: what its token and its Lease message are made from. */
export interface LeaseGrant {
  leaseId: string;
  holdId: string;
  siteId: string;
  customerId: string;
  model: string;
  budgetMicroTokens: number;
  issuedAtMs: number;
  expiresAtMs: number;
  isolation: string;
  slot: string;
  acceleratorModel: string;
  migInstanceUuid: string;
}

type ViewRow = {
  change_seq: number;
  id: string;
  customer_id: string;
  status: HoldStatus;
  expires_at_ms: number;
  release_at_ms: number | null;
};
const VIEW_COLUMNS = 'change_seq, id, customer_id, status, expires_at_ms, release_at_ms';
const toView = (r: ViewRow): HoldView => ({
  seq: Number(r.change_seq),
  holdId: r.id,
  customerId: r.customer_id,
  status: r.status,
  expiresAtMs: Number(r.expires_at_ms),
  releaseAtMs: r.release_at_ms === null ? null : Number(r.release_at_ms),
});

type GrantRow = {
  id: string;
  hold_id: string;
  site_id: string;
  customer_id: string;
  model: string;
  budget: number;
  issued_at_ms: number;
  expires_at_ms: number;
  isolation: string;
  slot: string;
  accelerator_model: string;
  mig_instance_uuid: string;
};
const GRANT_COLUMNS =
  'id, hold_id, site_id, customer_id, model, budget, issued_at_ms, expires_at_ms, isolation, slot, accelerator_model, mig_instance_uuid';
const toGrant = (r: GrantRow): LeaseGrant => ({
  leaseId: r.id,
  holdId: r.hold_id,
  siteId: r.site_id,
  customerId: r.customer_id,
  model: r.model,
  budgetMicroTokens: Number(r.budget),
  issuedAtMs: Number(r.issued_at_ms),
  expiresAtMs: Number(r.expires_at_ms),
  isolation: r.isolation,
  slot: r.slot,
  acceleratorModel: r.accelerator_model,
  migInstanceUuid: r.mig_instance_uuid,
});

export async function readHoldViews(q: Queryable, holdIds: readonly string[]): Promise<HoldView[]> {
  if (holdIds.length === 0) return [];
  const rows = await q.query<ViewRow>(
    `SELECT ${VIEW_COLUMNS} FROM holds WHERE id = ANY($1::text[])`,
    [[...new Set(holdIds)]],
  );
  return rows.map(toView);
}

/** Holds changed (renewed, released) after change number `seq`, oldest change first. */
export async function holdChangesSince(
  q: Queryable,
  seq: number,
  limit: number,
): Promise<HoldView[]> {
  const rows = await q.query<ViewRow>(
    `SELECT ${VIEW_COLUMNS} FROM holds WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
    [seq, limit],
  );
  return rows.map(toView);
}

export async function holdChangeHead(q: Queryable): Promise<number> {
  const [r] = await q.query<{ m: number | null }>(
    'SELECT max(change_seq) AS m FROM holds WHERE change_seq > 0',
  );
  return Number(r?.m ?? 0);
}

/** The hold's leases that are still live (not moved off a lost site), oldest first. */
export async function liveLeasesOf(q: Queryable, holdId: string): Promise<LeaseGrant[]> {
  const rows = await q.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM leases WHERE hold_id = $1 AND ended_at_ms IS NULL ORDER BY issued_at_ms, id`,
    [holdId],
  );
  return rows.map(toGrant);
}

/** Marks leases ended (moved off a lost site): no replica renews or lists them any more. */
export async function endLeases(
  q: Queryable,
  leaseIds: readonly string[],
  atMs: number,
): Promise<void> {
  if (leaseIds.length === 0) return;
  // A lease is a row of lease_rows or carried on its hold's row (migration 115); those hold rows
  // are locked in id order, as every path locks holds.
  await q.query(
    `WITH rows AS (
       UPDATE lease_rows SET ended_at_ms = $2 WHERE id = ANY($1::text[]) AND ended_at_ms IS NULL
     ), carried AS (
       SELECT id FROM holds WHERE lease_id = ANY($1::text[]) AND lease_ended_at_ms IS NULL ORDER BY id COLLATE "C" FOR UPDATE
     )
     UPDATE holds AS h SET lease_ended_at_ms = $2 FROM carried c WHERE h.id = c.id`,
    [[...leaseIds], atMs],
  );
}

/**
 * Renew from any replica: under the hold's row lock, extends a hold that is still live (pending,
 * no Release scheduled, and, with `liveAtMs`, not yet past its expiry) and its leases, never
 * shortening them, and takes a change number so every replica learns the new expiry. Returns the
 * live leases. A hold that is no longer live throws HoldClosedError; no hold, LedgerUnknownHoldError.
 */
export async function renewLiveHold(
  q: Queryable,
  holdId: string,
  expiresAtMs: number,
  liveAtMs?: number,
): Promise<LeaseGrant[]> {
  const [h] = await q.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM holds WHERE id = $1 FOR UPDATE`, [
    holdId,
  ]);
  if (!h) throw new LedgerUnknownHoldError(holdId);
  if (h.status !== 'pending') throw new HoldClosedError(holdId, h.status);
  if (h.release_at_ms !== null) throw new HoldClosedError(holdId, 'released');
  if (liveAtMs !== undefined && Number(h.expires_at_ms) <= liveAtMs)
    throw new HoldClosedError(holdId, 'expired');
  // The hold, and the live lease its row may carry (migration 115); then its rows in lease_rows.
  await q.query(
    `UPDATE holds SET expires_at_ms = GREATEST(expires_at_ms, $2), change_seq = nextval('hold_change_seq'),
            lease_expires_at_ms = CASE WHEN lease_id IS NOT NULL AND lease_ended_at_ms IS NULL
                                       THEN GREATEST(lease_expires_at_ms, $2) ELSE lease_expires_at_ms END
      WHERE id = $1`,
    [holdId, expiresAtMs],
  );
  await q.query(
    'UPDATE lease_rows SET expires_at_ms = GREATEST(expires_at_ms, $2) WHERE hold_id = $1 AND ended_at_ms IS NULL',
    [holdId, expiresAtMs],
  );
  const rows = await q.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM leases WHERE hold_id = $1 AND ended_at_ms IS NULL`,
    [holdId],
  );
  return rows
    .map(toGrant)
    .sort((a, b) => a.issuedAtMs - b.issuedAtMs || (a.leaseId < b.leaseId ? -1 : 1));
}

/**
 * Release from any replica: under the hold's row lock, marks a pending hold to close at `atMs` (the
 * earliest mark wins) and takes a change number. Returns true when this call was the first Release
 * of a live hold, false when the hold was already released (here or on another replica) or closed:
 * of two concurrent Releases on two replicas exactly one gets true.
 */
export async function scheduleFirstRelease(
  q: Queryable,
  holdId: string,
  atMs: number,
): Promise<boolean> {
  const [h] = await q.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM holds WHERE id = $1 FOR UPDATE`, [
    holdId,
  ]);
  if (!h) throw new LedgerUnknownHoldError(holdId);
  if (h.status !== 'pending') return false;
  await q.query(
    "UPDATE holds SET release_at_ms = LEAST(COALESCE(release_at_ms, $2), $2), change_seq = nextval('hold_change_seq') WHERE id = $1",
    [holdId, atMs],
  );
  return h.release_at_ms === null;
}
