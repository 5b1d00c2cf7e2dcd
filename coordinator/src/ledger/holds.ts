import type { Db, Queryable, Row, Statement } from '../db/index.js';
import { customerAccount, holdAccount } from './accounts.js';
import {
  DuplicateReferenceError,
  HoldClosedError,
  LedgerInsufficientBalanceError,
  InvalidLedgerArgumentError,
  LedgerInvariantError,
  LedgerUnknownHoldError,
} from './errors.js';
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
  /** When it was closed (null while pending). */
  closed_at_ms: number | null;
  /**
   * The account its remainder sits on: its own hold:{id}, or (placed from a slice, migration 114)
   * its replica's held:{replicaId}:{customerId}, shared with the replica's other holds of the customer.
   */
  account: string;
}

const HOLD_COLUMNS =
  "id, customer_id, amount, posted, released, status, expires_at_ms, closed_at_ms, COALESCE(account, 'hold:' || id) AS account";

/** What is still held: its own account's balance, or its part of its held account's. */
export const remainingOf = (h: HoldRow): number => h.amount - h.posted - h.released;

export async function lockHold(q: Queryable, holdId: string): Promise<HoldRow> {
  const [h] = await q.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = $1 FOR UPDATE`, [
    holdId,
  ]);
  if (!h) throw new LedgerUnknownHoldError(holdId);
  return h;
}

/** Locks several holds in id order (the order every path takes, so they never deadlock). */
export async function lockHolds(
  q: Queryable,
  holdIds: readonly string[],
): Promise<Map<string, HoldRow>> {
  if (holdIds.length === 0) return new Map();
  const rows = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE`,
    [[...new Set(holdIds)].sort()],
  );
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
export async function placeHolds(
  q: Queryable,
  reqs: readonly PlaceHold[],
  nowMs: number,
): Promise<Outcome<void>[]> {
  const accounts = [...new Set(reqs.map((r) => customerAccount(r.customerId)))].sort();
  const locked = await q.query<{ id: string; balance: number }>(
    'SELECT id, balance FROM accounts WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE',
    [accounts],
  );
  const balance = new Map(locked.map((r) => [r.id, r.balance]));
  const existing = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE id = ANY($1::text[])`,
    [[...new Set(reqs.map((r) => r.holdId))]],
  );
  const known = new Map(
    existing.map((h) => [h.id, { customerId: h.customer_id, amount: h.amount }]),
  );
  const placed: PlaceHold[] = [];
  const outcomes = reqs.map((h): Outcome<void> => {
    const prior = known.get(h.holdId);
    if (prior) {
      if (prior.customerId === h.customerId && prior.amount === h.microTokens)
        return { ok: true, value: undefined };
      return {
        ok: false,
        error: new DuplicateReferenceError('hold', h.holdId, {
          customerId: prior.customerId,
          microTokens: prior.amount,
        }),
      };
    }
    const account = customerAccount(h.customerId);
    const available = balance.get(account) ?? 0;
    if (available < h.microTokens)
      return {
        ok: false,
        error: new LedgerInsufficientBalanceError(h.customerId, available, h.microTokens),
      };
    balance.set(account, available - h.microTokens);
    known.set(h.holdId, { customerId: h.customerId, amount: h.microTokens });
    placed.push(h);
    return { ok: true, value: undefined };
  });
  if (placed.length > 0) await insertHolds(q, placed, nowMs);
  return outcomes;
}

/**
 * The rows of holds decided to be placed, as CTEs of one statement: the holds, their hold:{id}
 * accounts (created holding the amount), the customers' balances moved down by what they hold, and
 * one 'hold' transfer each. The same accounts and transfers as postTransfers would write, without
 * its two general statements. `placeIf` guards every write (an SQL boolean). Parameters: see holdParams.
 */
const holdWrites = (placeIf: string): string => `new_holds AS (
       INSERT INTO holds (id, customer_id, amount, expires_at_ms, created_at_ms)
       SELECT i, c, a, e, $7::bigint FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS u(i, c, a, e) WHERE ${placeIf}
     ), hold_accounts AS (
       INSERT INTO accounts AS x (id, kind, balance) SELECT ha, 'hold', a FROM unnest($5::text[], $3::bigint[]) AS u(ha, a) WHERE ${placeIf}
       ON CONFLICT (id) DO UPDATE SET balance = x.balance + EXCLUDED.balance
     ), customers AS (
       UPDATE accounts AS x SET balance = x.balance - d.total FROM unnest($8::text[], $9::bigint[]) AS d(id, total) WHERE x.id = d.id AND ${placeIf}
     ), hold_transfers AS (
       INSERT INTO transfers (kind, debit_account, credit_account, amount, hold_id, created_at_ms)
       SELECT 'hold', ca, ha, a, i, $7::bigint FROM unnest($1::text[], $6::text[], $5::text[], $3::bigint[]) AS u(i, ca, ha, a) WHERE ${placeIf}
     )`;

/** Refuses an amount that is not a positive integer (for the whole batch). */
function assertHoldAmounts(placed: readonly PlaceHold[]): void {
  for (const h of placed) {
    if (!Number.isSafeInteger(h.microTokens) || h.microTokens <= 0)
      throw new LedgerInvariantError(
        `hold amount must be a positive integer (got ${h.microTokens})`,
        { holdId: h.holdId },
      );
  }
}

/** holdWrites' parameters: each hold taken from its customer's account. */
function holdParams(placed: readonly PlaceHold[], nowMs: number): unknown[] {
  assertHoldAmounts(placed);
  const source = (h: PlaceHold): string => customerAccount(h.customerId);
  const perSource = new Map<string, number>();
  for (const h of placed) perSource.set(source(h), (perSource.get(source(h)) ?? 0) + h.microTokens);
  return [
    placed.map((h) => h.holdId),
    placed.map((h) => h.customerId),
    placed.map((h) => h.microTokens),
    placed.map((h) => h.expiresAtMs),
    placed.map((h) => holdAccount(h.holdId)),
    placed.map(source),
    nowMs,
    [...perSource.keys()],
    [...perSource.values()],
  ];
}

/** A hold decided in memory against a replica's slice (slices.ts), written with its first lease. */
export interface SlicedHold extends PlaceHold {
  /** slice:{replicaId}:{customerId}: the account it is taken from. */
  sliceAccount: string;
  /** held:{replicaId}:{customerId}: the account its µT go to (with the replica's other holds of the customer). */
  heldAccount: string;
}

/**
 * A lease's columns on its hold's row (migration 115), in the order of the view `leases`, with the
 * expression of the statement's unnest that gives each. The lease goes on the row only when `keep`:
 * the hold has a first lease to carry whose id is not a row of lease_rows.
 */
const EMBEDDED_LEASE_COLUMNS: readonly [string, string][] = [
  ['lease_id', 'lid'],
  ['lease_site_id', 'site'],
  ['lease_model', 'model'],
  ['lease_budget', 'budget'],
  ['lease_burned', '0'],
  ['lease_issued_at_ms', 'issued'],
  ['lease_expires_at_ms', 'lexp'],
  ['lease_slot_fraction', 'sf'],
  ['lease_multiplier', 'mult'],
  ['lease_isolation', 'iso'],
  ['lease_slot', 'slot'],
  ['lease_accelerator_model', 'acc'],
  ['lease_mig_instance_uuid', 'mig'],
];

/**
 * The rows of holds already decided against their replica's slices, each naming the held account
 * its µT go to: one row per hold and nothing else (no account, no transfer of its own; migration
 * 114). A hold written with its first lease (`embed`, by hold id) carries that lease's columns on
 * the same row (migration 115): one durable row per Acquire, no lease row, no foreign-key check.
 * A lease whose id is already a row of lease_rows is not carried: the row comes back with lease_id
 * NULL and the caller registers that lease as any other, which decides it (a no-op or a
 * DuplicateReferenceError). One whose id another hold carries fails the statement on holds_lease (a
 * unique violation; probing holds for it here costs as much as the lease row saved): the caller
 * then writes the batch again carrying no lease. Rows: (id, lease_id) of each hold. Written before the
 * batch's lease rows, which lock holds; their µT move in slicedMovesStatement, after the lease rows,
 * in the same transaction.
 */
function slicedHoldRowsStatement(
  holds: readonly SlicedHold[],
  embed: ReadonlyMap<string, RegisterLease>,
  nowMs: number,
): Statement {
  assertHoldAmounts(holds);
  const ls = holds.map((h) => embed.get(h.holdId));
  // Both or neither, as in lease_rows: the rate bound needs the two.
  const withRate = (l: RegisterLease | undefined): boolean =>
    l?.slotFraction !== undefined && l.multiplier !== undefined;
  return {
    sql: `INSERT INTO holds (id, customer_id, amount, expires_at_ms, created_at_ms, account, ${EMBEDDED_LEASE_COLUMNS.map(([c]) => c).join(', ')})
       SELECT i, c, a, e, $5::bigint, ha, ${EMBEDDED_LEASE_COLUMNS.map(([, x]) => `CASE WHEN keep THEN ${x} END`).join(', ')}
         FROM (SELECT u.*, u.lid IS NOT NULL
                      AND u.lid <> ALL (ARRAY(SELECT r.id FROM lease_rows r WHERE r.id = ANY($7::text[]))) AS keep
                 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $6::text[], $7::text[], $8::text[], $9::text[],
                             $10::bigint[], $11::bigint[], $12::bigint[], $13::float8[], $14::float8[], $15::text[], $16::text[], $17::text[], $18::text[])
                      AS u(i, c, a, e, ha, lid, site, model, budget, issued, lexp, sf, mult, iso, slot, acc, mig)) AS s
       RETURNING id, lease_id`,
    params: [
      holds.map((h) => h.holdId),
      holds.map((h) => h.customerId),
      holds.map((h) => h.microTokens),
      holds.map((h) => h.expiresAtMs),
      nowMs,
      holds.map((h) => h.heldAccount),
      ls.map((l) => l?.leaseId ?? null),
      ls.map((l) => l?.siteId ?? null),
      ls.map((l) => l?.model ?? null),
      ls.map((l) => l?.budgetMicroTokens ?? null),
      ls.map((l) => l?.issuedAtMs ?? null),
      ls.map((l) => l?.expiresAtMs ?? null),
      ls.map((l) => (withRate(l) ? l?.slotFraction : null)),
      ls.map((l) => (withRate(l) ? l?.multiplier : null)),
      ls.map((l) => l?.isolation ?? ''),
      ls.map((l) => l?.slot ?? ''),
      ls.map((l) => l?.acceleratorModel ?? ''),
      ls.map((l) => l?.migInstanceUuid ?? ''),
    ],
  };
}

/**
 * What a batch of sliced holds takes from each slice, moved as one 'hold' transfer per slice
 * (slice:{R}:{C} → held:{R}:{C}, hold_id NULL: the holds' own amounts are on their rows). No
 * balance is read nor decided here (the slice, which only its replica spends, was escrowed for them).
 * The held accounts are created on first use and locked in id order before the slices are touched
 * (the one-time filter runs their CTE first), the order postTransfers takes: reconciliation and
 * releases lock them after their holds, so this statement runs after the batch's lease rows (which
 * lock holds). The sign CHECK on the slice is the last line of defence: a slice swept while its
 * replica still spent it (a replica paused past goneAfterMs) fails the statement, and nothing of
 * the batch is written.
 */
function slicedMovesStatement(holds: readonly SlicedHold[], nowMs: number): Statement {
  const perSlice = new Map<string, { held: string; amount: number }>();
  for (const h of holds) {
    const m = perSlice.get(h.sliceAccount) ?? { held: h.heldAccount, amount: 0 };
    m.amount += h.microTokens;
    perSlice.set(h.sliceAccount, m);
  }
  const slices = [...perSlice.keys()].sort();
  return {
    sql: `WITH held AS (
       INSERT INTO accounts AS x (id, kind, balance)
       SELECT h, 'held', a FROM unnest($2::text[], $3::bigint[]) AS u(h, a) ORDER BY h COLLATE "C"
       ON CONFLICT (id) DO UPDATE SET balance = x.balance + EXCLUDED.balance
       RETURNING 1
     ), slices AS (
       UPDATE accounts AS x SET balance = x.balance - u.a FROM unnest($1::text[], $3::bigint[]) AS u(s, a)
        WHERE x.id = u.s AND (SELECT count(*) FROM held) >= 0
     ), moved AS (
       INSERT INTO transfers (kind, debit_account, credit_account, amount, created_at_ms)
       SELECT 'hold', s, h, a, $4::bigint FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(s, h, a)
     )
     SELECT 1`,
    params: [
      slices,
      slices.map((s) => perSlice.get(s)?.held),
      slices.map((s) => perSlice.get(s)?.amount),
      nowMs,
    ],
  };
}

/** A CHECK violation: an account would go past its sign (SQLSTATE 23514). */
const isCheckViolation = (err: unknown): boolean => (err as { code?: string }).code === '23514';

/** A CHECK violation (an account past its sign) as the invariant error it is; other errors as they are. */
function holdWriteError(err: unknown, holds: readonly PlaceHold[]): unknown {
  if (isCheckViolation(err)) {
    return new LedgerInvariantError(
      `a hold would take an account past its sign (${(err as Error).message})`,
      { holds: holds.map((h) => h.holdId) },
      err,
    );
  }
  return err;
}

/** Writes freshly decided holds (their customers' rows already locked by placeHolds). */
async function insertHolds(
  q: Queryable,
  placed: readonly PlaceHold[],
  nowMs: number,
): Promise<void> {
  const params = holdParams(placed, nowMs);
  try {
    await q.query(`WITH ${holdWrites('true')} SELECT 1`, params);
  } catch (err) {
    throw holdWriteError(err, placed);
  }
}

/**
 * Every hold of a batch in one statement, or none of them, without a decision in JavaScript: the
 * customers' balance rows are locked (id order, FOR UPDATE, as placeHolds locks them); when no hold
 * id of the batch exists yet and each customer's balance covers all of that customer's holds in the
 * batch, deciding them one by one (placeHolds) would place every one, so the statement writes them
 * all and its row says placed = true. Otherwise it writes nothing (placed = false) and the batch
 * goes to placeHolds. The hold ids must be distinct (the caller checks).
 */
function placeAllHoldsStatement(holds: readonly PlaceHold[], nowMs: number): Statement {
  return {
    sql: `WITH locked AS MATERIALIZED (
       SELECT id, balance FROM accounts WHERE id = ANY($8::text[]) ORDER BY id COLLATE "C" FOR UPDATE
     ), go AS MATERIALIZED (
       SELECT NOT EXISTS (SELECT 1 FROM holds WHERE id = ANY($1::text[]))
          AND (SELECT count(*) FROM unnest($8::text[], $9::bigint[]) AS d(id, total) JOIN locked l ON l.id = d.id AND l.balance >= d.total) = cardinality($8::text[])
          AS placed
     ), ${holdWrites('(SELECT placed FROM go)')}
     SELECT placed FROM go`,
    params: holdParams(holds, nowMs),
  };
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
  /** The admitted slot's share of its accelerator (0 < f ≤ 1) and the accelerator's multiplier (> 0), from the coordinator's registry. */
  slotFraction?: number;
  multiplier?: number;
  /** What the lease's token and Lease message carry, so that any replica can renew it (migration 016). */
  isolation?: string;
  slot?: string;
  acceleratorModel?: string;
  migInstanceUuid?: string;
}

export async function registerLease(q: Queryable, l: RegisterLease): Promise<void> {
  const [o] = await registerLeases(q, [l]);
  if (o && !o.ok) throw o.error;
}

interface LeaseRow {
  id: string;
  hold_id: string;
  site_id: string;
  model: string;
  budget: number;
  issued_at_ms: number;
}

/**
 * Registers several leases in one transaction (group commit), set-based: one statement locks their
 * holds (in id order, FOR UPDATE, as every path locks holds) and inserts the leases whose hold is
 * pending and belongs to the lease's customer (ON CONFLICT DO NOTHING); only leases that were not
 * inserted (closed hold, a lease id already there) cost one more lookup between them. Each request
 * gets its own outcome, as if they were registered one after another:
 *  - LedgerUnknownHoldError: no such hold; InvalidLedgerArgumentError: the hold is another customer's;
 *  - a lease id already registered with the same terms is a no-op (a retry), with other terms a
 *    DuplicateReferenceError;
 *  - a new lease on a closed hold: HoldClosedError.
 * The same lease id twice in one batch: the later one is decided in a round of its own, after.
 */
export async function registerLeases(
  q: Queryable,
  ls: readonly RegisterLease[],
): Promise<Outcome<void>[]> {
  const out = new Array<Outcome<void>>(ls.length);
  for (const round of roundsByLeaseId(ls)) {
    const decided = await registerDistinctLeases(
      q,
      round.map((i) => ls[i] as RegisterLease),
    );
    round.forEach((i, k) => (out[i] = decided[k] as Outcome<void>));
  }
  return out;
}

/** Index lists in which no lease id repeats: the n-th occurrence of an id goes to round n. */
function roundsByLeaseId(ls: readonly RegisterLease[]): number[][] {
  const seen = new Map<string, number>();
  const rounds: number[][] = [];
  ls.forEach((l, i) => {
    const n = seen.get(l.leaseId) ?? 0;
    seen.set(l.leaseId, n + 1);
    (rounds[n] ??= []).push(i);
  });
  return rounds;
}

async function registerDistinctLeases(
  q: Queryable,
  ls: readonly RegisterLease[],
): Promise<Outcome<void>[]> {
  if (ls.length === 0) return [];
  const st = registerLeasesStatement(ls);
  return decideLeases(q, ls, await q.query<LeaseStatementRow>(st.sql, st.params));
}

type LeaseStatementRow = {
  k: 'hold' | 'lease';
  id: string;
  customer_id: string | null;
  status: HoldStatus | null;
};

/**
 * One statement for distinct lease ids: locks their holds (id order, FOR UPDATE) and inserts the
 * leases whose hold is pending and belongs to the lease's customer into lease_rows, unless the id
 * is there (ON CONFLICT DO NOTHING) or carried on a hold's row (migration 115). Its rows
 * (the locked holds, the inserted lease ids) are what decideLeases reads.
 */
function registerLeasesStatement(ls: readonly RegisterLease[]): Statement {
  return {
    sql: `WITH locked AS (
       SELECT id, customer_id, status FROM holds WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE
     ), inserted AS (
       INSERT INTO lease_rows (id, hold_id, site_id, customer_id, model, budget, issued_at_ms, expires_at_ms, slot_fraction, multiplier, isolation, slot, accelerator_model, mig_instance_uuid)
       SELECT u.id, u.hold_id, u.site_id, u.customer_id, u.model, u.budget, u.issued_at_ms, u.expires_at_ms, u.slot_fraction, u.multiplier, u.isolation, u.slot, u.accelerator_model, u.mig_instance_uuid
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::float8[], $11::float8[], $12::text[], $13::text[], $14::text[], $15::text[])
              AS u(id, hold_id, site_id, customer_id, model, budget, issued_at_ms, expires_at_ms, slot_fraction, multiplier, isolation, slot, accelerator_model, mig_instance_uuid)
         JOIN locked h ON h.id = u.hold_id AND h.customer_id = u.customer_id AND h.status = 'pending'
        WHERE u.id <> ALL (ARRAY(SELECT x.lease_id FROM holds x WHERE x.lease_id = ANY($2::text[])))
       ON CONFLICT (id) DO NOTHING RETURNING id
     )
     SELECT 'hold' AS k, id, customer_id, status FROM locked
     UNION ALL SELECT 'lease', id, NULL, NULL FROM inserted`,
    params: [
      [...new Set(ls.map((l) => l.holdId))].sort(),
      ls.map((l) => l.leaseId),
      ls.map((l) => l.holdId),
      ls.map((l) => l.siteId),
      ls.map((l) => l.customerId),
      ls.map((l) => l.model),
      ls.map((l) => l.budgetMicroTokens),
      ls.map((l) => l.issuedAtMs),
      ls.map((l) => l.expiresAtMs),
      // Both or neither: the rate bound needs the two.
      ls.map((l) =>
        l.slotFraction !== undefined && l.multiplier !== undefined ? l.slotFraction : null,
      ),
      ls.map((l) =>
        l.slotFraction !== undefined && l.multiplier !== undefined ? l.multiplier : null,
      ),
      ls.map((l) => l.isolation ?? ''),
      ls.map((l) => l.slot ?? ''),
      ls.map((l) => l.acceleratorModel ?? ''),
      ls.map((l) => l.migInstanceUuid ?? ''),
    ],
  };
}

/**
 * Each lease's outcome from registerLeasesStatement's rows. Leases not inserted (a lease id already
 * there: a retry or a conflict; or a closed hold) cost one lookup on `q` between them; lease rows
 * are never changed once written, so the lookup may also run after the statement's transaction.
 */
async function decideLeases(
  q: Queryable,
  ls: readonly RegisterLease[],
  rows: readonly LeaseStatementRow[],
): Promise<Outcome<void>[]> {
  const holds = new Map<string, { customerId: string; status: HoldStatus }>();
  const inserted = new Set<string>();
  for (const r of rows) {
    if (r.k === 'hold')
      holds.set(r.id, { customerId: r.customer_id ?? '', status: r.status ?? 'pending' });
    else inserted.add(r.id);
  }
  const out = ls.map((l): Outcome<void> | undefined => {
    const hold = holds.get(l.holdId);
    if (!hold) return { ok: false, error: new LedgerUnknownHoldError(l.holdId) };
    if (hold.customerId !== l.customerId) {
      return {
        ok: false,
        error: new InvalidLedgerArgumentError(
          `lease ${l.leaseId} names customer ${l.customerId} but hold ${l.holdId} belongs to ${hold.customerId}`,
          { ...l },
        ),
      };
    }
    return inserted.has(l.leaseId) ? { ok: true, value: undefined } : undefined;
  });
  // Not inserted: a lease id already there (a retry, or a conflict), or a closed hold.
  const rest = ls.filter((_, i) => out[i] === undefined);
  if (rest.length === 0) return out as Outcome<void>[];
  const existing = new Map(
    (
      await q.query<LeaseRow>(
        'SELECT id, hold_id, site_id, model, budget, issued_at_ms FROM leases WHERE id = ANY($1::text[])',
        [rest.map((l) => l.leaseId)],
      )
    ).map((e) => [e.id, e]),
  );
  return ls.map((l, i) => {
    const o = out[i];
    if (o) return o;
    const e = existing.get(l.leaseId);
    if (!e) {
      const status = holds.get(l.holdId)?.status ?? 'pending';
      return {
        ok: false,
        error:
          status !== 'pending'
            ? new HoldClosedError(l.holdId, status)
            : new LedgerInvariantError(`lease ${l.leaseId} was neither inserted nor found`, {
                ...l,
              }),
      };
    }
    const same =
      e.hold_id === l.holdId &&
      e.site_id === l.siteId &&
      e.model === l.model &&
      e.budget === l.budgetMicroTokens &&
      e.issued_at_ms === l.issuedAtMs;
    return same
      ? { ok: true, value: undefined }
      : { ok: false, error: new DuplicateReferenceError('lease', l.leaseId, { existing: e }) };
  });
}

/**
 * One of the writes an Acquire makes: its hold, or the lease row of a site that admitted it (with,
 * for a hold decided in memory against a slice, that hold: the two become durable together).
 */
export type AcquireWrite =
  | { hold: PlaceHold; lease?: undefined; sliced?: undefined }
  | { lease: RegisterLease; hold?: undefined; sliced?: SlicedHold };

/**
 * The writes of every Acquire in one turn of the event loop (group commit), each request with its own
 * outcome. The common case is one transaction of statements sent together (Db.txStatements: one
 * round trip to the PGlite worker): the rows of holds decided against slices, each carrying its
 * first lease (one row per Acquire, migration 115); the other lease rows (they lock existing holds);
 * then every new hold placed in the database at once (placeAllHoldsStatement; it locks customers'
 * balances); then the slices' µT moves: holds before accounts, the order every path takes. What that
 * cannot decide goes on alone after it: a batch in which a hold cannot simply be placed (a short
 * balance, a hold id already there or repeated) is decided hold by hold (placeHolds) in a second
 * transaction; a lease id repeated in the batch, in rounds (registerLeases), as is a first lease that
 * its hold's row could not carry (its id already recorded).
 */
export async function writeAcquireBatch(
  db: Db,
  reqs: readonly AcquireWrite[],
  nowMs: number,
): Promise<Outcome<void>[]> {
  try {
    return await writeBatch(db, reqs, nowMs, true);
  } catch (err) {
    // A first lease whose id a hold already carries (holds_lease): the transaction wrote nothing;
    // written again with every lease decided as a lease row, each gets its own outcome.
    if (!isUniqueViolation(err, 'holds_lease')) throw err;
    return writeBatch(db, reqs, nowMs, false);
  }
}

/** A unique violation (SQLSTATE 23505) on that index. */
const isUniqueViolation = (err: unknown, index: string): boolean =>
  (err as { code?: string }).code === '23505' &&
  ((err as { constraint?: string }).constraint === index ||
    String((err as Error).message).includes(index));

async function writeBatch(
  db: Db,
  reqs: readonly AcquireWrite[],
  nowMs: number,
  carry: boolean,
): Promise<Outcome<void>[]> {
  const leaseIdCount = new Map<string, number>();
  for (const r of reqs)
    if (r.lease) leaseIdCount.set(r.lease.leaseId, (leaseIdCount.get(r.lease.leaseId) ?? 0) + 1);
  // A sliced hold carries its first lease on its row unless that lease's id repeats in the batch
  // (then the lease is decided in rounds like any other).
  const embed = new Map<string, RegisterLease>();
  for (const r of reqs)
    if (carry && r.sliced && r.lease && leaseIdCount.get(r.lease.leaseId) === 1)
      embed.set(r.sliced.holdId, r.lease);
  const leaseAt: number[] = [];
  const holdAt: number[] = [];
  const embeddedAt: number[] = [];
  reqs.forEach((r, i) => {
    if (r.sliced && r.lease && embed.get(r.sliced.holdId) === r.lease) embeddedAt.push(i);
    else (r.lease ? leaseAt : holdAt).push(i);
  });
  const leases = leaseAt.map((i) => reqs[i]?.lease as RegisterLease);
  const holds = holdAt.map((i) => reqs[i]?.hold as PlaceHold);
  const leasesTogether =
    leases.length > 0 && new Set(leases.map((l) => l.leaseId)).size === leases.length;
  const holdsTogether =
    holds.length > 0 && new Set(holds.map((h) => h.holdId)).size === holds.length;
  // The rows of holds decided against slices go first: their lease rows (next statement) need them.
  // Their µT move last, after the lease rows lock holds and placeAllHoldsStatement locks customers:
  // holds → accounts (by id: customer: < held: < slice:), the order every path takes.
  const sliced = reqs.flatMap((r) => r.sliced ?? []);
  const steps: Statement[] = [];
  if (sliced.length > 0) steps.push(slicedHoldRowsStatement(sliced, embed, nowMs));
  const leaseStep = steps.length;
  if (leasesTogether) steps.push(registerLeasesStatement(leases));
  const placeStep = steps.length;
  if (holdsTogether) steps.push(placeAllHoldsStatement(holds, nowMs));
  if (sliced.length > 0) steps.push(slicedMovesStatement(sliced, nowMs));
  let rows: Row[][] = [];
  // together: the set-based transaction ran. The CHECK on balances can refuse it (a customer's
  // balance moved by another replica inside the statement's run, seen once on PostgreSQL under
  // racing top-ups, holds and releases); the transaction then wrote nothing, so every write of the
  // batch is decided on its own below, each hold under its customer's lock (placeHolds).
  let together = steps.length > 0;
  if (together) {
    try {
      rows = await db.txStatements(steps);
    } catch (err) {
      if (!(holdsTogether && sliced.length === 0 && isCheckViolation(err))) throw err;
      together = false;
    }
  }
  const out = new Array<Outcome<void>>(reqs.length);
  // A first lease its hold's row carries is recorded; one it could not carry (its id already
  // recorded) is decided with the other leases, after.
  const carried = new Set(
    (sliced.length > 0 ? ((rows[0] ?? []) as { lease_id: string | null }[]) : []).flatMap(
      (r) => r.lease_id ?? [],
    ),
  );
  const later: number[] = [];
  for (const i of embeddedAt) {
    if (carried.has((reqs[i]?.lease as RegisterLease).leaseId))
      out[i] = { ok: true, value: undefined };
    else later.push(i);
  }
  if (leases.length > 0) {
    const o =
      leasesTogether && together
        ? await decideLeases(db, leases, rows[leaseStep] as LeaseStatementRow[])
        : await db.tx((q) => registerLeases(q, leases));
    leaseAt.forEach((i, k) => (out[i] = o[k] as Outcome<void>));
  }
  if (later.length > 0) {
    const o = await db.tx((q) =>
      registerLeases(
        q,
        later.map((i) => reqs[i]?.lease as RegisterLease),
      ),
    );
    later.forEach((i, k) => (out[i] = o[k] as Outcome<void>));
  }
  if (holds.length > 0) {
    const placed =
      holdsTogether &&
      together &&
      (rows[placeStep]?.[0] as { placed?: boolean } | undefined)?.placed === true;
    const o = placed
      ? holds.map((): Outcome<void> => ({ ok: true, value: undefined }))
      : await db.tx((q) => placeHolds(q, holds, nowMs));
    holdAt.forEach((i, k) => (out[i] = o[k] as Outcome<void>));
  }
  return out;
}

/**
 * Voids the remainders of locked, pending holds back to their customers (from each hold's account,
 * hold:{id} or its held account, → customer) in one posting, and closes them. Holds already closed
 * are left as they are.
 */
export async function closeHolds(
  q: Queryable,
  holds: readonly HoldRow[],
  reason: 'released' | 'expired',
  nowMs: number,
): Promise<HoldRow[]> {
  const open = holds.filter((h) => h.status === 'pending');
  if (open.length === 0) return [];
  await postTransfers(
    q,
    open.map((h) => ({
      kind: 'release' as const,
      debit: h.account,
      credit: customerAccount(h.customer_id),
      amount: remainingOf(h),
      holdId: h.id,
      ref: reason,
    })),
    nowMs,
  );
  await q.query(
    `UPDATE holds AS h SET status = $3, released = u.released, closed_at_ms = $4
       FROM unnest($1::text[], $2::bigint[]) AS u(id, released) WHERE h.id = u.id AND h.status = 'pending'`,
    [open.map((h) => h.id), open.map(remainingOf), reason, nowMs],
  );
  return open.map((h) => ({ ...h, status: reason, released: remainingOf(h), closed_at_ms: nowMs }));
}

/** Idempotent: a closed hold answers with what it burned and released when it closed. */
export async function releaseHold(
  q: Queryable,
  holdId: string,
  reason: 'released' | 'expired',
  nowMs: number,
): Promise<{ burned: number; released: number }> {
  const hold = await lockHold(q, holdId);
  const [closed] = hold.status === 'pending' ? await closeHolds(q, [hold], reason, nowMs) : [hold];
  return { burned: hold.posted, released: closed?.released ?? 0 };
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
  if (!h) throw new LedgerUnknownHoldError(holdId);
  return h;
}

/** One batch of expired holds: candidates another transaction has locked are skipped (next sweep). */
export async function expireHoldBatch(
  q: Queryable,
  nowMs: number,
  graceMs: number,
  limit: number,
): Promise<number> {
  const due = await q.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE status = 'pending' AND expires_at_ms + $2 <= $1
      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [nowMs, graceMs, limit],
  );
  return (await closeHolds(q, due, 'expired', nowMs)).length;
}
