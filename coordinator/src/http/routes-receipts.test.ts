import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECEIPT_VERSION,
  receiptToJson,
  signReceipt,
  type BurnRecordData,
  type ReceiptFields,
} from '@edgefleet/proto';
import { openLease, T0, TestChain } from '../ledger/ledger.test-support.js';
import { startTestCoordinator } from './coordinator.test-support.js';

type Coord = Awaited<ReturnType<typeof startTestCoordinator>>;

function receipt(rec: BurnRecordData, key: KeyObject, over: Partial<ReceiptFields> = {}) {
  const f: ReceiptFields = {
    version: RECEIPT_VERSION,
    site_id: rec.site_id,
    lease_id: rec.lease_id,
    burn_seq: rec.seq,
    micro_tokens: rec.micro_tokens,
    burn_hash: rec.hash,
    mig_instance_uuid: '',
    started_at_ms: rec.started_at_ms,
    ended_at_ms: rec.ended_at_ms,
    request_id: `req-${rec.seq}`,
    ...over,
  };
  return receiptToJson({ ...f, signature: signReceipt(key, f) });
}

describe('receipts check route (real coordinator, PGlite ledger)', () => {
  let c: Coord;
  beforeAll(async () => {
    c = await startTestCoordinator();
  }, 60_000);
  afterAll(async () => c?.close());

  it("confirms a customer's signed receipts, refuses forged and altered ones, and names burns without one", async () => {
    const site = generateKeyPairSync('ed25519');
    const stranger = generateKeyPairSync('ed25519');
    const [code] = await c.sites.issueCodes(1, 60_000, 'test');
    const { site: enrolled } = await c.sites.enroll({
      code: code?.code ?? '',
      name: 'receipts',
      region: 'eu',
      lat: 0,
      lon: 0,
      tariff: [],
      publicKeyPem: site.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const l = await openLease(c.ledger, { topUp: 10_000, hold: 5_000, siteId: enrolled.siteId });
    const chain = new TestChain(l.siteId);
    const recs = [1, 2, 3].map((i) =>
      chain.next(l.leaseId, 10 * i, { startedAtMs: T0 + i * 1_000, endedAtMs: T0 + i * 1_000 + 1 }),
    ) as [BurnRecordData, BurnRecordData, BurnRecordData];
    await c.ledger.stageBurns(l.siteId, recs);
    await c.ledger.reconcile(T0 + 10_000);
    const check = async (body: unknown) => {
      const res = await c.call('POST', `/api/v1/customers/${l.customerId}/receipts/check`, {
        role: 'viewer',
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const good = await check({ receipts: recs.map((r) => receipt(r, site.privateKey)) });
    expect(good).toMatchObject({
      status: 200,
      body: {
        ok: true,
        receipts: 3,
        confirmed: 3,
        chargedMicroTokens: 60,
        signaturesChecked: true,
        unconfirmed: [],
        withoutReceipt: [],
      },
    });

    // seq 1 forged (another key over the ledger's very fields), seq 2 altered after signing, seq 3 fine.
    const altered = { ...receipt(recs[1], site.privateKey), microTokens: 2 };
    const bad = await check({
      receipts: [receipt(recs[0], stranger.privateKey), altered, receipt(recs[2], site.privateKey)],
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({
      ok: false,
      confirmed: 1,
      unconfirmed: [
        { siteId: l.siteId, seq: 1, problem: 'bad_signature' },
        { siteId: l.siteId, seq: 2, problem: 'bad_signature' },
      ],
    });
    expect((bad.body['withoutReceipt'] as { seq: number }[]).map((w) => w.seq)).toEqual([1, 2]);

    const invalid = await check({ receipts: [{ ...altered, hash: 'nope' }] });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'INVALID_ARGUMENT' } } });
    const anonymous = await c.call('POST', `/api/v1/customers/${l.customerId}/receipts/check`, {
      body: { receipts: [] },
    });
    expect(anonymous.status).toBe(401);
  });
});
