import { randomBytes } from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';
import type { Db } from '../db/index.js';
import { hashSecret } from '../pki/site-secrets.js';

export class UnknownApiKeyError extends EdgefleetError {
  constructor(customerId: string, keyId: string) {
    super('UNKNOWN_API_KEY', `customer ${customerId} has no live API key ${keyId}`, {
      customerId,
      keyId,
    });
  }
}

/** A key issued or revoked (customer_api_keys.change_seq), as another replica applies it. */
export interface ApiKeyChange {
  seq: number;
  keyId: string;
  customerId: string;
  tokenHash: string;
  revoked: boolean;
}

export interface ApiKeyInfo {
  keyId: string;
  customerId: string;
  note: string;
  createdAtMs: number;
  revokedAtMs: number | null;
}

/**
 * Customer API keys for the LeaseBroker (`authorization: Bearer efk_…`). Issued by an operator,
 * shown once, stored as sha256 only, revocable. An in-memory copy of the live hashes answers
 * every Acquire without a database round trip.
 */
export class CustomerKeyStore {
  private readonly live = new Map<string, { customerId: string; keyId: string }>();

  constructor(private readonly db: Db) {}

  async load(): Promise<void> {
    const rows = await this.db.query<{ id: string; customer_id: string; token_hash: string }>(
      'SELECT id, customer_id, token_hash FROM customer_api_keys WHERE revoked_at_ms IS NULL',
    );
    this.live.clear();
    for (const r of rows) this.live.set(r.token_hash, { customerId: r.customer_id, keyId: r.id });
  }

  /** The customer a presented token belongs to, or undefined. */
  customerOf(token: string): string | undefined {
    return this.live.get(hashSecret(token))?.customerId;
  }

  async issue(
    customerId: string,
    createdBy: string,
    note = '',
  ): Promise<{ keyId: string; token: string; customerId: string }> {
    const keyId = `k-${randomBytes(6).toString('hex')}`;
    const token = `efk_${randomBytes(24).toString('base64url')}`;
    const tokenHash = hashSecret(token);
    await this.db.query(
      "INSERT INTO customer_api_keys (id, customer_id, token_hash, note, created_by, created_at_ms, change_seq) VALUES ($1, $2, $3, $4, $5, $6, nextval('customer_key_change_seq'))",
      [keyId, customerId, tokenHash, note, createdBy, Date.now()],
    );
    this.live.set(tokenHash, { customerId, keyId });
    return { keyId, token, customerId };
  }

  async revoke(customerId: string, keyId: string): Promise<void> {
    const rows = await this.db.query<{ token_hash: string }>(
      "UPDATE customer_api_keys SET revoked_at_ms = $3, change_seq = nextval('customer_key_change_seq') WHERE id = $1 AND customer_id = $2 AND revoked_at_ms IS NULL RETURNING token_hash",
      [keyId, customerId, Date.now()],
    );
    const row = rows[0];
    if (!row) throw new UnknownApiKeyError(customerId, keyId);
    this.live.delete(row.token_hash);
  }

  /** The newest change number: a replica starts following above it, read before load(). */
  async lastChangeSeq(): Promise<number> {
    const [r] = await this.db.query<{ m: string | number | null }>(
      'SELECT max(change_seq) AS m FROM customer_api_keys',
    );
    return Number(r?.m ?? 0);
  }

  /** Keys issued or revoked with a change number above `seq`, oldest first. */
  async changesSince(seq: number, limit = 1000): Promise<ApiKeyChange[]> {
    const rows = await this.db.query<{
      id: string;
      customer_id: string;
      token_hash: string;
      revoked_at_ms: string | number | null;
      change_seq: string | number;
    }>(
      'SELECT id, customer_id, token_hash, revoked_at_ms, change_seq FROM customer_api_keys WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
      [seq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.change_seq),
      keyId: r.id,
      customerId: r.customer_id,
      tokenHash: r.token_hash,
      revoked: r.revoked_at_ms !== null,
    }));
  }

  /** Applies a change made through another replica (or again, through this one: idempotent). */
  apply(c: ApiKeyChange): void {
    if (c.revoked) this.live.delete(c.tokenHash);
    else this.live.set(c.tokenHash, { customerId: c.customerId, keyId: c.keyId });
  }

  async list(customerId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.db.query<{
      id: string;
      customer_id: string;
      note: string;
      created_at_ms: number;
      revoked_at_ms: number | null;
    }>(
      'SELECT id, customer_id, note, created_at_ms, revoked_at_ms FROM customer_api_keys WHERE customer_id = $1 ORDER BY created_at_ms DESC',
      [customerId],
    );
    return rows.map((r) => ({
      keyId: r.id,
      customerId: r.customer_id,
      note: r.note,
      createdAtMs: Number(r.created_at_ms),
      revokedAtMs: r.revoked_at_ms === null ? null : Number(r.revoked_at_ms),
    }));
  }
}
