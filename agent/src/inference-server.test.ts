import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import {
  generateSigningKey,
  InferenceService,
  pb,
  signLeaseToken,
  verifyKeysFromPems,
  type edgefleet,
} from '@edgefleet/proto';
import { Admission } from './admission.js';
import { simulatedBackend } from './backends/simulated.js';
import { agentConfigSchema } from './config.js';
import { startInferenceServer, type InferenceServer } from './inference-server.js';
import { openOutbox, type FileOutbox } from './outbox/index.js';
import { SITE, tempDir } from './outbox/testdata/burns.js';

const log = createLogger('test', 'silent');
const InferenceClient = grpc.makeGenericClientConstructor(InferenceService, 'Inference');
const key = generateSigningKey('k1');

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(inference: Record<string, unknown> = {}) {
  const config = agentConfigSchema.parse({
    siteId: SITE,
    secret: 'x'.repeat(16),
    coordinator: { grpc: 'h:1' },
    mqtt: { url: 'mqtt://h' },
    inference,
  });
  const admission = new Admission(['m'], 1);
  admission.setAccelerators((await createHook('fake', { seed: 2 }).collect()).accelerators);
  const outbox: FileOutbox = await openOutbox({ dir: await tempDir(), siteId: SITE });
  cleanup.push(() => outbox.close());
  const burns: number[] = [];
  const server: InferenceServer = await startInferenceServer(
    config,
    {
      siteId: SITE,
      keys: () => verifyKeysFromPems([{ kid: key.kid, public_key_pem: key.publicKeyPem }]),
      admission,
      outbox,
      log,
      backend: simulatedBackend({ latencyMs: 1, jitterMs: 0, outputTokens: 2 }),
      isRevoked: () => false,
      onBurn: () => burns.push(outbox.lastSeq),
      metrics: { infer: () => undefined },
    },
    log,
  );
  cleanup.push(() => server.close());
  return { server, outbox, burns };
}

function infer(endpoint: string, token: string): Promise<edgefleet.v1.InferResponse.$Properties> {
  const client = new InferenceClient(endpoint, grpc.credentials.createInsecure());
  const req = new pb.InferRequest({ lease_token: token, model: 'm', input: 'hello' });
  return new Promise<edgefleet.v1.InferResponse.$Properties>((resolve, reject) => {
    client.makeUnaryRequest(
      InferenceService.infer.path,
      InferenceService.infer.requestSerialize,
      InferenceService.infer.responseDeserialize,
      req,
      (err: grpc.ServiceError | null, r?: edgefleet.v1.InferResponse.$Properties) =>
        err || !r ? reject(err ?? new Error('no response')) : resolve(r),
    );
  }).finally(() => client.close());
}

describe('startInferenceServer', () => {
  it('serves Infer in plaintext when the coordinator runs without TLS: the burn is on disk before the answer', async () => {
    const { server, outbox, burns } = await start();
    expect(server.tls).toBe(false);
    expect(server.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    const now = Date.now();
    const token = signLeaseToken(key, {
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
    const r = await infer(server.endpoint, token);
    expect(r).toMatchObject({ site_id: SITE, lease_id: 'l1', burn_seq: 1 });
    expect([outbox.depth, burns]).toEqual([1, [1]]);
  });

  it('refuses a token it cannot verify', async () => {
    const { server } = await start();
    await expect(infer(server.endpoint, 'ef1.nope.e30.sig')).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
  });

  it('tells vehicles the advertised endpoint when one is configured', async () => {
    const { server } = await start({ advertise: 'site.example.net:9443' });
    expect(server.endpoint).toBe('site.example.net:9443');
  });
});
