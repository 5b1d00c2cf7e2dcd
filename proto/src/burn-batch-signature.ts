import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signed burn batches (docs/verification.md "Signed burns"). A site signs each BurnBatch it
 * publishes with its enrolled Ed25519 key; the coordinator verifies the batch against the key it
 * holds for that site before anything is staged or posted. One signature per batch, not per record:
 * it covers the site id and each record's seq and chain hash, and the hash already covers every
 * field of its record (burn-chain.ts), which the ledger checks record by record before it posts.
 * So a record whose fields were changed under a signed hash is tampered, and a record whose hash
 * was changed breaks the signature.
 */
export interface SignableBurnBatch {
  site_id?: string | null;
  records?: readonly { seq?: number | null; hash?: string | null }[] | null;
  signature?: Uint8Array | null;
}

export type BurnBatchSignatureCheck = { ok: true } | { ok: false; reason: 'unsigned' | 'forged' };

/** Ed25519 signatures are 64 bytes. */
export const BURN_BATCH_SIGNATURE_BYTES = 64;

const DOMAIN = 'ef-burn-batch-v1';

/** A part of the signed text: its length in UTF-8 bytes, ':', itself (no two batches share a text). */
function part(s: string): string {
  return `${Buffer.byteLength(s, 'utf8')}:${s}`;
}

/** The canonical bytes a batch's signature covers: domain, site id, then each record's seq and hash, in order. */
export function burnBatchSigningBytes(batch: SignableBurnBatch): Buffer {
  let text = part(DOMAIN) + part(batch.site_id ?? '');
  const records = batch.records ?? [];
  text += part(String(records.length));
  for (const r of records) text += part(String(Number(r.seq ?? 0))) + part(r.hash ?? '');
  return Buffer.from(text, 'utf8');
}

function privateKeyOf(key: KeyObject | string): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key;
}

function publicKeyOf(key: KeyObject | string): KeyObject {
  return typeof key === 'string' ? createPublicKey(key) : key;
}

/** The Ed25519 signature of a batch (set it as the batch's `signature` before publishing). */
export function signBurnBatch(privateKey: KeyObject | string, batch: SignableBurnBatch): Buffer {
  return sign(null, burnBatchSigningBytes(batch), privateKeyOf(privateKey));
}

/**
 * Checks a batch's signature against one public key: `unsigned` when it carries none, `forged`
 * when it does not verify (another key, or a record's seq or hash changed after signing).
 */
export function verifyBurnBatch(
  publicKey: KeyObject | string,
  batch: SignableBurnBatch,
): BurnBatchSignatureCheck {
  const sig = batch.signature;
  if (!sig || sig.length === 0) return { ok: false, reason: 'unsigned' };
  if (sig.length !== BURN_BATCH_SIGNATURE_BYTES) return { ok: false, reason: 'forged' };
  const ok = verify(null, burnBatchSigningBytes(batch), publicKeyOf(publicKey), sig);
  return ok ? { ok: true } : { ok: false, reason: 'forged' };
}
