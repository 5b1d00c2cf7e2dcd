import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  LeaseTokenExpiredError,
  LeaseTokenSignatureError,
  LeaseTokenUnknownKeyError,
  LeaseWrongSiteError,
  macLeaseToken,
  signLeaseToken,
  verifyKeysFromPems,
  type LeaseClaims,
} from '@edgefleet/proto';
import { VerifiedTokens } from './verified-tokens.js';

const claims: LeaseClaims = {
  lid: 'l1',
  hid: 'h1',
  sid: 'site-a',
  cid: 'c1',
  mdl: 'm',
  bud: 5000,
  iat: 1_000,
  exp: 61_000,
  iso: 'whole',
};
const k1 = generateSigningKey('k1');
const k2 = generateSigningKey('k2');
const trusted = (...ks: (typeof k1)[]) =>
  verifyKeysFromPems(ks.map((k) => ({ kid: k.kid, public_key_pem: k.publicKeyPem })));

describe('verified lease tokens', () => {
  it('answer a token seen before with its claims, also under a fresh copy of the same key', () => {
    const v = new VerifiedTokens();
    const token = signLeaseToken(k1, claims);
    expect(v.verify(token, trusted(k1), 2_000)).toEqual(claims);
    expect(v.verify(token, trusted(k1), 3_000)).toEqual(claims);
    expect(v.size).toBe(1);
  });

  it('refuse a remembered token once it has expired', () => {
    const v = new VerifiedTokens();
    const token = signLeaseToken(k1, claims);
    v.verify(token, trusted(k1), 2_000);
    expect(() => v.verify(token, trusted(k1), 61_000)).toThrow(LeaseTokenExpiredError);
    expect(v.size).toBe(0);
  });

  it('refuse a remembered token once its key is no longer trusted, or replaced under its kid', () => {
    const v = new VerifiedTokens();
    const token = signLeaseToken(k1, claims);
    v.verify(token, trusted(k1, k2), 2_000);
    expect(() => v.verify(token, trusted(k2), 2_000)).toThrow(LeaseTokenUnknownKeyError);
    v.verify(token, trusted(k1), 2_000);
    const impostor = generateSigningKey('k1');
    expect(() => v.verify(token, trusted(impostor), 2_000)).toThrow(LeaseTokenSignatureError);
  });

  it('never remember a token whose signature fails', () => {
    const v = new VerifiedTokens();
    const forged = signLeaseToken(generateSigningKey('k1'), claims);
    expect(() => v.verify(forged, trusted(k1), 2_000)).toThrow(LeaseTokenSignatureError);
    expect(() => v.verify(forged, trusted(k1), 2_000)).toThrow(LeaseTokenSignatureError);
    expect(v.size).toBe(0);
  });

  it('keep at most the configured number of tokens, dropping the oldest', () => {
    const v = new VerifiedTokens(2);
    for (const lid of ['a', 'b', 'c'])
      v.verify(signLeaseToken(k1, { ...claims, lid }), trusted(k1), 2_000);
    expect(v.size).toBe(2);
  });

  it('remember an ef2 token per MAC key and site, and check it again once either changes', () => {
    const v = new VerifiedTokens();
    const macKey = Buffer.alloc(32, 7);
    const token = macLeaseToken('m1', macKey, claims);
    const mac = (key: Buffer, siteId = 'site-a') => ({ siteId, keys: new Map([['m1', key]]) });
    expect(v.verify(token, trusted(k1), 2_000, mac(macKey))).toEqual(claims);
    expect(v.verify(token, trusted(k1), 3_000, mac(Buffer.from(macKey)))).toEqual(claims);
    expect(v.size).toBe(1);
    expect(() => v.verify(token, trusted(k1), 3_000, mac(Buffer.alloc(32, 8)))).toThrow(
      LeaseTokenSignatureError,
    );
    expect(() => v.verify(token, trusted(k1), 3_000)).toThrow(LeaseTokenUnknownKeyError);
    v.verify(token, trusted(k1), 3_000, mac(macKey));
    expect(() => v.verify(token, trusted(k1), 3_000, mac(macKey, 'site-b'))).toThrow(
      LeaseWrongSiteError,
    );
    v.verify(token, trusted(k1), 3_000, mac(macKey));
    expect(() => v.verify(token, trusted(k1), 61_000, mac(macKey))).toThrow(LeaseTokenExpiredError);
    expect(v.size).toBe(0);
  });
});
