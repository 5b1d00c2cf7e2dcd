import type { KeyObject } from 'node:crypto';
import {
  LeaseTokenExpiredError,
  verifyLeaseToken,
  type LeaseClaims,
  type VerifyKeys,
} from '@edgefleet/proto';

interface Verified {
  claims: LeaseClaims;
  kid: string;
  key: KeyObject;
}

/** Default: tokens remembered at once (each a few hundred bytes); the oldest goes first. */
export const DEFAULT_VERIFIED_TOKENS = 4096;

/**
 * Lease tokens whose Ed25519 signature this agent has already checked. A vehicle sends the same
 * token with every Infer of a lease, and the signature check is the costliest step before the run:
 * a token seen before skips it, as long as the key that verified it is still one the agent trusts
 * (a rotated-out or replaced key verifies nothing more). Expiry is checked on every call against
 * the caller's clock, exactly as verifyLeaseToken checks it; site, model and revocation stay the
 * caller's checks, on every call.
 */
export class VerifiedTokens {
  private readonly seen = new Map<string, Verified>();

  constructor(private readonly max = DEFAULT_VERIFIED_TOKENS) {}

  get size(): number {
    return this.seen.size;
  }

  /** verifyLeaseToken's answer and errors, the signature checked once per token and key. */
  verify(token: string, keys: VerifyKeys, nowMs: number): LeaseClaims {
    const hit = this.seen.get(token);
    if (hit) {
      const key = keys.get(hit.kid);
      if (key && (key === hit.key || key.equals(hit.key))) {
        if (hit.claims.exp <= nowMs) {
          this.seen.delete(token);
          throw new LeaseTokenExpiredError(hit.claims.lid, hit.claims.exp, nowMs);
        }
        return hit.claims;
      }
      this.seen.delete(token);
    }
    const claims = verifyLeaseToken(token, keys, nowMs);
    // verifyLeaseToken has checked the token's shape, so the kid is its second part.
    const kid = token.split('.')[1] as string;
    const key = keys.get(kid) as KeyObject;
    if (this.seen.size >= this.max) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(token, { claims, kid, key });
    return claims;
  }
}
