import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseReceiptJson,
  pb,
  RECEIPT_VERSION,
  signReceipt,
  type ReceiptFields,
} from '@edgefleet/proto';
import { ReceiptBook } from './receipt-book.js';

const site = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const pemOf = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

const lease = new pb.Lease({
  lease_id: 'l-1',
  site_id: 'site-a',
  site_public_keys: [pemOf(site.publicKey)],
});

function answer(seq: number, key: KeyObject | undefined, over: Partial<ReceiptFields> = {}) {
  const fields: ReceiptFields = {
    version: RECEIPT_VERSION,
    site_id: 'site-a',
    lease_id: 'l-1',
    burn_seq: seq,
    micro_tokens: 50,
    burn_hash: 'cd'.repeat(32),
    mig_instance_uuid: '',
    started_at_ms: 10,
    ended_at_ms: 20,
    request_id: `req-${seq}`,
    ...over,
  };
  return new pb.InferResponse({
    site_id: 'site-a',
    lease_id: 'l-1',
    burn_seq: seq,
    micro_tokens: 50,
    ...(key ? { receipt: { ...fields, signature: signReceipt(key, fields) } } : {}),
  });
}

describe('ReceiptBook', () => {
  it('keeps verified receipts with the key that verified them, and exports them as JSON lines', () => {
    const book = new ReceiptBook({ now: () => 5 });
    expect(book.take(answer(1, site.privateKey), lease, 'req-1')).toBeUndefined();
    expect(book.take(answer(2, site.privateKey), lease, 'req-2')).toBeUndefined();
    expect(book.list().map((k) => [k.status, k.receipt.seq])).toEqual([
      ['verified', 1],
      ['verified', 2],
    ]);
    const lines = book.jsonLines().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = parseReceiptJson(JSON.parse(lines[0] ?? ''));
    expect(first).toMatchObject({ seq: 1, siteId: 'site-a', sitePublicKey: pemOf(site.publicKey) });
    expect(book.drain()).toHaveLength(2);
    expect(book.list()).toHaveLength(0);
    expect(book.stats()).toMatchObject({ verified: 2, dropped: 0 });
  });

  it('marks a receipt of another key forged, one for another request a mismatch, none missing; uses the answers under verify', () => {
    const book = new ReceiptBook();
    expect(book.take(answer(1, stranger.privateKey), lease, 'req-1')).toBeUndefined();
    expect(book.take(answer(2, site.privateKey), lease, 'req-other')).toBeUndefined();
    expect(
      book.take(answer(3, site.privateKey, { micro_tokens: 49 }), lease, 'req-3'),
    ).toBeUndefined();
    expect(book.take(answer(4, undefined), lease, 'req-4')).toBeUndefined();
    expect(
      book.take(
        answer(5, site.privateKey),
        new pb.Lease({ ...lease, site_public_keys: [] }),
        'req-5',
      ),
    ).toBeUndefined();
    expect(book.list().map((k) => k.status)).toEqual([
      'forged',
      'mismatch',
      'mismatch',
      'no_site_key',
    ]);
    expect(book.list()[0]?.receipt.sitePublicKey).toBeUndefined();
    expect(book.stats()).toMatchObject({ forged: 1, mismatch: 2, missing: 1, no_site_key: 1 });
  });

  it('under require, refuses an answer without a verified receipt (failover) but keeps the receipt', () => {
    const book = new ReceiptBook({ policy: 'require' });
    expect(book.take(answer(1, site.privateKey), lease, 'req-1')).toBeUndefined();
    const err = book.take(answer(2, stranger.privateKey), lease, 'req-2');
    expect(err).toMatchObject({ code: 'RECEIPT_REFUSED', data: { status: 'forged', seq: 2 } });
    expect(book.take(answer(3, undefined), lease, 'req-3')).toMatchObject({
      data: { status: 'missing' },
    });
    expect(book.list().map((k) => k.status)).toEqual(['verified', 'forged']);
  });

  it('keeps at most maxKept, dropping the oldest and counting them', () => {
    const book = new ReceiptBook({ maxKept: 2 });
    for (let i = 1; i <= 3; i++) book.take(answer(i, site.privateKey), lease, `req-${i}`);
    expect(book.list().map((k) => k.receipt.seq)).toEqual([2, 3]);
    expect(book.stats()).toMatchObject({ verified: 3, dropped: 1 });
  });
});
