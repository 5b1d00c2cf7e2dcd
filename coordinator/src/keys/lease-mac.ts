import { hkdfSync, type KeyObject } from 'node:crypto';

/** HKDF salt and info prefix: a lease MAC key can be nothing but a lease MAC key. */
const SALT = 'edgefleet-lease-mac';
const INFO = 'ef2-site:';

/** The 32-byte Ed25519 seed of a lease-signing key: the secret its per-site MAC keys derive from. */
export function signingSeed(privateKey: KeyObject): Buffer {
  const d = privateKey.export({ format: 'jwk' }).d;
  if (typeof d !== 'string') throw new TypeError('lease-signing key has no private part');
  return Buffer.from(d, 'base64url');
}

/**
 * The site's ef2 MAC key under one lease-signing key: HKDF-SHA256(seed of that key, site id).
 * Only a holder of the signing key (the coordinator replicas) can derive it, and knowing one site's
 * key says nothing about another's. It rotates and retires with its signing key, so replicas that
 * share the keys directory share the MAC keys without storing anything more.
 */
export function leaseMacKey(seed: Buffer, siteId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', seed, SALT, `${INFO}${siteId}`, 32));
}
