import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { edgefleet } from '@edgefleet/proto';
import { fp32, plateFrame, textLineCrop } from '../../scripts/demo-tensors.js';
import { ROOT } from '../support/processes.js';

/** The shipped model file its manifest names, hash-checked (as the agent loads it). */
async function shipped(name: string): Promise<InferenceSession> {
  const m = JSON.parse(readFileSync(join(ROOT, 'agent/models', name, 'manifest.json'), 'utf8')) as {
    file: string;
    sha256: string;
  };
  const bytes = readFileSync(join(ROOT, 'node_modules', m.file.replace(/^npm:/, '')));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256);
  return InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
}

async function run(s: InferenceSession, t: edgefleet.v1.IInferTensor): Promise<Float32Array> {
  const raw = t.raw_contents ?? new Uint8Array(0);
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const out = await s.run({ x: new Tensor('float32', data, (t.shape ?? []).map(Number)) });
  const first = out[s.outputNames[0] ?? ''];
  return new Float32Array(first?.data as Float32Array);
}

/**
 * The tensors `npm start`'s vehicles send (scripts/demo-tensors.ts) give the answers the demo prints:
 * the direction classifier tells the crop from the turned crop, and the detector finds text on the
 * plate and none on a blank frame.
 */
describe('demo tensors on the shipped PaddleOCR models', () => {
  let cls: InferenceSession;
  let det: InferenceSession;
  beforeAll(async () => {
    [cls, det] = await Promise.all([shipped('ppocr-cls'), shipped('ppocr-det')]);
  }, 60_000);
  afterAll(async () => {
    await cls?.release();
    await det?.release();
  });

  it('ppocr-cls reads the crop as upside down and the turned crop as upright', async () => {
    const asShot = await run(cls, textLineCrop(false));
    const turned = await run(cls, textLineCrop(true));
    expect(asShot[1]).toBeGreaterThan(0.99);
    expect(turned[0]).toBeGreaterThan(0.99);
  });

  it('ppocr-det marks text on the plate frame and none on a blank one', async () => {
    const plate = plateFrame(96);
    expect(plate.shape).toEqual([1, 3, 96, 96]);
    const map = await run(det, plate);
    expect(map).toHaveLength(96 * 96);
    expect(map.filter((v) => v > 0.3).length).toBeGreaterThan(0);
    const blank = {
      ...plate,
      raw_contents: new Uint8Array(new Float32Array(3 * 96 * 96).fill(2.2).buffer),
    };
    expect((await run(det, blank)).filter((v) => v > 0.3)).toHaveLength(0);
  });

  it('fp32() reads an output tensor however its bytes are offset', () => {
    const buf = new Uint8Array(12);
    buf.set(new Uint8Array(new Float32Array([0.25, 0.75]).buffer), 4);
    expect([...fp32({ raw_contents: buf.subarray(4) })]).toEqual([0.25, 0.75]);
  });
});
