import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import {
  generateSigningKey,
  GRPC_CHANNEL_OPTIONS,
  GRPC_SERVER_OPTIONS,
  InferenceService,
  pb,
  shutdownGrpcServer,
  signLeaseToken,
  verifyKeysFromPems,
  type edgefleet,
} from '@edgefleet/proto';
import { Admission } from '../../admission.js';
import { inferenceHandlers } from '../../inference-service.js';
import { openOutbox, type FileOutbox } from '../../outbox/index.js';
import { createOnnxBackend, type OnnxBackend } from './onnx-backend.js';

const SITE = 'site-onnx';

/** Polls a condition the test cannot await directly (a server-side queue changing state); no timing threshold. */
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}

/**
 * The tensor path through the real Inference gRPC service, in process: real onnxruntime-node,
 * real outbox on disk, real lease tokens. The slot is held busy by a job the test releases, so
 * "queued" is a state the test controls, not a race.
 */
describe('Infer with tensors over gRPC (ONNX backend, outbox, lease token)', () => {
  let backend: OnnxBackend;
  let outbox: FileOutbox;
  let server: grpc.Server;
  let client: grpc.Client;
  let token: string;
  const computed: { model: string; ms: number }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'onnx-serve-'));

  beforeAll(async () => {
    backend = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      maxQueued: 2,
    });
    outbox = await openOutbox({ dir, siteId: SITE, capacity: 1000 });
    const admission = new Admission(backend.models, 1);
    admission.setAccelerators(
      (
        await createHook('fake', {
          seed: SITE,
          accelerators: [{ profile: 'h100-80gb-sxm', count: 1 }],
        }).collect({ timeoutMs: 5000 })
      ).accelerators,
    );
    const key = generateSigningKey('k1');
    const now = Date.now();
    token = signLeaseToken(key, {
      lid: 'lease-1',
      hid: 'hold-1',
      sid: SITE,
      cid: 'c1',
      mdl: 'ppocr-cls',
      bud: 1_000_000,
      iat: now,
      exp: now + 600_000,
      iso: 'whole',
    });
    server = new grpc.Server(GRPC_SERVER_OPTIONS);
    server.addService(
      InferenceService,
      inferenceHandlers({
        siteId: SITE,
        keys: () => verifyKeysFromPems([{ kid: 'k1', public_key_pem: key.publicKeyPem }]),
        admission,
        backend,
        outbox,
        log: createLogger('test'),
        isRevoked: () => false,
        onBurn: () => undefined,
        metrics: { infer: () => undefined },
        onCompute: (model, ms) => computed.push({ model, ms }),
      }),
    );
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? rej(e) : res(p),
      ),
    );
    const Ctor = grpc.makeGenericClientConstructor(
      InferenceService as unknown as grpc.ServiceDefinition,
      'Inference',
    );
    client = new Ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS);
  });
  afterAll(async () => {
    client?.close();
    if (server) await shutdownGrpcServer(server);
    await outbox?.close();
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (raw = new Uint8Array(3 * 48 * 192 * 4), shape = [1, 3, 48, 192]) =>
    new pb.InferRequest({
      lease_token: token,
      model: 'ppocr-cls',
      inputs: [{ name: 'x', datatype: 'FP32', shape, raw_contents: raw }],
    });

  function infer(req: edgefleet.v1.InferRequest, deadlineMs = Date.now() + 10_000) {
    let call!: grpc.ClientUnaryCall;
    const done = new Promise<edgefleet.v1.InferResponse>((resolve, reject) => {
      const fn = (
        client as unknown as Record<
          string,
          (
            r: unknown,
            md: grpc.Metadata,
            o: grpc.CallOptions,
            cb: (e: grpc.ServiceError | null, r?: edgefleet.v1.InferResponse) => void,
          ) => grpc.ClientUnaryCall
        >
      ).infer;
      call = fn!.call(client, req, new grpc.Metadata(), { deadline: deadlineMs }, (e, r) =>
        e ? reject(e) : resolve(r as edgefleet.v1.InferResponse),
      );
    });
    return { call, done };
  }

  /** Holds the slot until release() — the work that queued requests wait behind. */
  function occupySlot() {
    let release!: () => void;
    const held = backend.queue.run(() => new Promise<void>((r) => (release = r)));
    return { release: () => release(), held };
  }

  it('answers with typed outputs and writes one burn for the run', async () => {
    const r = await infer(request()).done;
    expect(r.outputs[0]).toMatchObject({
      name: 'softmax_0.tmp_0',
      datatype: 'FP32',
      shape: [1, 2],
    });
    expect(r.outputs[0]?.raw_contents?.byteLength).toBe(8);
    expect(r).toMatchObject({
      burn_seq: 1,
      execution_provider: 'cpu',
      model_version: 'ppocr-mobile-v2.0-cls',
    });
    expect(outbox.depth).toBe(1);
    // The run's own time goes to telemetry (ComputeStats) as the answer carries it.
    expect(computed).toEqual([{ model: 'ppocr-cls', ms: r.compute_ms }]);
  });

  it('refuses a malformed tensor with INVALID_ARGUMENT naming the input; no burn', async () => {
    await expect(infer(request(new Uint8Array(12), [1, 3, 48, 192])).done).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(
        /^TENSOR_INVALID: model ppocr-cls, input x: 12 bytes/,
      ) as unknown,
    });
    expect(outbox.depth).toBe(1);
    expect(computed).toHaveLength(1); // a refusal computes nothing
  });

  it('drops a queued request whose caller cancelled: never run, no burn', async () => {
    const slot = occupySlot();
    const { call, done } = infer(request());
    await until(() => backend.queue.queued === 1);
    call.cancel();
    await expect(done).rejects.toMatchObject({ code: grpc.status.CANCELLED });
    await until(() => backend.queue.queued === 0);
    slot.release();
    await slot.held;
    expect(outbox.depth).toBe(1);
  });

  it('drops a queued request whose deadline passed: no burn', async () => {
    const slot = occupySlot();
    const { done } = infer(request(), Date.now() + 1500);
    await expect(done).rejects.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
    await until(() => backend.queue.queued === 0);
    slot.release();
    await slot.held;
    expect(outbox.depth).toBe(1);
  });

  it('refuses with RESOURCE_EXHAUSTED at once when the slot queue is full; queued work then runs and is billed', async () => {
    const slot = occupySlot();
    const queued = [infer(request()), infer(request())];
    await until(() => backend.queue.queued === 2);
    await expect(infer(request()).done).rejects.toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
      details: expect.stringMatching(/^BACKEND_QUEUE_FULL/) as unknown,
    });
    slot.release();
    const answers = await Promise.all(queued.map((q) => q.done));
    expect(answers.map((a) => a.burn_seq).sort()).toEqual([2, 3]);
    expect(outbox.depth).toBe(3);
  });
});
