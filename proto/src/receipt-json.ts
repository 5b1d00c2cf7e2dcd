import { isHex64 } from './burn-record-schema.js';
import { RECEIPT_SIGNATURE_BYTES, type SignedReceipt } from './receipt.js';

/**
 * A receipt as JSON, one per line in the SDK's export (`EdgefleetClient.receipts.jsonLines()`), in
 * the body of POST /api/v1/customers/{id}/receipts/check, and in `edgefleet receipts verify FILE`.
 * camelCase as the REST API; the signature in base64. `sitePublicKey` is the SPKI PEM the SDK
 * verified it with (from the coordinator's Acquire reply), so a file can be checked offline.
 */
export interface ReceiptJson {
  version: number;
  siteId: string;
  leaseId: string;
  seq: number;
  microTokens: number;
  hash: string;
  migInstanceUuid: string;
  startedAtMs: number;
  endedAtMs: number;
  requestId: string;
  signature: string;
  sitePublicKey?: string;
}

export function receiptToJson(r: SignedReceipt, sitePublicKey?: string): ReceiptJson {
  return {
    version: r.version,
    siteId: r.site_id,
    leaseId: r.lease_id,
    seq: r.burn_seq,
    microTokens: r.micro_tokens,
    hash: r.burn_hash,
    migInstanceUuid: r.mig_instance_uuid,
    startedAtMs: r.started_at_ms,
    endedAtMs: r.ended_at_ms,
    requestId: r.request_id,
    signature: Buffer.from(r.signature).toString('base64'),
    ...(sitePublicKey ? { sitePublicKey } : {}),
  };
}

export function receiptFromJson(j: ReceiptJson): SignedReceipt {
  return {
    version: j.version,
    site_id: j.siteId,
    lease_id: j.leaseId,
    burn_seq: j.seq,
    micro_tokens: j.microTokens,
    burn_hash: j.hash,
    mig_instance_uuid: j.migInstanceUuid,
    started_at_ms: j.startedAtMs,
    ended_at_ms: j.endedAtMs,
    request_id: j.requestId,
    signature: Buffer.from(j.signature, 'base64'),
  };
}

const STRINGS = ['siteId', 'leaseId', 'hash', 'migInstanceUuid', 'requestId', 'signature'] as const;
const COUNTS = ['version', 'seq', 'microTokens', 'startedAtMs', 'endedAtMs'] as const;
const MAX_STRING = 512;

/** Checks a parsed JSON value is a receipt; the problem in words otherwise (for a file's line). */
export function parseReceiptJson(v: unknown): ReceiptJson | { problem: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { problem: 'not a JSON object' };
  const o = v as Record<string, unknown>;
  for (const k of STRINGS) {
    const s = o[k];
    if (typeof s !== 'string' || s.length > MAX_STRING)
      return { problem: `${k} must be a string of at most ${MAX_STRING} characters` };
  }
  for (const k of COUNTS)
    if (!Number.isSafeInteger(o[k]) || (o[k] as number) < 0)
      return { problem: `${k} must be a non-negative integer` };
  if (!isHex64(o['hash'] as string)) return { problem: 'hash must be 64 hex characters' };
  const sigBytes = Buffer.from(o['signature'] as string, 'base64').length;
  if (sigBytes !== RECEIPT_SIGNATURE_BYTES && sigBytes !== 0)
    return { problem: `signature must be ${RECEIPT_SIGNATURE_BYTES} bytes in base64 (or empty)` };
  const key = o['sitePublicKey'];
  if (key !== undefined && (typeof key !== 'string' || key.length > 1024))
    return { problem: 'sitePublicKey must be a PEM string' };
  return o as unknown as ReceiptJson;
}
