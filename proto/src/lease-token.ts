import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';

/**
 * Lease token, two versions with the same claims:
 * - `ef1.<kid>.<base64url(JSON claims)>.<base64url(Ed25519 signature)>`: the signature covers
 *   `ef1.<kid>.<claims>`; any agent holding the coordinator's public key verifies it.
 * - `ef2.<kid>.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`: the MAC covers `ef2.<kid>.<claims>`
 *   under the per-site key derived from lease-signing key `kid` and the site id (leaseMacKey), which
 *   only the coordinator and that site hold; about ten times cheaper to mint than an Ed25519 signature.
 * The key id lets keys rotate without dropping live leases: agents keep every published key until
 * its leases have expired.
 */
export interface LeaseClaims {
  /** lease id */
  lid: string;
  /** hold id (the ledger hold shared by a primary and its hedges) */
  hid: string;
  /** site id the lease is valid on */
  sid: string;
  /** customer id */
  cid: string;
  /** model */
  mdl: string;
  /** budget in µT */
  bud: number;
  /** issued at, ms since epoch */
  iat: number;
  /** expires at, ms since epoch */
  exp: number;
  /** isolation of the slot */
  iso: string;
}

const PREFIX = 'ef1';
const MAC_PREFIX = 'ef2';

export class LeaseTokenMalformedError extends EdgefleetError {
  constructor(reason: string) {
    super('LEASE_TOKEN_MALFORMED', `lease token is malformed: ${reason}`, { reason });
  }
}
export class LeaseTokenUnknownKeyError extends EdgefleetError {
  constructor(kid: string) {
    super('LEASE_TOKEN_UNKNOWN_KEY', `lease token is signed with unknown key id "${kid}"`, { kid });
  }
}
export class LeaseTokenSignatureError extends EdgefleetError {
  constructor(kid: string) {
    super('LEASE_TOKEN_FORGED', 'lease token signature does not verify (forged or altered)', {
      kid,
    });
  }
}
export class LeaseTokenExpiredError extends EdgefleetError {
  constructor(leaseId: string, expiredAtMs: number, nowMs: number) {
    super('LEASE_TOKEN_EXPIRED', `lease ${leaseId} expired ${nowMs - expiredAtMs} ms ago`, {
      leaseId,
      expiredAtMs,
      nowMs,
    });
  }
}

export class LeaseWrongSiteError extends EdgefleetError {
  constructor(tokenSite: string, siteId: string) {
    super('LEASE_WRONG_SITE', `lease is for site ${tokenSite}, this is ${siteId}`, {
      tokenSite,
      siteId,
    });
  }
}

export interface SigningKeyPair {
  kid: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function generateSigningKey(kid: string): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    kid,
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function signingKeyFromPem(kid: string, privatePem: string): SigningKeyPair {
  const privateKey = createPrivateKey(privatePem);
  const publicKeyPem = createPublicKey(privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  return { kid, privateKey, publicKeyPem };
}

export function signLeaseToken(key: SigningKeyPair, claims: LeaseClaims): string {
  const body = `${PREFIX}.${key.kid}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const sig = sign(null, Buffer.from(body), key.privateKey).toString('base64url');
  return `${body}.${sig}`;
}

/**
 * An ef2 token: the claims MACed with the site's key for `kid` (leaseMacKey). Only the coordinator
 * (which derives the key) and the site (which received it on its EdgeControl stream) can mint one.
 */
export function macLeaseToken(kid: string, macKey: Buffer, claims: LeaseClaims): string {
  const body = `${MAC_PREFIX}.${kid}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', macKey).update(body).digest('base64url')}`;
}

/** What a site checks ef2 tokens with: its own id and its MAC keys by key id. */
export interface MacVerifyKeys {
  siteId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Public keys an agent trusts, by key id. */
export type VerifyKeys = ReadonlyMap<string, KeyObject>;

export function verifyKeysFromPems(
  keys: Iterable<{ kid: string; public_key_pem: string }>,
): Map<string, KeyObject> {
  const out = new Map<string, KeyObject>();
  for (const k of keys) out.set(k.kid, createPublicKey(k.public_key_pem));
  return out;
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function isClaims(v: unknown): v is LeaseClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.lid === 'string' &&
    typeof c.hid === 'string' &&
    typeof c.sid === 'string' &&
    typeof c.cid === 'string' &&
    typeof c.mdl === 'string' &&
    typeof c.iso === 'string' &&
    Number.isSafeInteger(c.bud) &&
    (c.bud as number) >= 0 &&
    Number.isSafeInteger(c.iat) &&
    Number.isSafeInteger(c.exp)
  );
}

/**
 * Verifies signature (ef1) or MAC (ef2) and expiry; checks of site (ef1), model and budget belong
 * to the caller. An ef2 token needs `mac`: one naming another site is LEASE_WRONG_SITE, one whose
 * key id the site holds no MAC key for is LEASE_TOKEN_UNKNOWN_KEY, a MAC that does not match is
 * LEASE_TOKEN_FORGED (a token MACed for another site never matches: its key is that site's).
 */
export function verifyLeaseToken(
  token: string,
  keys: VerifyKeys,
  nowMs: number = Date.now(),
  mac?: MacVerifyKeys,
): LeaseClaims {
  if (typeof token !== 'string' || token.length === 0) throw new LeaseTokenMalformedError('empty');
  if (token.length > 4096) throw new LeaseTokenMalformedError('longer than 4096 characters');
  const parts = token.split('.');
  if (parts.length !== 4 || (parts[0] !== PREFIX && parts[0] !== MAC_PREFIX))
    throw new LeaseTokenMalformedError(
      `expected 4 dot-separated parts starting with ${PREFIX} or ${MAC_PREFIX}`,
    );
  const [version, kid, claimsPart, sigPart] = parts as [string, string, string, string];
  if (!B64URL.test(claimsPart) || !B64URL.test(sigPart))
    throw new LeaseTokenMalformedError('not base64url');
  if (version === MAC_PREFIX) return verifyMacToken(kid, claimsPart, sigPart, nowMs, mac);
  // One spelling per token: base64url's unused trailing bits would otherwise let 15 other strings carry the same signature.
  const sig = Buffer.from(sigPart, 'base64url');
  if (sig.length !== 64 || sig.toString('base64url') !== sigPart)
    throw new LeaseTokenMalformedError('signature is not 64 bytes of canonical base64url');
  const key = keys.get(kid);
  if (!key) throw new LeaseTokenUnknownKeyError(kid);
  const ok = verify(null, Buffer.from(`${PREFIX}.${kid}.${claimsPart}`), key, sig);
  if (!ok) throw new LeaseTokenSignatureError(kid);
  const claims = decodeClaims(claimsPart);
  if (claims.exp <= nowMs) throw new LeaseTokenExpiredError(claims.lid, claims.exp, nowMs);
  return claims;
}

function decodeClaims(claimsPart: string): LeaseClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new LeaseTokenMalformedError('claims are not JSON');
  }
  if (!isClaims(claims)) throw new LeaseTokenMalformedError('claims are incomplete');
  return claims;
}

function verifyMacToken(
  kid: string,
  claimsPart: string,
  macPart: string,
  nowMs: number,
  mac: MacVerifyKeys | undefined,
): LeaseClaims {
  const got = Buffer.from(macPart, 'base64url');
  if (got.length !== 32 || got.toString('base64url') !== macPart)
    throw new LeaseTokenMalformedError('MAC is not 32 bytes of canonical base64url');
  const key = mac?.keys.get(kid);
  if (!mac || !key) throw new LeaseTokenUnknownKeyError(kid);
  // The site is read before the MAC is checked only to name the refusal: either way the token is refused.
  const claims = decodeClaims(claimsPart);
  if (claims.sid !== mac.siteId) throw new LeaseWrongSiteError(claims.sid, mac.siteId);
  const want = createHmac('sha256', key).update(`${MAC_PREFIX}.${kid}.${claimsPart}`).digest();
  if (!timingSafeEqual(want, got)) throw new LeaseTokenSignatureError(kid);
  if (claims.exp <= nowMs) throw new LeaseTokenExpiredError(claims.lid, claims.exp, nowMs);
  return claims;
}
