import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  LeaseTokenExpiredError,
  LeaseTokenMalformedError,
  LeaseTokenSignatureError,
  LeaseTokenUnknownKeyError,
  signLeaseToken,
  verifyKeysFromPems,
  verifyLeaseToken,
  type LeaseClaims,
} from './lease-token.js';

const claims: LeaseClaims = {
  lid: 'l1',
  hid: 'h1',
  sid: 'site-a',
  cid: 'c1',
  mdl: 'llama',
  bud: 5000,
  iat: 1_000,
  exp: 61_000,
  iso: 'whole',
};

describe('lease tokens', () => {
  const k1 = generateSigningKey('k1');
  const k2 = generateSigningKey('k2');
  const keys = verifyKeysFromPems([
    { kid: 'k1', public_key_pem: k1.publicKeyPem },
    { kid: 'k2', public_key_pem: k2.publicKeyPem },
  ]);

  it('round-trips claims under either of two live keys (rotation)', () => {
    expect(verifyLeaseToken(signLeaseToken(k1, claims), keys, 2_000)).toEqual(claims);
    expect(verifyLeaseToken(signLeaseToken(k2, claims), keys, 2_000)).toEqual(claims);
  });

  it('rejects expired, forged, altered, unknown-key and malformed tokens with distinct errors', () => {
    const t = signLeaseToken(k1, claims);
    expect(() => verifyLeaseToken(t, keys, 61_000)).toThrow(LeaseTokenExpiredError);
    const [p, kid, body, sig] = t.split('.') as [string, string, string, string];
    const altered = Buffer.from(JSON.stringify({ ...claims, bud: 10 ** 9 })).toString('base64url');
    expect(() => verifyLeaseToken(`${p}.${kid}.${altered}.${sig}`, keys, 2_000)).toThrow(
      LeaseTokenSignatureError,
    );
    const forged = signLeaseToken({ ...generateSigningKey('k1') }, claims);
    expect(() => verifyLeaseToken(forged, keys, 2_000)).toThrow(LeaseTokenSignatureError);
    expect(() => verifyLeaseToken(`${p}.k9.${body}.${sig}`, keys, 2_000)).toThrow(
      LeaseTokenUnknownKeyError,
    );
    expect(() => verifyLeaseToken('nope', keys, 2_000)).toThrow(LeaseTokenMalformedError);
    expect(() => verifyLeaseToken(`${p}.${kid}.${body}.***`, keys, 2_000)).toThrow(
      LeaseTokenMalformedError,
    );
  });

  it('accepts exactly one spelling of a token (regression: the unused base64url bits of the signature made 15 others verify)', () => {
    const t = signLeaseToken(k1, claims);
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const others = [...A].map((c) => t.slice(0, -1) + c).filter((x) => x !== t);
    expect(others).toHaveLength(63);
    for (const x of others) expect(() => verifyLeaseToken(x, keys, 2_000)).toThrow();
    expect(() => verifyLeaseToken(`${t}AA`, keys, 2_000)).toThrow(LeaseTokenMalformedError);
    expect(verifyLeaseToken(t, keys, 2_000)).toEqual(claims);
  });
});
