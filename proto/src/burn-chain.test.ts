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
});
