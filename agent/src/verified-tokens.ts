import type { KeyObject } from 'node:crypto';
import {
  LeaseTokenExpiredError,
  verifyLeaseToken,
  type LeaseClaims,
  type MacVerifyKeys,
  type VerifyKeys,
} from '@edgefleet/proto';

interface Verified {
  claims: LeaseClaims;
  kid: string;
  /** The key that verified it: an ef1 token's Ed25519 public key, an ef2 token's MAC key. */
  key: KeyObject | Buffer;
  /** ef2: the site the MAC was checked for. */
  siteId?: string;
}

/** Default: tokens remembered at once (each a few hundred bytes); the oldest goes first. */
export const DEFAULT_VERIFIED_TOKENS = 4096;

const sameKey = (a: KeyObject | Buffer | undefined, b: KeyObject | Buffer): boolean =>
  a !== undefined &&
  (a === b ||
    (Buffer.isBuffer(a) ? Buffer.isBuffer(b) && a.equals(b) : !Buffer.isBuffer(b) && a.equals(b)));

/**
 * Lease tokens whose signature or MAC this agent has already checked. A vehicle sends the same
 * token with every Infer of a lease, and checking it is the costliest step before the run (an ef1
 * token's Ed25519 signature; an ef2 token's HMAC with its base64url and JSON decoding, ~50 µs a call
 * on the 2-core bench host: docs/benchmarks.md): a token seen before skips it, as long as the key
 * that verified it is still one the agent trusts under the same kid (a rotated-out or replaced key
 * verifies nothing more) and, for ef2, the site is the same. Expiry is checked on every call against
 * the caller's clock, exactly as verifyLeaseToken checks it; model and revocation stay the caller's
 * checks, on every call.
 */
export class VerifiedTokens {
  private readonly seen = new Map<string, Verified>();

  constructor(private readonly max = DEFAULT_VERIFIED_TOKENS) {}

  get size(): number {
    return this.seen.size;
  }

  /** verifyLeaseToken's answer and errors, the signature or MAC checked once per token and key. */
  verify(token: string, keys: VerifyKeys, nowMs: number, mac?: MacVerifyKeys): LeaseClaims {
    const hit = this.seen.get(token);
    if (hit) {
      const still =
        hit.siteId === undefined
          ? sameKey(keys.get(hit.kid), hit.key)
          : mac?.siteId === hit.siteId && sameKey(mac.keys.get(hit.kid), hit.key);
      if (still) {
        if (hit.claims.exp <= nowMs) {
          this.seen.delete(token);
          throw new LeaseTokenExpiredError(hit.claims.lid, hit.claims.exp, nowMs);
        }
        return hit.claims;
      }
      this.seen.delete(token);
    }
    const claims = verifyLeaseToken(token, keys, nowMs, mac);
    // verifyLeaseToken has checked the token's shape, so the kid is its second part.
    const kid = token.split('.')[1] as string;
    const entry: Verified = token.startsWith('ef2.')
      ? { claims, kid, key: mac?.keys.get(kid) as Buffer, siteId: mac?.siteId as string }
      : { claims, kid, key: keys.get(kid) as KeyObject };
    if (this.seen.size >= this.max) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(token, entry);
    return claims;
  }
}
