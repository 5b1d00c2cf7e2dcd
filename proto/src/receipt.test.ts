import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseReceiptJson, receiptFromJson, receiptToJson } from './receipt-json.js';
import { RECEIPT_VERSION, signReceipt, verifyReceipt, type ReceiptFields } from './receipt.js';

const site = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const pem = site.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const fields: ReceiptFields = {
  version: RECEIPT_VERSION,
  site_id: 'site-a',
  lease_id: 'l-1',
  burn_seq: 7,
  micro_tokens: 120,
  burn_hash: 'ab'.repeat(32),
  mig_instance_uuid: 'MIG-4f1c',
  started_at_ms: 1_000,
  ended_at_ms: 1_200,
  request_id: 'req-1',
};
const signed = { ...fields, signature: signReceipt(site.privateKey, fields) };

describe('receipts', () => {
  it('verify under the site key, given as a KeyObject or PEM, and say which key', () => {
    expect(verifyReceipt([site.publicKey], signed)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyReceipt([other.publicKey, pem], signed)).toEqual({ ok: true, keyIndex: 1 });
  });

  it.each(Object.keys(fields) as (keyof ReceiptFields)[])(
    'refuse a receipt whose %s changed after signing',
    (k) => {
      const v = fields[k];
      const changed = typeof v === 'number' ? v + 1 : `${v}x`;
      expect(verifyReceipt([site.publicKey], { ...signed, [k]: changed })).toEqual({
        ok: false,
        reason: 'forged',
      });
    },
  );

  it('refuse another key, a truncated or missing signature, no key, no receipt', () => {
    expect(verifyReceipt([other.publicKey], signed)).toEqual({ ok: false, reason: 'forged' });
    const forged = { ...fields, signature: signReceipt(other.privateKey, fields) };
    expect(verifyReceipt([site.publicKey], forged)).toEqual({ ok: false, reason: 'forged' });
    expect(
      verifyReceipt([site.publicKey], { ...signed, signature: signed.signature.subarray(0, 63) }),
    ).toEqual({ ok: false, reason: 'forged' });
    expect(verifyReceipt([site.publicKey], { ...fields, signature: new Uint8Array(0) })).toEqual({
      ok: false,
      reason: 'unsigned',
    });
    expect(verifyReceipt([], signed)).toEqual({ ok: false, reason: 'no_site_key' });
    expect(verifyReceipt(['not a key'], signed)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyReceipt([site.publicKey], undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('survive the JSON form unchanged, and the JSON check names what is wrong', () => {
    const j = receiptToJson(signed, pem);
    const back = parseReceiptJson(JSON.parse(JSON.stringify(j)));
    expect(back).toEqual(j);
    expect(verifyReceipt([pem], receiptFromJson(j))).toEqual({ ok: true, keyIndex: 0 });
    expect(parseReceiptJson({ ...j, seq: -1 })).toEqual({
      problem: 'seq must be a non-negative integer',
    });
    expect(parseReceiptJson({ ...j, hash: 'xyz' })).toEqual({
      problem: 'hash must be 64 hex characters',
    });
    expect(parseReceiptJson({ ...j, signature: 'AAAA' })).toMatchObject({
      problem: expect.stringContaining('signature') as unknown,
    });
    expect(parseReceiptJson([])).toEqual({ problem: 'not a JSON object' });
  });
});
