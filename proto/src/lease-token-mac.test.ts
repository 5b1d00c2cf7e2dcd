import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  LeaseTokenExpiredError,
  LeaseTokenMalformedError,
  LeaseTokenSignatureError,
  LeaseTokenUnknownKeyError,
  LeaseWrongSiteError,
  macLeaseToken,
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

describe('ef2 lease tokens (per-site HMAC)', () => {
  const keyA1 = randomBytes(32);
  const keyA2 = randomBytes(32);
  const keyB1 = randomBytes(32);
  const siteA = {
    siteId: 'site-a',
    keys: new Map([
      ['k1', keyA1],
      ['k2', keyA2],
    ]),
  };
  const siteB = { siteId: 'site-b', keys: new Map([['k1', keyB1]]) };
  const ed = generateSigningKey('k1');
  const edKeys = verifyKeysFromPems([{ kid: 'k1', public_key_pem: ed.publicKeyPem }]);

  it('round-trips under either of two live keys (rotation), and ef1 tokens still verify beside them', () => {
    const t1 = macLeaseToken('k1', keyA1, claims);
    expect(t1.startsWith('ef2.k1.')).toBe(true);
    expect(verifyLeaseToken(t1, edKeys, 2_000, siteA)).toEqual(claims);
    expect(verifyLeaseToken(macLeaseToken('k2', keyA2, claims), edKeys, 2_000, siteA)).toEqual(
      claims,
    );
    expect(verifyLeaseToken(signLeaseToken(ed, claims), edKeys, 2_000, siteA)).toEqual(claims);
  });

  it("refuses another site's token (LEASE_WRONG_SITE), a token relabelled for this site or MACed with another key (LEASE_TOKEN_FORGED)", () => {
    const forA = macLeaseToken('k1', keyA1, claims);
    expect(() => verifyLeaseToken(forA, edKeys, 2_000, siteB)).toThrow(LeaseWrongSiteError);
    // Site A's MAC on claims that name site B: B's key does not produce it.
    const relabelled = macLeaseToken('k1', keyA1, { ...claims, sid: 'site-b' });
    expect(() => verifyLeaseToken(relabelled, edKeys, 2_000, siteB)).toThrow(
      LeaseTokenSignatureError,
    );
    // Site B (which holds its own key, not A's) minting for A.
    const byB = macLeaseToken('k1', keyB1, claims);
    expect(() => verifyLeaseToken(byB, edKeys, 2_000, siteA)).toThrow(LeaseTokenSignatureError);
    // Altered claims under the original MAC.
    const [v, kid, , mac] = forA.split('.');
    const richer = Buffer.from(JSON.stringify({ ...claims, bud: 10 ** 12 })).toString('base64url');
    expect(() => verifyLeaseToken(`${v}.${kid}.${richer}.${mac}`, edKeys, 2_000, siteA)).toThrow(
      LeaseTokenSignatureError,
    );
  });

  it('refuses expired, unknown-key, no-MAC-keys and malformed ef2 tokens with their errors', () => {
    expect(() =>
      verifyLeaseToken(macLeaseToken('k1', keyA1, claims), edKeys, 61_000, siteA),
    ).toThrow(LeaseTokenExpiredError);
    expect(() =>
      verifyLeaseToken(macLeaseToken('k9', keyA1, claims), edKeys, 2_000, siteA),
    ).toThrow(LeaseTokenUnknownKeyError);
    // An agent that holds no MAC keys (none sent yet): the key is unknown to it.
    expect(() => verifyLeaseToken(macLeaseToken('k1', keyA1, claims), edKeys, 2_000)).toThrow(
      LeaseTokenUnknownKeyError,
    );
    const t = macLeaseToken('k1', keyA1, claims);
    expect(() => verifyLeaseToken(`${t}A`, edKeys, 2_000, siteA)).toThrow(LeaseTokenMalformedError);
    expect(() => verifyLeaseToken(`ef3${t.slice(3)}`, edKeys, 2_000, siteA)).toThrow(
      LeaseTokenMalformedError,
    );
  });

  it('accepts exactly one spelling of a MAC (base64url trailing bits)', () => {
    const t = macLeaseToken('k1', keyA1, claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let accepted = 0;
    for (const c of alphabet) {
      try {
        verifyLeaseToken(`${t.slice(0, -1)}${c}`, edKeys, 2_000, siteA);
        accepted++;
      } catch (err) {
        expect((err as { code?: string }).code).toMatch(/^LEASE_TOKEN_(MALFORMED|FORGED)$/);
      }
    }
    expect(accepted).toBe(1);
  });
});
