import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { burnHash, chainBurn, GENESIS_HASH, verifyLink } from './burn-chain.js';

const work = {
  site_id: 'site-a',
  lease_id: 'l1',
  accelerator_model: 'H100',
  accelerator_serial: 'S1',
  slot: '0',
  started_at_ms: 1000,
  ended_at_ms: 2000,
  micro_tokens: 278,
};

describe('burn hash chain', () => {
  it('links records by seq and prev_hash from the genesis hash', () => {
    const a = chainBurn(undefined, work);
    const b = chainBurn(a, { ...work, micro_tokens: 5 });
    expect(a.seq).toBe(1);
    expect(a.prev_hash).toBe(GENESIS_HASH);
    expect(b.seq).toBe(2);
    expect(b.prev_hash).toBe(a.hash);
    expect(verifyLink(undefined, a)).toEqual({ ok: true });
    expect(verifyLink(a, b)).toEqual({ ok: true });
  });

  it('detects a rewrite, a gap and a broken link', () => {
    const a = chainBurn(undefined, work);
    const b = chainBurn(a, work);
    const c = chainBurn(b, work);
    expect(verifyLink(a, { ...b, micro_tokens: 1 })).toMatchObject({
      ok: false,
      problem: 'hash_mismatch',
    });
    expect(verifyLink(a, c)).toMatchObject({ ok: false, problem: 'seq_gap', expected: 2, got: 3 });
    const forgedPrev = { ...b, prev_hash: 'f'.repeat(64) };
    expect(verifyLink(a, { ...forgedPrev, hash: burnHash(forgedPrev) })).toMatchObject({
      ok: false,
      problem: 'prev_mismatch',
    });
  });

  it('is unambiguous across field boundaries', () => {
    const x = burnHash({
      ...work,
      seq: 1,
      prev_hash: GENESIS_HASH,
      accelerator_model: 'ab',
      accelerator_serial: 'c',
    });
    const y = burnHash({
      ...work,
      seq: 1,
      prev_hash: GENESIS_HASH,
      accelerator_model: 'a',
      accelerator_serial: 'bc',
    });
    expect(x).not.toBe(y);
  });

  it('hashes the length-prefixed fields, lengths in UTF-8 bytes (the format agents and the ledger share)', () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const canonical = `10:ef-burn-v16:site-a1:72:l14:H1002:S11:04:10004:20003:27864:${GENESIS_HASH}`;
    expect(burnHash({ ...work, seq: 7, prev_hash: GENESIS_HASH })).toBe(sha(canonical));
    // Multi-byte characters count by bytes; this value was computed by the previous implementation (one update per part).
    const r = {
      site_id: 'site-é€😀',
      seq: 42,
      lease_id: 'lease-1',
      accelerator_model: 'H100-80GB',
      accelerator_serial: 'SN-ü',
      slot: 'gpu0',
      started_at_ms: 1700000001000,
      ended_at_ms: 1700000002000,
      micro_tokens: 123456,
      prev_hash: GENESIS_HASH,
    };
    expect(burnHash(r)).toBe('5070caad3d415c1a182ca860d2463fce87f7be29036b6d26e5850f496018eef5');
  });

  it('hashes a record with a MIG instance as ef-burn-v2, the instance as one more part', () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    const base = { ...work, seq: 7, prev_hash: GENESIS_HASH };
    const v1 = burnHash(base);
    // No instance and an empty one: the v1 encoding, unchanged.
    expect(burnHash({ ...base, mig_instance_uuid: '' })).toBe(v1);
    const mig = 'MIG-4b1c6f5e-2a3d-5e6f-8a9b-0c1d2e3f4a5b';
    const withMig = burnHash({ ...base, mig_instance_uuid: mig });
    const canonical = `10:ef-burn-v26:site-a1:72:l14:H1002:S11:04:10004:20003:27864:${GENESIS_HASH}${mig.length}:${mig}`;
    expect(withMig).toBe(sha(canonical));
    expect(withMig).not.toBe(v1);
    // Multi-byte instance text counts by bytes.
    expect(burnHash({ ...base, mig_instance_uuid: 'MIG-é' })).toBe(
      sha(`10:ef-burn-v26:site-a1:72:l14:H1002:S11:04:10004:20003:27864:${GENESIS_HASH}6:MIG-é`),
    );
  });

  it('detects a rewritten, added or dropped MIG instance', () => {
    const mig = 'MIG-4b1c6f5e-2a3d-5e6f-8a9b-0c1d2e3f4a5b';
    const a = chainBurn(undefined, { ...work, mig_instance_uuid: mig });
    expect(a.mig_instance_uuid).toBe(mig);
    expect(verifyLink(undefined, a)).toEqual({ ok: true });
    for (const tampered of [
      { ...a, mig_instance_uuid: 'MIG-00000000-0000-0000-0000-000000000000' },
      { ...a, mig_instance_uuid: '' },
      { ...a, mig_instance_uuid: undefined },
    ])
      expect(verifyLink(undefined, tampered)).toMatchObject({
        ok: false,
        problem: 'hash_mismatch',
      });
    const plain = chainBurn(undefined, work);
    expect(verifyLink(undefined, { ...plain, mig_instance_uuid: mig })).toMatchObject({
      ok: false,
      problem: 'hash_mismatch',
    });
  });
});
