import type { Queryable } from '../db/index.js';
import { customerAccount, holdAccount } from './accounts.js';
import { DuplicateReferenceError, HoldClosedError, InsufficientBalanceError, InvalidLedgerArgumentError, UnknownHoldError } from './errors.js';
import type { Outcome } from './group-commit.js';
import { postTransfers } from './postings.js';

export type HoldStatus = 'pending' | 'released' | 'expired';

export interface HoldRow {
  id: string;
  customer_id: string;
  amount: number;
  posted: number;
  released: number;
  status: HoldStatus;
  expires_at_ms: number;
}

const HOLD_COLUMNS = 'id, customer_id, amount, posted, released, status, expires_at_ms';

/** What is still held: the hold account's balance. */
export const remainingOf = (h: HoldRow): number => h.amount - h.posted - h.released;

export async function lockHold(q: Queryable, holdId: string): Promise<HoldRow> {
  const [h] = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = $1 FOR UPDATE`, [holdId]);
  if (!h) throw new UnknownHoldError(holdId);
  return h;
}

/** Locks several holds in id order (the order every path takes, so they never deadlock). */
export async function lockHolds(q: Queryable, holdIds: readonly string[]): Promise<Map<string, HoldRow>> {
  if (holdIds.length === 0) return new Map();
  const rows = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [
    [...new Set(holdIds)].sort(),
  ]);
  return new Map(rows.map((r) => [r.id, r]));
}

export interface PlaceHold {
  holdId: string;
  customerId: string;
  microTokens: number;
  expiresAtMs: number;
}

/**
 * customer → hold:{id} for a batch of requests in one transaction (group commit at Acquire). The
 * customers' balance rows are locked first, in id order, so concurrent batches (other replicas)
 * queue on them and each sees what the previous left: no overdraft under any interleaving. The
 * requests are decided in order against a running balance; each gets its own outcome. Placing the
 * same hold again (a retried Acquire) is a no-op; the same id with other terms is refused.
 */
export async function placeHolds(q: Queryable, reqs: readonly PlaceHold[], nowMs: number): Promise<Outcome<void>[]> {
  const accounts = [...new Set(reqs.map((r) => customerAccount(r.customerId)))].sort();
  const locked = await q.query<{ id: string; balance: number }>('SELECT id, balance FROM accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [accounts]);
  const balance = new Map(locked.map((r) => [r.id, r.balance]));
  const existing = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = ANY($1::text[])`, [[...new Set(reqs.map((r) => r.holdId))]]);
  const known = new Map(existing.map((h) => [h.id, { customerId: h.customer_id, amount: h.amount }]));
  const placed: PlaceHold[] = [];
  const outcomes = reqs.map((h): Outcome<void> => {
    const prior = known.get(h.holdId);
    if (prior) {
      if (prior.customerId === h.customerId && prior.amount === h.microTokens) return { ok: true, value: undefined };
      return { ok: false, error: new DuplicateReferenceError('hold', h.holdId, { customerId: prior.customerId, microTokens: prior.amount }) };
    }
    const account = customerAccount(h.customerId);
    const available = balance.get(account) ?? 0;
    if (available < h.microTokens) return { ok: false, error: new InsufficientBalanceError(h.customerId, available, h.microTokens) };
    balance.set(account, available - h.microTokens);
    known.set(h.holdId, { customerId: h.customerId, amount: h.microTokens });
    placed.push(h);
    return { ok: true, value: undefined };
  });
  if (placed.length > 0) {
    await q.query(
      `INSERT INTO holds (id, customer_id, amount, expires_at_ms, created_at_ms)
       SELECT i, c, a, e, $5 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS u(i, c, a, e)`,
      [placed.map((h) => h.holdId), placed.map((h) => h.customerId), placed.map((h) => h.microTokens), placed.map((h) => h.expiresAtMs), nowMs],
    );
    await postTransfers(
      q,
      placed.map((h) => ({ kind: 'hold' as const, debit: customerAccount(h.customerId), credit: holdAccount(h.holdId), amount: h.microTokens, holdId: h.holdId })),
      nowMs,
    );
  }
  return outcomes;
}

export interface RegisterLease {
  leaseId: string;
  holdId: string;
  siteId: string;
  customerId: string;
  model: string;
  budgetMicroTokens: number;
  issuedAtMs: number;
  expiresAtMs: number;
}

export async function registerLease(q: Queryable, l: RegisterLease): Promise<void> {
  const hold = await lockHold(q, l.holdId);
  if (hold.customer_id !== l.customerId) {
    throw new InvalidLedgerArgumentError(`lease ${l.leaseId} names customer ${l.customerId} but hold ${l.holdId} belongs to ${hold.customer_id}`, { ...l });
  }
  const inserted = await q.query(
    `INSERT INTO leases (id, hold_id, site_id, customer_id, model, budget, issued_at_ms, expires_at_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [l.leaseId, l.holdId, l.siteId, l.customerId, l.model, l.budgetMicroTokens, l.issuedAtMs, l.expiresAtMs],
  );
  if (inserted.length > 0) {
    if (hold.status !== 'pending') throw new HoldClosedError(l.holdId, hold.status); // rolls the insert back
    return;
  }
  const [e] = await q.query<{ hold_id: string; site_id: string; model: string; budget: number; issued_at_ms: number }>(
    'SELECT hold_id, site_id, model, budget, issued_at_ms FROM leases WHERE id = $1',
    [l.leaseId],
  );
  const same = e && e.hold_id === l.holdId && e.site_id === l.siteId && e.model === l.model && e.budget === l.budgetMicroTokens && e.issued_at_ms === l.issuedAtMs;
  if (!same) throw new DuplicateReferenceError('lease', l.leaseId, { existing: e });
}

/**
 * Registers several leases in one transaction (group commit), each under its own savepoint so a
 * refused one (closed hold, conflicting duplicate) rolls back alone and gets its own error.
 */
export async function registerLeases(q: Queryable, ls: readonly RegisterLease[]): Promise<Outcome<void>[]> {
  const out: Outcome<void>[] = [];
  for (const l of ls) {
    await q.exec('SAVEPOINT register_lease');
    try {
      await registerLease(q, l);
      await q.exec('RELEASE SAVEPOINT register_lease');
      out.push({ ok: true, value: undefined });
    } catch (error) {
      await q.exec('ROLLBACK TO SAVEPOINT register_lease');
      out.push({ ok: false, error });
    }
  }
  return out;
}

/** Extends a pending hold and its leases; never shortens them. */
export async function renewHold(q: Queryable, holdId: string, expiresAtMs: number): Promise<void> {
  const hold = await lockHold(q, holdId);
  if (hold.status !== 'pending') throw new HoldClosedError(holdId, hold.status);
  await q.query('UPDATE holds SET expires_at_ms = GREATEST(expires_at_ms, $2) WHERE id = $1', [holdId, expiresAtMs]);
  await q.query('UPDATE leases SET expires_at_ms = GREATEST(expires_at_ms, $2) WHERE hold_id = $1', [holdId, expiresAtMs]);
}

/**
 * Voids the remainders of locked, pending holds back to their customers (hold:{id} → customer) in
 * one posting, and closes them. Holds already closed are left as they are.
 */
export async function closeHolds(q: Queryable, holds: readonly HoldRow[], reason: 'released' | 'expired', nowMs: number): Promise<HoldRow[]> {
  const open = holds.filter((h) => h.status === 'pending');
  if (open.length === 0) return [];
  await postTransfers(
    q,
    open.map((h) => ({ kind: 'release' as const, debit: holdAccount(h.id), credit: customerAccount(h.customer_id), amount: remainingOf(h), holdId: h.id, ref: reason })),
    nowMs,
  );
  await q.query(
    `UPDATE holds AS h SET status = $3, released = u.released, closed_at_ms = $4
       FROM unnest($1::text[], $2::bigint[]) AS u(id, released) WHERE h.id = u.id AND h.status = 'pending'`,
    [open.map((h) => h.id), open.map(remainingOf), reason, nowMs],
  );
  return open.map((h) => ({ ...h, status: reason, released: remainingOf(h) }));
}

/** Idempotent: a closed hold answers with what it burned and released when it closed. */
export async function releaseHold(q: Queryable, holdId: string, reason: 'released' | 'expired', nowMs: number): Promise<{ burned: number; released: number }> {
  const hold = await lockHold(q, holdId);
  const [closed] = hold.status === 'pending' ? await closeHolds(q, [hold], reason, nowMs) : [hold];
  return { burned: hold.posted, released: closed?.released ?? 0 };
}

/** One batch of expired holds: candidates another transaction has locked are skipped (next sweep). */
/** Marks a pending hold to be released at `atMs` (the earliest mark wins). Closed holds are left as they are. */
export async function scheduleRelease(q: Queryable, holdId: string, atMs: number): Promise<HoldRow> {
  const hold = await lockHold(q, holdId);
  if (hold.status === 'pending') {
    await q.query('UPDATE holds SET release_at_ms = LEAST(COALESCE(release_at_ms, $2), $2) WHERE id = $1', [holdId, atMs]);
  }
  return hold;
}

/** Voids the holds whose scheduled release time has come (reason: released). */
export async function releaseDueBatch(q: Queryable, nowMs: number, limit: number): Promise<number> {
  const due = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE status = 'pending' AND release_at_ms IS NOT NULL AND release_at_ms <= $1
      ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [nowMs, limit],
  );
  return (await closeHolds(q, due, 'released', nowMs)).length;
}

export async function readHold(q: Queryable, holdId: string): Promise<HoldRow> {
  const [h] = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = $1`, [holdId]);
  if (!h) throw new UnknownHoldError(holdId);
  return h;
}

export async function expireHoldBatch(q: Queryable, nowMs: number, graceMs: number, limit: number): Promise<number> {
  const due = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE status = 'pending' AND expires_at_ms + $2 <= $1
      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [nowMs, graceMs, limit],
  );
  return (await closeHolds(q, due, 'expired', nowMs)).length;
}
