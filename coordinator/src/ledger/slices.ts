import type { Db, Queryable } from '../db/index.js';
import { customerAccount, heldAccount, SLICE_REPLICA_ID, sliceAccount } from './accounts.js';
import {
  DuplicateReferenceError,
  InvalidLedgerArgumentError,
  LedgerInsufficientBalanceError,
} from './errors.js';
import type { PlaceHold, SlicedHold } from './holds.js';
import { postTransfers } from './postings.js';

/** The steps of a slice book's background work, as onBackgroundError names them. */
export type SliceBackgroundStep = 'heartbeat' | 'top-up' | 'return' | 'sweep' | 'tick';

/**
 * Slices (docs/ledger.md "Slices"): each replica places holds in memory against its own slice of a
 * customer's balance, escrowed on slice:{replicaId}:{customerId}. Only that replica spends its
 * slice, so a hold decided against what it holds can never overdraw the customer, whatever the
 * other replicas do; the slice is funded from the customer under the customer's row lock (the
 * sign CHECK keeps both ≥ 0). A provisional hold becomes durable with its first lease row
 * (writeAcquireBatch), which resolves only once committed: no token exists for an unrecorded lease.
 */
export interface SliceOptions {
  /** This replica's id, stable across its restarts ([A-Za-z0-9._-], ≤ 64 characters). */
  replicaId: string;
  /** A slice is sized to what the customer placed on this replica in about this long (default 2 s). */
  demandWindowMs?: number;
  /** Smallest slice taken, in holds of the size being placed (default 4). */
  minHolds?: number;
  /**
   * At most this share of what is left on the customer's account beyond the hold being placed goes
   * into one top-up (default 0.5), so another replica is not starved.
   */
  maxShare?: number;
  /** A slice unused this long is returned to its customer (default 10 s). */
  idleReturnMs?: number;
  /** Slices of a replica not seen this long are swept back to their customers by another (default 60 s). */
  goneAfterMs?: number;
  /** Background work (heartbeat, top-ups, returns, sweeps) every this long (default 1 s; 0 = none). */
  tickMs?: number;
  /**
   * A step of the background work failed (the database unreachable, say): `step` names it. The
   * next tick tries again; holds are unaffected until the slice runs dry. Default: ignored.
   */
  onBackgroundError?: (step: SliceBackgroundStep, err: unknown) => void;
}

interface SliceState {
  /** What slice:{me}:{customer} holds, as this replica knows it (it alone moves it). */
  escrowed: number;
  /** Provisional holds decided against it, not yet durable (their µT are still in `escrowed`). */
  reserved: number;
  lastUseMs: number;
  /** µT placed in the current and the previous demand window. */
  demand: number;
  lastDemand: number;
  windowStartMs: number;
  /** A top-up or a return in flight: holds wait for a top-up rather than start another. */
  busy?: Promise<unknown>;
}

interface Provisional extends PlaceHold {
  state: 'provisional' | 'writing';
  written?: Promise<void>;
}

/**
 * Replica R's slices (only those of `customerIds` when given), each with its customer, and the rows
 * locked (customers first: id order).
 */
async function lockSlices(
  q: Queryable,
  where: { replicaId: string; customerIds?: readonly string[] },
): Promise<{ account: string; customerId: string; balance: number }[]> {
  const slices = await q.query<{ account_id: string; customer_id: string }>(
    `SELECT account_id, customer_id FROM ledger_slices WHERE replica_id = $1 AND ($2::text[] IS NULL OR customer_id = ANY($2::text[]))`,
    [where.replicaId, where.customerIds ? [...where.customerIds] : null],
  );
  if (slices.length === 0) return [];
  const ids = [
    ...new Set(slices.flatMap((s) => [customerAccount(s.customer_id), s.account_id])),
  ].sort();
  const locked = await q.query<{ id: string; balance: number }>(
    'SELECT id, balance FROM accounts WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR UPDATE',
    [ids],
  );
  const balance = new Map(locked.map((r) => [r.id, r.balance]));
  return slices.map((s) => ({
    account: s.account_id,
    customerId: s.customer_id,
    balance: balance.get(s.account_id) ?? 0,
  }));
}

/**
 * Returns slices of a replica to their customers (slice → customer, kind slice_return), whole, in
 * the caller's transaction: at the replica's own start (what a crash left escrowed), at its close,
 * or swept by another replica once it is gone. `amounts` caps what leaves each slice (an idle
 * return gives back only what no provisional hold counts on); `customerIds` limits the slices (and
 * customer rows) locked to those customers'. Returns the µT moved per customer.
 */
async function returnSlices(
  q: Queryable,
  replicaId: string,
  nowMs: number,
  opts: { customerIds?: readonly string[]; amounts?: ReadonlyMap<string, number> } = {},
): Promise<Map<string, number>> {
  const slices = await lockSlices(q, {
    replicaId,
    ...(opts.customerIds ? { customerIds: opts.customerIds } : {}),
  });
  const moved = new Map<string, number>();
  const transfers = slices.flatMap((s) => {
    const cap = opts.amounts ? (opts.amounts.get(s.customerId) ?? 0) : s.balance;
    const amount = Math.min(s.balance, cap);
    if (amount <= 0) return [];
    moved.set(s.customerId, amount);
    return [
      {
        kind: 'slice_return' as const,
        debit: s.account,
        credit: customerAccount(s.customerId),
        amount,
        ref: replicaId,
      },
    ];
  });
  if (transfers.length > 0) await postTransfers(q, transfers, nowMs);
  return moved;
}

/**
 * The database's clock in epoch ms: heartbeats are written and judged by one clock, so a replica
 * whose own clock runs ahead never sweeps a live one.
 */
const DB_NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

/** Marks a replica alive (its slices are not swept while it is), by the database's clock. */
async function heartbeat(q: Queryable, replicaId: string): Promise<void> {
  await q.query(
    `INSERT INTO ledger_replicas (replica_id, started_at_ms, seen_at_ms) VALUES ($1, ${DB_NOW_MS}, ${DB_NOW_MS})
     ON CONFLICT (replica_id) DO UPDATE SET seen_at_ms = GREATEST(ledger_replicas.seen_at_ms, EXCLUDED.seen_at_ms)`,
    [replicaId],
  );
}

/**
 * Sweeps the slices of every other replica not seen for `goneAfterMs` (by the database's clock) back
 * to their customers, one transaction each (its heartbeat row locked, SKIP LOCKED: two sweepers never
 * take the same one). Returns the replicas swept.
 */
async function sweepGoneReplicas(
  db: Db,
  me: string,
  nowMs: number,
  goneAfterMs: number,
): Promise<string[]> {
  const gone = await db.query<{ replica_id: string }>(
    `SELECT replica_id FROM ledger_replicas WHERE replica_id <> $1 AND seen_at_ms < ${DB_NOW_MS} - $2`,
    [me, goneAfterMs],
  );
  const swept: string[] = [];
  for (const { replica_id: r } of gone) {
    const done = await db.tx(async (q) => {
      const [row] = await q.query<{ replica_id: string }>(
        `SELECT replica_id FROM ledger_replicas WHERE replica_id = $1 AND seen_at_ms < ${DB_NOW_MS} - $2 FOR UPDATE SKIP LOCKED`,
        [r, goneAfterMs],
      );
      if (!row) return false;
      await returnSlices(q, r, nowMs);
      await q.query('DELETE FROM ledger_replicas WHERE replica_id = $1', [r]);
      return true;
    });
    if (done) swept.push(r);
  }
  return swept;
}

/**
 * customer → slice:{me}:{customer}: at least `need` µT (else LedgerInsufficientBalanceError with
 * what the customer has plus `free`, the slice's unreserved part), up to `want` but no more than
 * `maxShare` of what the customer has beyond `need`. Returns the µT moved.
 */
async function fundSlice(
  db: Db,
  o: {
    replicaId: string;
    customerId: string;
    need: number;
    want: number;
    maxShare: number;
    free: number;
    asked: number;
    nowMs: number;
  },
): Promise<number> {
  return db.tx(async (q) => {
    const account = sliceAccount(o.replicaId, o.customerId);
    const [row] = await q.query<{ balance: number }>(
      'SELECT balance FROM accounts WHERE id = $1 FOR UPDATE',
      [customerAccount(o.customerId)],
    );
    const balance = row?.balance ?? 0;
    if (balance < o.need) {
      if (o.need === 0) return 0;
      throw new LedgerInsufficientBalanceError(o.customerId, balance + o.free, o.asked);
    }
    const share = Math.floor((balance - o.need) * o.maxShare);
    const take = Math.min(balance, Math.max(o.need, Math.min(o.want, o.need + share)));
    if (take <= 0) return 0;
    await q.query(
      `INSERT INTO ledger_slices (account_id, replica_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO NOTHING`,
      [account, o.replicaId, o.customerId],
    );
    await postTransfers(
      q,
      [
        {
          kind: 'slice_fund',
          debit: customerAccount(o.customerId),
          credit: account,
          amount: take,
          ref: o.replicaId,
        },
      ],
      o.nowMs,
    );
    return take;
  });
}

/**
 * What a debit that reads customer:C alone needs of this replica's slices: its id (the other
 * replicas' slices are not its to spend) and the return of its own slice of C (SliceBook.returnCustomer).
 */
export type LocalSlices = Pick<SliceBook, 'replicaId' | 'returnCustomer'>;

/** This replica's slices and the provisional holds decided against them. */
export class SliceBook {
  readonly replicaId: string;
  readonly #db: Db;
  readonly #now: () => number;
  readonly #o: Required<Omit<SliceOptions, 'replicaId' | 'onBackgroundError'>>;
  readonly #onError: NonNullable<SliceOptions['onBackgroundError']>;
  readonly #slices = new Map<string, SliceState>();
  readonly #provisional = new Map<string, Provisional>();
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  /** When this replica last swept gone replicas (its own clock): at most every goneAfterMs / 4. */
  #lastSweepMs = -Infinity;
  #closed = false;

  constructor(db: Db, opts: SliceOptions, now: () => number) {
    if (!SLICE_REPLICA_ID.test(opts.replicaId))
      throw new InvalidLedgerArgumentError(
        `replicaId must match ${String(SLICE_REPLICA_ID)} (got ${JSON.stringify(opts.replicaId)})`,
        { replicaId: opts.replicaId },
      );
    this.replicaId = opts.replicaId;
    this.#db = db;
    this.#now = now;
    this.#o = {
      demandWindowMs: opts.demandWindowMs ?? 2_000,
      minHolds: opts.minHolds ?? 4,
      maxShare: opts.maxShare ?? 0.5,
      idleReturnMs: opts.idleReturnMs ?? 10_000,
      goneAfterMs: opts.goneAfterMs ?? 60_000,
      tickMs: opts.tickMs ?? 1_000,
    };
    this.#onError = opts.onBackgroundError ?? (() => undefined);
  }

  /**
   * Crash recovery, before any hold: whatever this replica's slices hold (a previous run killed with
   * escrowed µT) goes back to the customers, and the replica is marked alive. Then the background tick.
   */
  async start(): Promise<Map<string, number>> {
    const returned = await this.#db.tx(async (q) => {
      await heartbeat(q, this.replicaId);
      return returnSlices(q, this.replicaId, this.#now());
    });
    if (this.#o.tickMs > 0) {
      this.#timer = setInterval(() => void this.tick(), this.#o.tickMs);
      this.#timer.unref();
    }
    return returned;
  }

  #state(customerId: string): SliceState {
    let s = this.#slices.get(customerId);
    if (!s) {
      const nowMs = this.#now();
      s = {
        escrowed: 0,
        reserved: 0,
        lastUseMs: nowMs,
        demand: 0,
        lastDemand: 0,
        windowStartMs: nowMs,
      };
      this.#slices.set(customerId, s);
    }
    return s;
  }

  #noteDemand(s: SliceState, amount: number, nowMs: number): void {
    if (nowMs - s.windowStartMs >= this.#o.demandWindowMs) {
      s.lastDemand = nowMs - s.windowStartMs >= 2 * this.#o.demandWindowMs ? 0 : s.demand;
      s.demand = 0;
      s.windowStartMs = nowMs;
    }
    s.demand += amount;
    s.lastUseMs = nowMs;
  }

  /** What a slice should hold for a customer placing `amount`-sized holds now. */
  #target(s: SliceState, amount: number): number {
    return Math.max(amount * this.#o.minHolds, s.demand, s.lastDemand);
  }

  /**
   * Decides a hold in memory against this replica's slice; a shortfall tops the slice up first (one
   * transaction) or refuses with LedgerInsufficientBalanceError. The same hold id again with the
   * same terms is a no-op (a retry), with other terms DuplicateReferenceError.
   */
  async place(h: PlaceHold): Promise<void> {
    const prior = this.#provisional.get(h.holdId);
    if (prior) {
      if (prior.customerId === h.customerId && prior.microTokens === h.microTokens) return;
      throw new DuplicateReferenceError('hold', h.holdId, {
        customerId: prior.customerId,
        microTokens: prior.microTokens,
      });
    }
    const s = this.#state(h.customerId);
    this.#noteDemand(s, h.microTokens, this.#now());
    for (;;) {
      const free = s.escrowed - s.reserved;
      if (free >= h.microTokens) {
        s.reserved += h.microTokens;
        this.#provisional.set(h.holdId, { ...h, state: 'provisional' });
        return;
      }
      if (s.busy) {
        await s.busy.catch(() => undefined);
        continue;
      }
      await this.#fund(
        h.customerId,
        s,
        h.microTokens - free,
        this.#target(s, h.microTokens) - free,
        h.microTokens,
      );
    }
  }

  async #fund(
    customerId: string,
    s: SliceState,
    need: number,
    want: number,
    asked: number,
  ): Promise<void> {
    const p = fundSlice(this.#db, {
      replicaId: this.replicaId,
      customerId,
      need,
      want,
      maxShare: this.#o.maxShare,
      free: Math.max(0, s.escrowed - s.reserved),
      asked,
      nowMs: this.#now(),
    }).then((moved) => {
      s.escrowed += moved;
    });
    s.busy = p;
    try {
      await p;
    } finally {
      if (s.busy === p) s.busy = undefined;
    }
  }

  /** The slice hold for a provisional hold about to be written with its lease (undefined: not ours, or durable). */
  beginWrite(holdId: string): { hold: SlicedHold; done: (ok: boolean) => void } | undefined {
    const p = this.#provisional.get(holdId);
    if (!p || p.state !== 'provisional') return undefined;
    p.state = 'writing';
    const hold: SlicedHold = {
      holdId: p.holdId,
      customerId: p.customerId,
      microTokens: p.microTokens,
      expiresAtMs: p.expiresAtMs,
      sliceAccount: sliceAccount(this.replicaId, p.customerId),
      heldAccount: heldAccount(this.replicaId, p.customerId),
    };
    let settle: () => void = () => undefined;
    p.written = new Promise<void>((r) => (settle = r));
    return {
      hold,
      done: (ok) => {
        settle();
        const s = this.#state(p.customerId);
        if (ok) {
          // Durable now: its µT left the slice for held:{replicaId}:{customerId}.
          this.#provisional.delete(holdId);
          s.reserved -= p.microTokens;
          s.escrowed -= p.microTokens;
        } else {
          p.state = 'provisional';
          delete p.written;
        }
      },
    };
  }

  /** A hold being written with its first lease: resolves when that write is over (either way). */
  writing(holdId: string): Promise<void> | undefined {
    return this.#provisional.get(holdId)?.written;
  }

  /** Releases a provisional hold (no lease was granted): its µT go back to the slice, in memory. */
  releaseProvisional(holdId: string): number | undefined {
    const p = this.#provisional.get(holdId);
    if (!p || p.state !== 'provisional') return undefined;
    this.#provisional.delete(holdId);
    this.#state(p.customerId).reserved -= p.microTokens;
    return p.microTokens;
  }

  /** µT of a customer's provisional holds on this replica (still on its slice, no longer available). */
  provisionalOf(customerId: string): number {
    return this.#slices.get(customerId)?.reserved ?? 0;
  }

  /** A write failed on the slice's sign CHECK (it was swept): what the slices hold is read again. */
  async resync(): Promise<void> {
    const rows = await this.#db.query<{ customer_id: string; balance: number }>(
      `SELECT s.customer_id, a.balance FROM ledger_slices s JOIN accounts a ON a.id = s.account_id WHERE s.replica_id = $1`,
      [this.replicaId],
    );
    const held = new Map(rows.map((r) => [r.customer_id, r.balance]));
    for (const [c, s] of this.#slices) if (!s.busy) s.escrowed = held.get(c) ?? 0;
  }

  /**
   * Background work: heartbeat; provisional holds past their expiry dropped (an Acquire that never
   * wrote its lease); slices in use topped up before they run dry (below a quarter of their target),
   * idle ones returned; gone replicas swept (at most every goneAfterMs / 4). Never two at once.
   */
  tick(): Promise<void> {
    if (this.#ticking || this.#closed) return this.#ticking ?? Promise.resolve();
    this.#ticking = this.#tick()
      .catch((err: unknown) => this.#onError('tick', err))
      .finally(() => (this.#ticking = undefined));
    return this.#ticking;
  }

  /** Each step's failure is reported (onBackgroundError) and the rest of the tick goes on. */
  async #tick(): Promise<void> {
    const nowMs = this.#now();
    await heartbeat(this.#db, this.replicaId).catch((err: unknown) =>
      this.#onError('heartbeat', err),
    );
    for (const [id, p] of this.#provisional) {
      if (p.state === 'provisional' && p.expiresAtMs <= nowMs) this.releaseProvisional(id);
    }
    for (const [c, s] of this.#slices) {
      if (s.busy || nowMs - s.lastUseMs >= this.#o.idleReturnMs) continue;
      const free = s.escrowed - s.reserved;
      const target = Math.max(s.demand, s.lastDemand);
      if (target > 0 && free < target / 4)
        await this.#fund(c, s, 0, target - free, 0).catch((err: unknown) =>
          this.#onError('top-up', err),
        );
    }
    // Decided and taken out of `escrowed` in one synchronous step: no hold can count on them meanwhile.
    const idle = new Map<string, number>();
    for (const [c, s] of this.#slices) {
      const free = s.escrowed - s.reserved;
      if (!s.busy && nowMs - s.lastUseMs >= this.#o.idleReturnMs && free > 0) idle.set(c, free);
    }
    if (idle.size > 0) await this.#returnIdle(idle, nowMs);
    if (nowMs - this.#lastSweepMs >= this.#o.goneAfterMs / 4) {
      this.#lastSweepMs = nowMs;
      await sweepGoneReplicas(this.#db, this.replicaId, nowMs, this.#o.goneAfterMs).catch(
        (err: unknown) => this.#onError('sweep', err),
      );
    }
  }

  /** Idle slices' free µT back to their customers; taken out of `escrowed` before the write, so no hold counts on them meanwhile. */
  async #returnIdle(idle: Map<string, number>, nowMs: number): Promise<Map<string, number>> {
    for (const [c, amount] of idle) this.#state(c).escrowed -= amount;
    let moved = new Map<string, number>();
    const p = this.#db.tx((q) =>
      returnSlices(q, this.replicaId, nowMs, { customerIds: [...idle.keys()], amounts: idle }),
    );
    for (const c of idle.keys()) this.#state(c).busy = p;
    try {
      moved = await p;
    } catch (err) {
      // Nothing moved: put it back (finally); the next idle tick tries again.
      this.#onError('return', err);
    } finally {
      for (const [c, amount] of idle) {
        const s = this.#state(c);
        s.escrowed += amount - (moved.get(c) ?? 0);
        if (s.busy === p) s.busy = undefined;
        if (s.escrowed === 0 && s.reserved === 0) this.#slices.delete(c);
      }
    }
    return moved;
  }

  /**
   * Returns this replica's slice of one customer to customer:C now (slice_return, its own
   * transaction: the customer's row, then the slice), so that a debit that reads customer:C alone
   * (reservation escrow, package expiry) sees the customer's µT. What provisional holds count on
   * stays on the slice (they are held); a top-up or return in flight and the customer's holds being
   * written with their leases are waited for first. Returns the µT moved (0: nothing free, or no
   * slice). The next hold of that customer funds the slice again.
   */
  async returnCustomer(customerId: string): Promise<number> {
    if (this.#closed) return 0;
    for (;;) {
      const s = this.#slices.get(customerId);
      if (!s) return 0;
      const writing = [...this.#provisional.values()].flatMap((p) =>
        p.customerId === customerId && p.written ? [p.written] : [],
      );
      if (s.busy) {
        await s.busy.catch(() => undefined);
        continue;
      }
      if (writing.length > 0) {
        await Promise.all(writing);
        continue;
      }
      const free = s.escrowed - s.reserved;
      if (free <= 0) return 0;
      const moved = await this.#returnIdle(new Map([[customerId, free]]), this.#now());
      return moved.get(customerId) ?? 0;
    }
  }

  /** Stops the tick and returns every slice of this replica whole (provisional holds are void: no lease was written for them). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#ticking;
    const writing = [...this.#provisional.values()].flatMap((p) => p.written ?? []);
    await Promise.all(writing);
    this.#provisional.clear();
    this.#slices.clear();
    await this.#db.tx(async (q) => {
      await returnSlices(q, this.replicaId, this.#now());
      await q.query('DELETE FROM ledger_replicas WHERE replica_id = $1', [this.replicaId]);
    });
  }
}
