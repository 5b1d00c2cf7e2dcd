import { createPublicKey, type KeyObject } from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';
import { isValidSiteId, verifyBurnBatch, type SignableBurnBatch } from '@edgefleet/proto';
import type { Db } from '../db/index.js';

/** A site's burn-signing key (enrollment `publicKeyPem`, or a rotation) that is no Ed25519 SPKI PEM. */
export class SitePublicKeyInvalidError extends EdgefleetError {
  constructor(why: string) {
    super(
      'INVALID_SITE_PUBLIC_KEY',
      `publicKeyPem must be an Ed25519 public key in SPKI PEM: ${why}`,
      {},
    );
  }
}

/** Parses and checks a site's burn-signing public key. */
export function sitePublicKeyOf(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new SitePublicKeyInvalidError((err as Error).message);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SitePublicKeyInvalidError(`it is a ${key.asymmetricKeyType ?? 'unknown'} key`);
  return key;
}

/** Why a batch was refused: no signature, a signature no key of the site verifies, or no key enrolled to verify with. */
export type BatchRefusal = 'unsigned' | 'forged' | 'no_site_key';

export type BatchVerdict =
  { ok: true; signedBy: 'current' | 'previous' | 'none' } | { ok: false; reason: BatchRefusal };

interface Keys {
  current?: KeyObject;
  previous?: KeyObject;
  previousUntilMs: number;
  /** As stored (SPKI PEM): what a lease names for the customer to verify receipts with. */
  currentPem?: string;
  previousPem?: string;
}

interface KeyRow extends Record<string, unknown> {
  public_key_pem: string | null;
  prev_public_key_pem: string | null;
  prev_key_until_ms: string | number | null;
}

/** A stored PEM that no longer parses verifies nothing (enrollment checks keys since #13; older rows are not trusted blindly). */
function keyOrNothing(pem: string | null): KeyObject | undefined {
  if (!pem) return undefined;
  try {
    return sitePublicKeyOf(pem);
  } catch {
    return undefined;
  }
}

/**
 * Each site's burn-signing public keys (sites.public_key_pem, and the previous one for the rotation
 * grace window; migrations/105), cached in memory: verifying a batch must not hit the database. A
 * batch that fails against the cached keys is checked once more against the database, so a rotation
 * through another replica is seen at once, and only forged batches pay for the read.
 */
export class SiteKeyBook {
  private readonly cache = new Map<string, Keys>();

  constructor(
    private readonly db: Db,
    private readonly o: { graceMs: number; now?: () => number },
  ) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private async load(siteId: string): Promise<Keys> {
    if (!isValidSiteId(siteId)) return { previousUntilMs: 0 };
    const [r] = await this.db.query<KeyRow>(
      'SELECT public_key_pem, prev_public_key_pem, prev_key_until_ms FROM sites WHERE id = $1 AND revoked_at_ms IS NULL',
      [siteId],
    );
    const current = keyOrNothing(r?.public_key_pem ?? null);
    const previous = keyOrNothing(r?.prev_public_key_pem ?? null);
    const keys: Keys = {
      ...(current ? { current, currentPem: r?.public_key_pem ?? '' } : {}),
      ...(previous ? { previous, previousPem: r?.prev_public_key_pem ?? '' } : {}),
      previousUntilMs: Number(r?.prev_key_until_ms ?? 0),
    };
    this.cache.set(siteId, keys);
    return keys;
  }

  private check(keys: Keys, batch: SignableBurnBatch): BatchVerdict {
    if (!batch.signature || batch.signature.length === 0) return { ok: false, reason: 'unsigned' };
    if (!keys.current && !keys.previous) return { ok: false, reason: 'no_site_key' };
    if (keys.current && verifyBurnBatch(keys.current, batch).ok)
      return { ok: true, signedBy: 'current' };
    if (
      keys.previous &&
      this.now() < keys.previousUntilMs &&
      verifyBurnBatch(keys.previous, batch).ok
    )
      return { ok: true, signedBy: 'previous' };
    return { ok: false, reason: 'forged' };
  }

  /** Verifies a batch's signature against the site's current key, or its previous one within the grace window. */
  async verify(siteId: string, batch: SignableBurnBatch): Promise<BatchVerdict> {
    const cached = this.cache.get(siteId);
    const first = this.check(cached ?? (await this.load(siteId)), batch);
    if (first.ok || !cached || first.reason === 'unsigned') return first;
    return this.check(await this.load(siteId), batch);
  }

  /**
   * Registers a site's new key: the current one becomes the previous one, verifying until
   * now + graceMs (a second rotation within the window drops the oldest). Returns when the previous
   * key stops verifying, or undefined when the site is unknown or revoked.
   */
  async rotate(
    siteId: string,
    publicKeyPem: string,
  ): Promise<{ previousUntilMs: number } | undefined> {
    sitePublicKeyOf(publicKeyPem);
    if (!isValidSiteId(siteId)) return undefined;
    const until = this.now() + this.o.graceMs;
    const r = await this.db.query<{ id: string }>(
      `UPDATE sites SET prev_public_key_pem = public_key_pem, prev_key_until_ms = $3, public_key_pem = $2
       WHERE id = $1 AND revoked_at_ms IS NULL RETURNING id`,
      [siteId, publicKeyPem, until],
    );
    this.cache.delete(siteId);
    return r.length > 0 ? { previousUntilMs: until } : undefined;
  }

  /**
   * The site's public keys as SPKI PEM, for a lease to name (Lease.site_public_keys: the customer
   * verifies the site's receipts with them): the current one, then the previous one while its grace
   * lasts. From the cache, read from the database the first time a site is asked for.
   */
  async publicKeys(siteId: string): Promise<string[]> {
    const k = this.cache.get(siteId) ?? (await this.load(siteId));
    const out: string[] = [];
    if (k.currentPem) out.push(k.currentPem);
    if (k.previousPem && this.now() < k.previousUntilMs) out.push(k.previousPem);
    return out;
  }

  /**
   * The keys a receipt of the site may be signed with, to check a customer's receipts: the current
   * one and the previous one whatever its grace (a receipt signed before a rotation stays good;
   * two rotations back, only the customer's own copy of the key the lease named can tell).
   */
  async receiptKeys(siteId: string): Promise<KeyObject[]> {
    const k = this.cache.get(siteId) ?? (await this.load(siteId));
    return [k.current, k.previous].filter((x): x is KeyObject => x !== undefined);
  }

  /** Drops a site's cached keys (revoked). */
  forget(siteId: string): void {
    this.cache.delete(siteId);
  }
}
