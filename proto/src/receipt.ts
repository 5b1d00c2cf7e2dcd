import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Receipts (docs/verification.md "Receipts"): for every answered Infer the site signs, with its
 * enrolled Ed25519 key (the one that signs its burn batches), what it will bill for the request —
 * the burn record's site, lease, seq, µT, interval and chain hash, the MIG instance the lease is
 * pinned to, and the caller's request id. The customer keeps the receipt and checks it against its
 * statement: a burn it was charged for and holds no receipt of, or a receipt the ledger does not
 * show the same, is a dispute with evidence on both sides.
 */
export interface ReceiptFields {
  /** 1: the signing bytes below. */
  version: number;
  site_id: string;
  lease_id: string;
  burn_seq: number;
  micro_tokens: number;
  burn_hash: string;
  mig_instance_uuid: string;
  started_at_ms: number;
  ended_at_ms: number;
  request_id: string;
}

export interface SignedReceipt extends ReceiptFields {
  signature: Uint8Array;
}

export const RECEIPT_VERSION = 1;
/** Ed25519 signatures are 64 bytes. */
export const RECEIPT_SIGNATURE_BYTES = 64;

const DOMAIN = 'ef-receipt-v1';

/** A part of the signed text: its length in UTF-8 bytes, ':', itself (no two receipts share a text). */
function part(s: string): string {
  return `${Buffer.byteLength(s, 'utf8')}:${s}`;
}

/** The canonical bytes a receipt's signature covers: the domain, then every field in a fixed order. */
export function receiptSigningBytes(r: ReceiptFields): Buffer {
  const text =
    part(DOMAIN) +
    part(String(r.version)) +
    part(r.site_id) +
    part(r.lease_id) +
    part(String(r.burn_seq)) +
    part(String(r.micro_tokens)) +
    part(r.burn_hash) +
    part(r.mig_instance_uuid) +
    part(String(r.started_at_ms)) +
    part(String(r.ended_at_ms)) +
    part(r.request_id);
  return Buffer.from(text, 'utf8');
}

/** The site's signature of a receipt (the agent sets it as `signature` before answering). */
export function signReceipt(privateKey: KeyObject | string, r: ReceiptFields): Buffer {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return sign(null, receiptSigningBytes(r), key);
}

/** Why a receipt does not verify: none at all, no signature, or one no named key verifies. */
export type ReceiptRefusal = 'missing' | 'unsigned' | 'forged' | 'no_site_key';

export type ReceiptCheck =
  | { ok: true; /** which of the keys verified it (0 = the first) */ keyIndex: number }
  | { ok: false; reason: ReceiptRefusal };

/**
 * Checks a receipt against a site's public keys (SPKI PEM or KeyObjects; a key that does not parse
 * verifies nothing): `unsigned` without a signature, `no_site_key` when no key is given, `forged`
 * when none of them verifies it (another key, or any field changed after signing).
 */
export function verifyReceipt(
  publicKeys: readonly (KeyObject | string)[],
  r: SignedReceipt | undefined | null,
): ReceiptCheck {
  if (!r) return { ok: false, reason: 'missing' };
  const sig = r.signature;
  if (!sig || sig.length === 0) return { ok: false, reason: 'unsigned' };
  if (publicKeys.length === 0) return { ok: false, reason: 'no_site_key' };
  if (sig.length !== RECEIPT_SIGNATURE_BYTES) return { ok: false, reason: 'forged' };
  const bytes = receiptSigningBytes(r);
  for (let i = 0; i < publicKeys.length; i++) {
    const k = publicKeys[i];
    let key: KeyObject;
    try {
      key = typeof k === 'string' ? createPublicKey(k) : (k as KeyObject);
    } catch {
      continue; // an unparsable key verifies nothing
    }
    if (key.asymmetricKeyType !== 'ed25519') continue;
    if (verify(null, bytes, key, sig)) return { ok: true, keyIndex: i };
  }
  return { ok: false, reason: 'forged' };
}
