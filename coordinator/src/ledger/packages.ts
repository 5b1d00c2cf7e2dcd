import { EdgefleetError } from '@edgefleet/common';
import type { Db, Queryable } from '../db/index.js';
import { customerAccount, MINT } from './accounts.js';
import { assertTopUpWithinLimit } from './balance-limit.js';
import { lockForCredit } from './credit-lock.js';
import {
  DuplicateReferenceError,
  InvalidLedgerArgumentError,
  LedgerInvariantError,
} from './errors.js';
import { inOtherSlices } from './escrow.js';
import { postTransfers } from './postings.js';
import type { LocalSlices } from './slices.js';
import { assertAmount, assertId } from './validate.js';

/** An operator's offer: `microTokens` for `priceMinor` minor units of `currency`, valid `validMs` after purchase. */
export interface TokenPackage {
  id: string;
  name: string;
  microTokens: number;
  /** ISO 4217 code (market/money.ts CURRENCY_EXPONENT). */
  currency: string;
  priceMinor: number;
  validMs: number;
  createdAtMs: number;
}

/** One purchase of a package by a customer, with the terms it was bought on. */
export interface PackagePurchase {
  purchaseId: string;
  customerId: string;
  packageId: string;
  microTokens: number;
  currency: string;
  priceMinor: number;
  purchasedAtMs: number;
  expiresAtMs: number;
  /** The package_purchase transfer that credited the customer. */
  transferId: number;
  /** Set once the package expired: when, and the unspent µT removed then (0 when all was spent). */
  expiredAtMs: number | null;
  expiredMicroTokens: number | null;
}

/** No package with this id. */
export class UnknownPackageError extends EdgefleetError {
  constructor(packageId: string) {
    super('NOT_FOUND', `no token package ${packageId}`, { what: 'package', id: packageId });
  }
}

/**
 * Token packages and their purchases, on the ledger's database. A purchase credits the customer
 * (mint → customer:{id}, kind package_purchase) once per purchase id, settling debt first as a
 * top-up does. At expiry the package's unspent remainder leaves (customer:{id} → mint, kind
 * package_expired). What is unspent follows FIFO: spending consumes the oldest credit first, so the
 * available balance is made of the newest live credits (top-ups, which never expire, and packages
 * not yet expired); a package's remainder at expiry is
 *   clamp(available − µT of live credits newer than it, 0, its µT).
 * µT a hold returns (release) count as the oldest credit's (that is where a FIFO spend took them from).
 */
export interface PackageStore {
  /** Defines a package; the same id with the same terms is a no-op, with other terms DuplicateReferenceError. */
  define(
    p: Omit<TokenPackage, 'createdAtMs'>,
    by?: string,
  ): Promise<{ pkg: TokenPackage; created: boolean }>;
  list(): Promise<TokenPackage[]>;
  get(id: string): Promise<TokenPackage | undefined>;
  /**
   * Buys a package for a customer. Idempotent per purchaseId: a retry with the same customer and
   * package returns the first purchase (created false); with others, DuplicateReferenceError.
   */
  buy(
    b: { purchaseId: string; customerId: string; packageId: string },
    by?: string,
  ): Promise<{ purchase: PackagePurchase; created: boolean }>;
  /** A customer's purchases, newest first. */
  purchases(customerId: string): Promise<PackagePurchase[]>;
  /** Every customer's purchases, newest first, at most `limit` (the NOC's recent purchases). */
  recentPurchases(limit: number): Promise<PackagePurchase[]>;
  /** Purchases by the transfers that credited them (statements show their money). */
  purchasesByTransfer(transferIds: readonly number[]): Promise<Map<number, PackagePurchase>>;
  /**
   * Expires every package due at `nowMs` (oldest expiry first). Returns how many and the µT removed,
   * and how many were deferred: their remainder counts µT of the customer on other coordinator
   * replicas' slices, which this replica may not take (and customer:C alone cannot cover it); they
   * stay due and are tried again at the next call (docs/ledger.md "Slices").
   */
  expire(
    nowMs: number,
    limit?: number,
  ): Promise<{ expired: number; microTokens: number; deferred: number }>;
  /** Each purchase against its transfers; throws LedgerInvariantError. */
  checkInvariants(): Promise<void>;
}

interface PackageRow {
  id: string;
  name: string;
  micro_tokens: number;
  currency: string;
  price_minor: number;
  valid_ms: number;
  created_at_ms: number;
}

interface PurchaseRow {
  purchase_id: string;
  customer_id: string;
  package_id: string;
  micro_tokens: number;
  currency: string;
  price_minor: number;
  purchased_at_ms: number;
  expires_at_ms: number;
  transfer_id: number | null;
  expired_at_ms: number | null;
  expired_micro_tokens: number | null;
}

const pkgOf = (r: PackageRow): TokenPackage => ({
  id: r.id,
  name: r.name,
  microTokens: r.micro_tokens,
  currency: r.currency,
  priceMinor: r.price_minor,
  validMs: r.valid_ms,
  createdAtMs: r.created_at_ms,
});

const purchaseOf = (r: PurchaseRow): PackagePurchase => ({
  purchaseId: r.purchase_id,
  customerId: r.customer_id,
  packageId: r.package_id,
  microTokens: r.micro_tokens,
  currency: r.currency,
  priceMinor: r.price_minor,
  purchasedAtMs: r.purchased_at_ms,
  expiresAtMs: r.expires_at_ms,
  transferId: r.transfer_id ?? 0,
  expiredAtMs: r.expired_at_ms,
  expiredMicroTokens: r.expired_micro_tokens,
});

const PURCHASE_COLS =
  'purchase_id, customer_id, package_id, micro_tokens, currency, price_minor, purchased_at_ms, expires_at_ms, transfer_id, expired_at_ms, expired_micro_tokens';

function assertMinor(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new InvalidLedgerArgumentError(`${name} must be a non-negative safe integer (got ${v})`, {
      [name]: v,
    });
}

/**
 * `slices`: this replica's ledger slices (LedgerOptions.slices). A package's remainder counts the
 * customer's µT on every replica's slices (they are the customer's available balance); this
 * replica's slice of the customer goes back to customer:C before it is decided, and a remainder that
 * needs µT still on other replicas' slices defers the package (never under-expired, never taken
 * from a slice another replica spends).
 */
export function createPackageStore(
  db: Db,
  opts: { now?: () => number; slices?: LocalSlices } = {},
): PackageStore {
  const now = opts.now ?? Date.now;
  const slices = opts.slices;

  async function credit(q: Queryable, customerId: string, microTokens: number, ref: string) {
    const { account, debt, balance, mintBalance, owed } = await lockForCredit(q, customerId);
    assertTopUpWithinLimit(customerId, account, balance, mintBalance, microTokens);
    const settle = Math.min(owed, balance + microTokens);
    const [transferId] = await postTransfers(
      q,
      [
        { kind: 'package_purchase', debit: MINT, credit: account, amount: microTokens, ref },
        { kind: 'debt_settle', debit: account, credit: debt, amount: settle, ref },
      ],
      now(),
    );
    return transferId ?? 0;
  }

  /** The µT expired, 'deferred' (µT on other replicas' slices), or undefined (not due, or gone). */
  async function expireOne(
    purchaseId: string,
    nowMs: number,
  ): Promise<number | 'deferred' | undefined> {
    if (slices) {
      const [c] = await db.query<{ customer_id: string }>(
        'SELECT customer_id FROM package_purchases WHERE purchase_id = $1',
        [purchaseId],
      );
      // This replica's slice of the customer back on customer:C first (its own transaction).
      if (c) await slices.returnCustomer(c.customer_id);
    }
    return db.tx(async (q) => {
      const [p0] = await q.query<{ customer_id: string }>(
        'SELECT customer_id FROM package_purchases WHERE purchase_id = $1',
        [purchaseId],
      );
      if (!p0) return undefined;
      const account = customerAccount(p0.customer_id);
      // The customer's account first (every posting locks accounts before anything else of theirs).
      const [acct] = await q.query<{ balance: number }>(
        'SELECT balance FROM accounts WHERE id = $1 FOR UPDATE',
        [account],
      );
      const [p] = await q.query<PurchaseRow>(
        `SELECT ${PURCHASE_COLS} FROM package_purchases
          WHERE purchase_id = $1 AND expired_at_ms IS NULL AND expires_at_ms <= $2 FOR UPDATE`,
        [purchaseId, nowMs],
      );
      if (!p || p.transfer_id === null) return undefined;
      const [newer] = await q.query<{ n: number }>(
        `SELECT (SELECT COALESCE(sum(amount), 0) FROM transfers
                  WHERE credit_account = $1 AND kind = 'top_up' AND id > $2)
              + (SELECT COALESCE(sum(micro_tokens), 0) FROM package_purchases
                  WHERE customer_id = $3 AND transfer_id > $2 AND expired_at_ms IS NULL) AS n`,
        [account, p.transfer_id, p.customer_id],
      );
      const onAccount = acct?.balance ?? 0;
      // Available = customer:C + the slices of the other replicas (this replica's was returned
      // above; what stays on it counts on provisional holds, which are held, not available).
      const elsewhere = await inOtherSlices(q, p.customer_id, slices?.replicaId);
      const available = onAccount + elsewhere;
      const remainder = Math.max(0, Math.min(p.micro_tokens, available - Number(newer?.n ?? 0)));
      // One expiry transfer per purchase (checkInvariants): wait until the other replicas return their slices.
      if (remainder > onAccount) return 'deferred' as const;
      const [tid] = await postTransfers(
        q,
        [
          {
            kind: 'package_expired',
            debit: account,
            credit: MINT,
            amount: remainder,
            ref: purchaseId,
          },
        ],
        nowMs,
      );
      await q.query(
        `UPDATE package_purchases SET expired_at_ms = $2, expired_micro_tokens = $3, expire_transfer_id = $4
          WHERE purchase_id = $1`,
        [purchaseId, nowMs, remainder, tid ? tid : null],
      );
      return remainder;
    });
  }

  return {
    async define(p, by) {
      assertId('packageId', p.id);
      assertAmount('microTokens', p.microTokens);
      assertMinor('priceMinor', p.priceMinor);
      assertAmount('validMs', p.validMs);
      if (p.name.length === 0 || p.name.length > 200)
        throw new InvalidLedgerArgumentError('name must be 1..200 characters', { name: p.name });
      return db.tx(async (q) => {
        const inserted = await q.query<PackageRow>(
          `INSERT INTO token_packages (id, name, micro_tokens, currency, price_minor, valid_ms, created_at_ms, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING *`,
          [p.id, p.name, p.microTokens, p.currency, p.priceMinor, p.validMs, now(), by ?? null],
        );
        if (inserted[0]) return { pkg: pkgOf(inserted[0]), created: true };
        const [row] = await q.query<PackageRow>('SELECT * FROM token_packages WHERE id = $1', [
          p.id,
        ]);
        if (!row) throw new UnknownPackageError(p.id);
        const have = pkgOf(row);
        if (
          have.name !== p.name ||
          have.microTokens !== p.microTokens ||
          have.currency !== p.currency ||
          have.priceMinor !== p.priceMinor ||
          have.validMs !== p.validMs
        )
          throw new DuplicateReferenceError('package', p.id, { package: have });
        return { pkg: have, created: false };
      });
    },

    async list() {
      const rows = await db.query<PackageRow>('SELECT * FROM token_packages ORDER BY id');
      return rows.map(pkgOf);
    },

    async get(id) {
      const [row] = await db.query<PackageRow>('SELECT * FROM token_packages WHERE id = $1', [id]);
      return row ? pkgOf(row) : undefined;
    },

    async buy(b, by) {
      assertId('purchaseId', b.purchaseId);
      assertId('customerId', b.customerId);
      assertId('packageId', b.packageId);
      return db.tx(async (q) => {
        const [row] = await q.query<PackageRow>('SELECT * FROM token_packages WHERE id = $1', [
          b.packageId,
        ]);
        if (!row) throw new UnknownPackageError(b.packageId);
        const pkg = pkgOf(row);
        const at = now();
        // The purchase row first: a concurrent buy with the same id waits here, then finds it.
        const fresh = await q.query<{ purchase_id: string }>(
          `INSERT INTO package_purchases (purchase_id, customer_id, package_id, micro_tokens, currency, price_minor,
             purchased_at_ms, expires_at_ms, purchased_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (purchase_id) DO NOTHING RETURNING purchase_id`,
          [
            b.purchaseId,
            b.customerId,
            pkg.id,
            pkg.microTokens,
            pkg.currency,
            pkg.priceMinor,
            at,
            at + pkg.validMs,
            by ?? null,
          ],
        );
        if (fresh.length === 0) {
          const [prior] = await q.query<PurchaseRow>(
            `SELECT ${PURCHASE_COLS} FROM package_purchases WHERE purchase_id = $1`,
            [b.purchaseId],
          );
          if (!prior) throw new LedgerInvariantError(`purchase ${b.purchaseId} vanished`, {});
          if (prior.customer_id !== b.customerId || prior.package_id !== b.packageId)
            throw new DuplicateReferenceError('purchase', b.purchaseId, {
              customerId: prior.customer_id,
              packageId: prior.package_id,
            });
          return { purchase: purchaseOf(prior), created: false };
        }
        const transferId = await credit(q, b.customerId, pkg.microTokens, b.purchaseId);
        const [done] = await q.query<PurchaseRow>(
          `UPDATE package_purchases SET transfer_id = $2 WHERE purchase_id = $1 RETURNING ${PURCHASE_COLS}`,
          [b.purchaseId, transferId],
        );
        if (!done) throw new LedgerInvariantError(`purchase ${b.purchaseId} vanished`, {});
        return { purchase: purchaseOf(done), created: true };
      });
    },

    async purchases(customerId) {
      const rows = await db.query<PurchaseRow>(
        `SELECT ${PURCHASE_COLS} FROM package_purchases WHERE customer_id = $1
          ORDER BY purchased_at_ms DESC, transfer_id DESC`,
        [customerId],
      );
      return rows.map(purchaseOf);
    },

    async recentPurchases(limit) {
      assertMinor('limit', limit);
      const rows = await db.query<PurchaseRow>(
        `SELECT ${PURCHASE_COLS} FROM package_purchases
          ORDER BY purchased_at_ms DESC, transfer_id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(purchaseOf);
    },

    async purchasesByTransfer(transferIds) {
      const out = new Map<number, PackagePurchase>();
      if (transferIds.length === 0) return out;
      const rows = await db.query<PurchaseRow>(
        `SELECT ${PURCHASE_COLS} FROM package_purchases WHERE transfer_id = ANY($1::bigint[])`,
        [[...transferIds]],
      );
      for (const r of rows) if (r.transfer_id !== null) out.set(r.transfer_id, purchaseOf(r));
      return out;
    },

    async expire(nowMs, limit = 500) {
      const due = await db.query<{ purchase_id: string }>(
        `SELECT purchase_id FROM package_purchases WHERE expired_at_ms IS NULL AND expires_at_ms <= $1
          ORDER BY expires_at_ms, transfer_id LIMIT $2`,
        [nowMs, limit],
      );
      let expired = 0;
      let microTokens = 0;
      let deferred = 0;
      for (const { purchase_id } of due) {
        const removed = await expireOne(purchase_id, nowMs);
        if (removed === undefined) continue;
        if (removed === 'deferred') {
          deferred++;
          continue;
        }
        expired++;
        microTokens += removed;
      }
      return { expired, microTokens, deferred };
    },

    async checkInvariants() {
      const bad = await db.query<{ purchase_id: string }>(
        `SELECT p.purchase_id FROM package_purchases p
           LEFT JOIN transfers t ON t.id = p.transfer_id
           LEFT JOIN transfers x ON x.id = p.expire_transfer_id
          WHERE t.id IS NULL OR t.kind <> 'package_purchase' OR t.amount <> p.micro_tokens
             OR t.credit_account <> 'customer:' || p.customer_id OR t.ref <> p.purchase_id
             OR (p.expired_micro_tokens > 0 AND (x.id IS NULL OR x.kind <> 'package_expired'
                 OR x.amount <> p.expired_micro_tokens OR x.debit_account <> 'customer:' || p.customer_id))
             OR (COALESCE(p.expired_micro_tokens, 0) = 0 AND p.expire_transfer_id IS NOT NULL)`,
      );
      if (bad.length > 0)
        throw new LedgerInvariantError('package purchases disagree with their transfers', {
          purchases: bad.map((b) => b.purchase_id),
        });
      const [orphans] = await db.query<{ n: number }>(
        `SELECT count(*) AS n FROM transfers t WHERE t.kind IN ('package_purchase', 'package_expired')
           AND NOT EXISTS (SELECT 1 FROM package_purchases p WHERE p.transfer_id = t.id OR p.expire_transfer_id = t.id)`,
      );
      if ((orphans?.n ?? 0) > 0)
        throw new LedgerInvariantError('package transfers without a purchase', { n: orphans?.n });
    },
  };
}
