import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import {
  generateSigningKey,
  pb,
  signLeaseToken,
  verifyKeysFromPems,
  verifyLink,
} from '@edgefleet/proto';
import { Admission } from './admission.js';
import { simulatedBackend } from './backends/simulated.js';
import { serveInfer, type InferenceDeps } from './inference-service.js';
import { openOutbox } from './outbox/index.js';
import { SITE, tempDir } from './outbox/testdata/burns.js';

const log = createLogger('test', 'silent');
const coordKey = generateSigningKey('k1');

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function deps(hookOptions: Parameters<typeof createHook>[1]): Promise<InferenceDeps> {
  const admission = new Admission(['m'], 1);
  admission.setAccelerators((await createHook('fake', hookOptions).collect()).accelerators);
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
  };
}

function request(leaseId: string, iso: string) {
  const now = Date.now();
  const token = signLeaseToken(coordKey, {
    lid: leaseId,
    hid: `h-${leaseId}`,
    sid: SITE,
    cid: 'c1',
    mdl: 'm',
    bud: 1_000_000,
    iat: now,
    exp: now + 60_000,
    iso,
  });
  return new pb.InferRequest({ lease_token: token, model: 'm', input: 'hi', request_id: 'r1' });
}

describe('burns of a lease', () => {
  it('name the MIG instance the lease is pinned to, covered by the hash and on the wire', async () => {
    const d = await deps({ accelerators: [{ profile: 'a100-80gb', mig: 2 }] });
    await serveInfer(d, request('l1', 'mig'));
    await serveInfer(d, request('l2', 'mig'));
    const [a, b] = d.outbox.pending();
    if (!a || !b) throw new Error('two burns expected');
    const pinned = [d.admission.get('l1')?.migInstanceUuid, d.admission.get('l2')?.migInstanceUuid];
    expect(pinned.every((u) => typeof u === 'string' && u.startsWith('MIG-'))).toBe(true);
    expect([a?.mig_instance_uuid, b?.mig_instance_uuid]).toEqual(pinned);
    expect(verifyLink(undefined, a)).toEqual({ ok: true });
    expect(verifyLink(a, b)).toEqual({ ok: true });
    const wire = pb.BurnBatch.decode(
      pb.BurnBatch.encode(new pb.BurnBatch({ site_id: SITE, records: [a, b] })).finish(),
    );
    expect(wire.records.map((r) => r.mig_instance_uuid)).toEqual(pinned);
  });

  it('of a whole device carry no instance (the v1 record)', async () => {
    const d = await deps({ seed: 2 });
    await serveInfer(d, request('l1', ''));
    const [a] = d.outbox.pending();
    expect(a && Object.keys(a)).not.toContain('mig_instance_uuid');
    expect(a && verifyLink(undefined, a)).toEqual({ ok: true });
  });
});
