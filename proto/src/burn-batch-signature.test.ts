import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainBurn, type BurnRecordData } from './burn-chain.js';
import {
  burnBatchSigningBytes,
  signBurnBatch,
  verifyBurnBatch,
  type SignableBurnBatch,
} from './burn-batch-signature.js';
import { pb } from './messages.js';
import { decodePayload, encodePayload } from './codec.js';

function records(n: number): BurnRecordData[] {
  const out: BurnRecordData[] = [];
  let prev: BurnRecordData | undefined;
  for (let i = 0; i < n; i++) {
    prev = chainBurn(prev, {
      site_id: 'site-a',
      lease_id: `lease-${i}`,
      accelerator_model: 'H100',
      accelerator_serial: 'sn-1',
      slot: 'gpu0',
      started_at_ms: 1_000 + i,
      ended_at_ms: 2_000 + i,
      micro_tokens: 100 + i,
    });
    out.push(prev);
  }
  return out;
}

function signed(key: ReturnType<typeof generateKeyPairSync>['privateKey']): {
  site_id: string;
  records: BurnRecordData[];
  signature: Uint8Array;
} {
  const batch = { site_id: 'site-a', records: records(3) };
  return { ...batch, signature: signBurnBatch(key, batch) };
}

describe('burn batch signatures', () => {
  const site = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');

  it("verifies a batch signed with the site's key, across the protobuf wire and with PEM keys", () => {
    const batch = signed(site.privateKey);
    expect(verifyBurnBatch(site.publicKey, batch)).toEqual({ ok: true });
    const wire = decodePayload(
      pb.BurnBatch,
      encodePayload(pb.BurnBatch, new pb.BurnBatch(batch)),
      1 << 20,
      'burns',
    );
    const pem = site.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyBurnBatch(pem, wire)).toEqual({ ok: true });
    const privPem = site.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(verifyBurnBatch(pem, { ...batch, signature: signBurnBatch(privPem, batch) })).toEqual({
      ok: true,
    });
  });

  it('calls a batch with a changed record hash, seq, site id, or a dropped or added record forged', () => {
    const batch = signed(site.privateKey);
    const recs = batch.records;
    const first = recs[0] as BurnRecordData;
    const changes: SignableBurnBatch[] = [
      { ...batch, records: [{ ...first, hash: 'f'.repeat(64) }, ...recs.slice(1)] },
      { ...batch, records: [{ ...first, seq: 9 }, ...recs.slice(1)] },
      { ...batch, site_id: 'site-b' },
      { ...batch, records: recs.slice(1) },
      { ...batch, records: [...recs, first] },
    ];
    for (const c of changes)
      expect(verifyBurnBatch(site.publicKey, c)).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a batch signed with another key forged, and a truncated signature too', () => {
    const batch = signed(other.privateKey);
    expect(verifyBurnBatch(site.publicKey, batch)).toEqual({ ok: false, reason: 'forged' });
    const good = signed(site.privateKey);
    expect(
      verifyBurnBatch(site.publicKey, { ...good, signature: good.signature.subarray(0, 63) }),
    ).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a batch without a signature unsigned', () => {
    const batch = { site_id: 'site-a', records: records(2) };
    expect(verifyBurnBatch(site.publicKey, batch)).toEqual({ ok: false, reason: 'unsigned' });
    expect(verifyBurnBatch(site.publicKey, { ...batch, signature: new Uint8Array() })).toEqual({
      ok: false,
      reason: 'unsigned',
    });
    // the default of a decoded protobuf message without the field
    const wire = decodePayload(
      pb.BurnBatch,
      encodePayload(pb.BurnBatch, new pb.BurnBatch(batch)),
      1 << 20,
      'burns',
    );
    expect(verifyBurnBatch(site.publicKey, wire)).toEqual({ ok: false, reason: 'unsigned' });
  });

  it('signs length-prefixed parts, so moving text between site id and hashes changes the bytes', () => {
    const a = burnBatchSigningBytes({ site_id: 'ab', records: [{ seq: 1, hash: 'c' }] });
    const b = burnBatchSigningBytes({ site_id: 'a', records: [{ seq: 1, hash: 'bc' }] });
    expect(a.equals(b)).toBe(false);
  });
});
