import { hash } from 'node:crypto';

/** prev_hash of a site's first burn record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a burn record that its hash covers (everything but `hash`). */
export interface BurnFields {
  site_id: string;
  seq: number;
  lease_id: string;
  accelerator_model: string;
  accelerator_serial: string;
  slot: string;
  started_at_ms: number;
  ended_at_ms: number;
  micro_tokens: number;
  prev_hash: string;
  /**
   * The MIG instance (`MIG-<uuid>`) the burn's lease is pinned to. Absent or empty: a whole device,
   * hashed as 'ef-burn-v1' (exactly as before the field existed); non-empty: 'ef-burn-v2', the
   * instance appended as one more part.
   */
  mig_instance_uuid?: string;
}

export interface BurnRecordData extends BurnFields {
  hash: string;
}

/** A part of the hashed text: its length in UTF-8 bytes, ':', itself. */
function part(s: string): string {
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) > 0x7f) return `${Buffer.byteLength(s, 'utf8')}:${s}`;
  return `${s.length}:${s}`; // ASCII: one byte a character, no call into the runtime
}

/**
 * sha256 over a canonical, unambiguous (length-prefixed) encoding of the fields. One string, hashed
 * in one call (crypto.hash: no Hash object per record; the ledger checks every record it posts).
 * A record without a MIG instance hashes as 'ef-burn-v1' (the encoding every chain used before the
 * field existed); one with an instance as 'ef-burn-v2': the same parts and the instance after them.
 */
export function burnHash(r: BurnFields): string {
  const mig = r.mig_instance_uuid;
  const v2 = mig !== undefined && mig !== '';
  const text =
    (v2 ? '10:ef-burn-v2' : '10:ef-burn-v1') +
    part(r.site_id) +
    part(String(r.seq)) +
    part(r.lease_id) +
    part(r.accelerator_model) +
    part(r.accelerator_serial) +
    part(r.slot) +
    part(String(r.started_at_ms)) +
    part(String(r.ended_at_ms)) +
    part(String(r.micro_tokens)) +
    part(r.prev_hash) +
    (v2 ? part(mig) : '');
  return hash('sha256', text, 'hex');
}

/** Builds the next record of a site's chain. */
export function chainBurn(
  prev: { seq: number; hash: string } | undefined,
  fields: Omit<BurnFields, 'seq' | 'prev_hash'>,
): BurnRecordData {
  const base: BurnFields = {
    ...fields,
    seq: (prev?.seq ?? 0) + 1,
    prev_hash: prev?.hash ?? GENESIS_HASH,
  };
  return { ...base, hash: burnHash(base) };
}

export type ChainCheck =
  | { ok: true }
  | {
      ok: false;
      problem: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap';
      expected: string | number;
      got: string | number;
    };

/** Checks that `next` follows `prev` (undefined = genesis) and that its own hash is right. */
export function verifyLink(
  prev: { seq: number; hash: string } | undefined,
  next: BurnRecordData,
): ChainCheck {
  const want = burnHash(next);
  if (want !== next.hash)
    return { ok: false, problem: 'hash_mismatch', expected: want, got: next.hash };
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (next.seq !== expectedSeq)
    return { ok: false, problem: 'seq_gap', expected: expectedSeq, got: next.seq };
  const expectedPrev = prev?.hash ?? GENESIS_HASH;
  if (next.prev_hash !== expectedPrev)
    return { ok: false, problem: 'prev_mismatch', expected: expectedPrev, got: next.prev_hash };
  return { ok: true };
}
