import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';

/**
 * Lease token: `ef1.<kid>.<base64url(JSON claims)>.<base64url(Ed25519 signature)>`.
 * The signature covers `ef1.<kid>.<claims>`. The key id lets keys rotate without dropping
 * live leases: agents keep every published key until its leases have expired.
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

/** Verifies signature and expiry; checks of site, model and budget belong to the caller. */
export function verifyLeaseToken(
  token: string,
  keys: VerifyKeys,
  nowMs: number = Date.now(),
): LeaseClaims {
  if (typeof token !== 'string' || token.length === 0) throw new LeaseTokenMalformedError('empty');
  if (token.length > 4096) throw new LeaseTokenMalformedError('longer than 4096 characters');
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX)
    throw new LeaseTokenMalformedError(`expected 4 dot-separated parts starting with ${PREFIX}`);
  const [, kid, claimsPart, sigPart] = parts as [string, string, string, string];
  if (!B64URL.test(claimsPart) || !B64URL.test(sigPart))
    throw new LeaseTokenMalformedError('not base64url');
  // One spelling per token: base64url's unused trailing bits would otherwise let 15 other strings carry the same signature.
  const sig = Buffer.from(sigPart, 'base64url');
  if (sig.length !== 64 || sig.toString('base64url') !== sigPart)
    throw new LeaseTokenMalformedError('signature is not 64 bytes of canonical base64url');
  const key = keys.get(kid);
  if (!key) throw new LeaseTokenUnknownKeyError(kid);
  const ok = verify(null, Buffer.from(`${PREFIX}.${kid}.${claimsPart}`), key, sig);
  if (!ok) throw new LeaseTokenSignatureError(kid);
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new LeaseTokenMalformedError('claims are not JSON');
  }
  if (!isClaims(claims)) throw new LeaseTokenMalformedError('claims are incomplete');
  if (claims.exp <= nowMs) throw new LeaseTokenExpiredError(claims.lid, claims.exp, nowMs);
  return claims;
}
