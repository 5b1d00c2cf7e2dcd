import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import {
  generateSigningKey,
  pb,
  signLeaseToken,
  verifyKeysFromPems,
  verifyReceipt,
  type SignedReceipt,
} from '@edgefleet/proto';
import { Admission } from './admission.js';
import { simulatedBackend } from './backends/simulated.js';
import { serveInfer, type InferenceDeps } from './inference-service.js';
import { openOutbox } from './outbox/index.js';
import { SITE, tempDir } from './outbox/testdata/burns.js';
import { SiteKeyMissingError } from './site-key.js';

const log = createLogger('test', 'silent');
const coordKey = generateSigningKey('k1');
const siteKey = generateKeyPairSync('ed25519');

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function deps(receiptKey: InferenceDeps['receiptKey']): Promise<InferenceDeps> {
  const admission = new Admission(['m'], 1);
  admission.setAccelerators((await createHook('fake', { seed: 2 }).collect()).accelerators);
  const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE });
  cleanup.push(() => outbox.close());
  return {
    siteId: SITE,
    keys: () => verifyKeysFromPems([{ kid: coordKey.kid, public_key_pem: coordKey.publicKeyPem }]),
    admission,
    outbox,
    log,
    backend: simulatedBackend({ latencyMs: 1, jitterMs: 0, outputTokens: 2 }),
    isRevoked: () => false,
    onBurn: () => undefined,
    metrics: { infer: () => undefined },
    ...(receiptKey ? { receiptKey } : {}),
  };
}

function request(requestId: string) {
  const now = Date.now();
  const token = signLeaseToken(coordKey, {
    lid: 'l1',
    hid: 'h1',
    sid: SITE,
    cid: 'c1',
    mdl: 'm',
    bud: 1_000_000,
    iat: now,
    exp: now + 60_000,
    iso: '',
  });
  return new pb.InferRequest({
    lease_token: token,
    model: 'm',
    input: 'hi',
    request_id: requestId,
  });
}

describe('receipts on Infer answers', () => {
  it('carry the burn record as written, signed by the site key', async () => {
    const d = await deps(() => siteKey.privateKey);
    const r = await serveInfer(d, request('req-7'));
    const [rec] = d.outbox.pending();
    const receipt = r.receipt as SignedReceipt;
    expect(receipt).toMatchObject({
      version: 1,
      site_id: SITE,
      lease_id: 'l1',
      burn_seq: rec?.seq,
      micro_tokens: rec?.micro_tokens,
      burn_hash: rec?.hash,
      started_at_ms: rec?.started_at_ms,
      ended_at_ms: rec?.ended_at_ms,
      request_id: 'req-7',
    });
    expect(verifyReceipt([siteKey.publicKey], receipt)).toEqual({ ok: true, keyIndex: 0 });
    // Through the wire encoding too.
    const wire = pb.InferResponse.decode(pb.InferResponse.encode(r).finish());
    expect(verifyReceipt([siteKey.publicKey], wire.receipt as SignedReceipt).ok).toBe(true);
  });

  it('are absent when the site keeps no key (burnSigning off)', async () => {
    const d = await deps(() => undefined);
    const r = await serveInfer(d, request('req-1'));
    expect(r.receipt).toBeNull();
    expect(d.outbox.depth).toBe(1);
  });

  it('a site that must sign and lost its key answers nothing and bills nothing', async () => {
    const d = await deps(() => {
      throw new SiteKeyMissingError('/nowhere/site-key.pem');
    });
    await expect(serveInfer(d, request('req-1'))).rejects.toMatchObject({
      code: 'SITE_KEY_MISSING',
    });
    expect(d.outbox.depth).toBe(0);
  });
});
