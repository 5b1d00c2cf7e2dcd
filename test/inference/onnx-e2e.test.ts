import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, type LeaseSession } from '@edgefleet/client';
import type { edgefleet } from '@edgefleet/proto';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';

const H = 48;
const W = 192;

/**
 * The text-line crop of agent/src/backends/onnx/onnx-backend.test.ts (kept in step by hand: tests
 * may not reach into a package's src): dark strokes hanging from a bar, which the PaddleOCR direction
 * classifier reads as upside down; turned 180° it reads upright.
 */
function strokesCrop(rotated = false): Uint8Array {
  const a = new Float32Array(3 * H * W).fill(1);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const ink =
          (y >= 10 && y <= 30 && x % 12 < 3) ||
          (y >= 10 && y <= 12 && x < 180) ||
          (y > 30 && y < 40 && x % 24 < 2);
        const [yy, xx] = rotated ? [H - 1 - y, W - 1 - x] : [y, x];
        if (ink) a[c * H * W + yy * W + xx] = -1;
      }
    }
  }
  return new Uint8Array(a.buffer);
}

const input = (raw: Uint8Array, shape = [1, 3, H, W]): edgefleet.v1.IInferTensor => ({
  name: 'x',
  datatype: 'FP32',
  shape,
  raw_contents: raw,
});
const probs = (t: edgefleet.v1.IInferTensor | undefined) =>
  Array.from(new Float32Array(new Uint8Array(t?.raw_contents ?? []).buffer));

/**
 * A real model at the edge, over real sockets: a coordinator and an agent process with the ONNX
 * backend; a vehicle acquires a lease for the model the site advertised and sends a tensor.
 */
describe('ONNX backend end to end (coordinator + agent processes, client SDK, real onnxruntime-node)', () => {
  let fleet: LeaseFleet;
  let session: LeaseSession;
  const customer = 'fleet-onnx';

  beforeAll(async () => {
    fleet = await startLeaseFleet(['onnx-a'], customer, 50_000_000, {
      backend: { kind: 'onnx', executionProvider: 'cpu' },
    });
  }, 120_000);
  afterAll(async () => {
    await session?.release().catch(() => undefined);
    await fleet?.close();
  });

  it('the site advertises the models it loaded, not the configured list', async () => {
    const site = await fleet.coord.api<{ models: string[] }>(
      'GET',
      `/api/v1/sites/${fleet.agents[0]?.siteId ?? ''}`,
    );
    expect(site.body.models).toEqual(['ppocr-cls', 'ppocr-det', 'ppocr-rec']);
  });

  it('infers a tensor under a lease: typed outputs, the known class, metered into a burn', async () => {
    session = await fleet.client.acquire({
      model: 'ppocr-cls',
      location: { lat: 50.1, lon: 8.7 },
      budgetMicroTokens: 1_000_000,
      ttlS: 120,
      autoRenew: false,
    });
    const up = await session.infer('', { tensors: [input(strokesCrop())], timeoutMs: 5000 });
    expect(up.response.outputs).toHaveLength(1);
    expect(up.response.outputs[0]).toMatchObject({
      name: 'softmax_0.tmp_0',
      datatype: 'FP32',
      shape: [1, 2],
    });
    expect(probs(up.response.outputs[0])[1]).toBeCloseTo(0.99584, 3);
    expect(up.response).toMatchObject({
      model_version: 'ppocr-mobile-v2.0-cls',
      execution_provider: 'cpu',
    });
    expect(up.response.micro_tokens).toBeGreaterThanOrEqual(1);
    const down = await session.infer('', { tensors: [input(strokesCrop(true))], timeoutMs: 5000 });
    expect(probs(down.response.outputs[0])[0]).toBeGreaterThan(0.99);
    expect(down.response.burn_seq).toBe(up.response.burn_seq + 1);
  });

  it('refuses a malformed tensor with INVALID_ARGUMENT naming the input, and bills nothing for it', async () => {
    const before = await session.infer('', { tensors: [input(strokesCrop())], timeoutMs: 5000 });
    const bad = session.infer('', { tensors: [input(strokesCrop().subarray(1))], timeoutMs: 5000 });
    await expect(bad).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(bad).rejects.toThrow(/TENSOR_INVALID: model ppocr-cls, input x: 110591 bytes/);
    await expect(
      session.infer('', { tensors: [{ ...input(strokesCrop()), name: 'image' }], timeoutMs: 5000 }),
    ).rejects.toThrow(/input image: unknown input/);
    const after = await session.infer('', { tensors: [input(strokesCrop())], timeoutMs: 5000 });
    expect(after.response.burn_seq).toBe(before.response.burn_seq + 1);
    expect(after.response.remaining_micro_tokens).toBe(
      before.response.remaining_micro_tokens - after.response.micro_tokens,
    );
  });
});
