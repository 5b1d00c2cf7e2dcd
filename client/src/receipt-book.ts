import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  receiptToJson,
  verifyReceipt,
  type ReceiptJson,
  type ReceiptRefusal,
  type SignedReceipt,
} from '@edgefleet/proto';
import { ReceiptRefusedError } from './errors.js';
import type { InferResponse, Lease } from './types.js';

/**
 * What the SDK made of one answer's receipt: `verified` (signed by a key the coordinator named for
 * the site, and describing this very answer), or why not: `missing`, `unsigned`, `forged` (no named
 * key verifies it), `no_site_key` (the lease named no key to verify with), `mismatch` (it verifies
 * but names another site, lease, seq, amount or request than the answer it came with).
 */
export type ReceiptStatus = 'verified' | ReceiptRefusal | 'mismatch';

export interface KeptReceipt {
  status: ReceiptStatus;
  /** The receipt as JSON (one line of jsonLines()); with the site key that verified it. */
  receipt: ReceiptJson;
  receivedAtMs: number;
}

/** `verify` (default): keep every receipt with its status, use every answer. `require`: an answer without a verified receipt fails over. */
export type ReceiptPolicy = 'verify' | 'require';

export interface ReceiptBookOptions {
  policy?: ReceiptPolicy;
  /** Receipts kept before the oldest are dropped (counted in `dropped`); default 100,000. Drain them to disk with drain(). */
  maxKept?: number;
  now?: () => number;
}

/** Fields of the answer a receipt must repeat, so a site cannot hand one request another's receipt. */
function describesAnswer(
  r: SignedReceipt,
  res: InferResponse,
  lease: Lease,
  requestId: string,
): boolean {
  return (
    r.site_id === lease.site_id &&
    r.lease_id === lease.lease_id &&
    r.burn_seq === res.burn_seq &&
    r.micro_tokens === res.micro_tokens &&
    r.request_id === requestId
  );
}

/**
 * The receipts a client received (docs/verification.md "Receipts"): each verified against the keys
 * the coordinator named for the site in the lease (Lease.site_public_keys, never what the site says),
 * kept in arrival order, exported as JSON lines for `edgefleet receipts verify` or the receipts
 * check API (POST /api/v1/customers/{id}/receipts/check).
 */
export class ReceiptBook {
  readonly policy: ReceiptPolicy;
  private readonly maxKept: number;
  private readonly now: () => number;
  private kept: KeptReceipt[] = [];
  private droppedCount = 0;
  private readonly counts = new Map<ReceiptStatus, number>();
  /** Parsed site keys by PEM: a PEM is parsed once, not once per answer (leases share a few keys). */
  private readonly keyObjects = new Map<string, KeyObject | null>();

  constructor(o: ReceiptBookOptions = {}) {
    this.policy = o.policy ?? 'verify';
    this.maxKept = o.maxKept ?? 100_000;
    this.now = o.now ?? Date.now;
  }

  /**
   * Checks and keeps one answer's receipt. Under `require`, returns the error that fails the
   * attempt over when the receipt is not verified; undefined when the answer may be used.
   */
  take(res: InferResponse, lease: Lease, requestId: string): ReceiptRefusedError | undefined {
    const r = res.receipt as SignedReceipt | null | undefined;
    const keys = (lease.site_public_keys ?? []).filter((pem) => this.keyOf(pem) !== null);
    const check = verifyReceipt(
      keys.map((pem) => this.keyOf(pem) as KeyObject),
      r,
    );
    let status: ReceiptStatus = check.ok ? 'verified' : check.reason;
    if (check.ok && r && !describesAnswer(r, res, lease, requestId)) status = 'mismatch';
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
    if (r) {
      const key = check.ok ? keys[check.keyIndex] : undefined;
      this.kept.push({ status, receipt: receiptToJson(r, key), receivedAtMs: this.now() });
      if (this.kept.length > this.maxKept) {
        this.kept.shift();
        this.droppedCount++;
      }
    }
    if (status === 'verified' || this.policy !== 'require') return undefined;
    return new ReceiptRefusedError(
      `site ${lease.site_id}: answer of lease ${lease.lease_id} carries no verifiable receipt (${status}); not used`,
      { siteId: lease.site_id, leaseId: lease.lease_id, status, seq: res.burn_seq },
    );
  }

  private keyOf(pem: string): KeyObject | null {
    let k = this.keyObjects.get(pem);
    if (k === undefined) {
      try {
        k = createPublicKey(pem);
      } catch {
        k = null; // verifies nothing, as verifyReceipt treats an unparsable key
      }
      if (this.keyObjects.size >= 10_000) this.keyObjects.clear();
      this.keyObjects.set(pem, k);
    }
    return k;
  }

  /** Kept receipts, oldest first. */
  list(): readonly KeptReceipt[] {
    return this.kept;
  }

  /** One receipt per line (JSON), oldest first: what `edgefleet receipts verify FILE` reads. */
  jsonLines(): string {
    return this.kept.map((k) => `${JSON.stringify(k.receipt)}\n`).join('');
  }

  /** Returns the kept receipts and forgets them (append them to a file as they come). */
  drain(): KeptReceipt[] {
    const out = this.kept;
    this.kept = [];
    return out;
  }

  /** Receipts seen per status since the client started (drained and dropped ones included). */
  stats(): Record<ReceiptStatus, number> & { dropped: number } {
    const out = {
      verified: 0,
      missing: 0,
      unsigned: 0,
      forged: 0,
      no_site_key: 0,
      mismatch: 0,
      dropped: this.droppedCount,
    };
    for (const [k, v] of this.counts) out[k] = v;
    return out;
  }
}
