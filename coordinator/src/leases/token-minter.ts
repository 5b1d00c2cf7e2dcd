import { macLeaseToken, signLeaseToken, type LeaseClaims } from '@edgefleet/proto';
import type { SigningKeyRing } from '../keys/signing-keys.js';

/**
 * Mints lease tokens: ef2 (HMAC-SHA256 under the site's MAC key, a few µs) for a site that holds
 * the MAC key of the current signing key — it said so in its hello and its EdgeControl stream on
 * this replica was sent that key (macReady) — and ef1 (Ed25519, ~30 µs) for every other site:
 * agents without MAC support, a site whose stream is on another replica only, the moment between
 * a rotation and the new keys reaching the site.
 */
export class LeaseTokenMinter {
  constructor(
    private readonly keys: SigningKeyRing,
    private readonly macReady: (siteId: string, kid: string) => boolean,
  ) {}

  mint(claims: LeaseClaims): string {
    const k = this.keys.current;
    if (this.macReady(claims.sid, k.kid)) {
      const mac = this.keys.macKey(k.kid, claims.sid);
      if (mac) return macLeaseToken(k.kid, mac, claims);
    }
    return signLeaseToken(k, claims);
  }
}
