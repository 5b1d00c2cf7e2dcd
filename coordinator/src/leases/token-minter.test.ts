import { describe, expect, it } from 'vitest';
import { verifyKeysFromPems, verifyLeaseToken, type LeaseClaims } from '@edgefleet/proto';
import { SigningKeyRing } from '../keys/signing-keys.js';
import { LeaseTokenMinter } from './token-minter.js';

const claims: LeaseClaims = {
  lid: 'l1',
  hid: 'h1',
  sid: 'site-a',
  cid: 'c1',
  mdl: 'llama',
  bud: 5000,
  iat: 1_000,
  exp: Date.now() + 60_000,
  iso: 'whole',
};

describe('LeaseTokenMinter', () => {
  const ring = SigningKeyRing.open(undefined);
  const edKeys = verifyKeysFromPems(ring.published());

  it('mints ef2 for a site that holds the current MAC key, verifiable with that key only', () => {
    const minter = new LeaseTokenMinter(
      ring,
      (site, kid) => site === 'site-a' && kid === ring.current.kid,
    );
    const t = minter.mint(claims);
    expect(t.startsWith(`ef2.${ring.current.kid}.`)).toBe(true);
    const keysA = new Map([[ring.current.kid, ring.macKey(ring.current.kid, 'site-a') as Buffer]]);
    expect(verifyLeaseToken(t, edKeys, Date.now(), { siteId: 'site-a', keys: keysA })).toEqual(
      claims,
    );
    // Without the MAC key the site cannot check it: refused, not accepted on the Ed25519 keys.
    expect(() => verifyLeaseToken(t, edKeys)).toThrow(/unknown key/);
  });

  it('mints ef1 (Ed25519) for a site without the MAC key: no MAC support, stream elsewhere, or keys not yet sent after a rotation', () => {
    const minter = new LeaseTokenMinter(ring, () => false);
    const t = minter.mint(claims);
    expect(t.startsWith(`ef1.${ring.current.kid}.`)).toBe(true);
    expect(verifyLeaseToken(t, edKeys)).toEqual(claims);
  });
});
