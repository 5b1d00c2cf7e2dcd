import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../backend.js';
import { createOnnxBackend, SHIPPED_MODEL_DIR, type OnnxBackend } from './onnx-backend.js';

const H = 48;
const W = 192;

/**
 * A text-line crop the direction classifier reads without fonts: a white line with dark vertical
 * strokes, a bar along their top and short marks below them (descender-like). Synthetic, but
 * upright vs upside-down is unambiguous to the model (measured: 0.996 vs 0.99993).
 */
function strokesCrop(): Float32Array {
  const a = new Float32Array(3 * H * W).fill(1);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const ink =
          (y >= 10 && y <= 30 && x % 12 < 3) ||
          (y >= 10 && y <= 12 && x < 180) ||
          (y > 30 && y < 40 && x % 24 < 2);
        if (ink) a[c * H * W + y * W + x] = -1;
      }
    }
  }
  return a;
}

/** The same crop turned 180°. */
function rotate180(a: Float32Array): Float32Array {
  const o = new Float32Array(a.length);
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        o[c * H * W + y * W + x] = a[c * H * W + (H - 1 - y) * W + (W - 1 - x)] as number;
  return o;
}

function fp32(name: string, a: Float32Array, shape = [1, 3, H, W]): Tensor {
  return {
    name,
    datatype: 'FP32',
    shape,
    data: new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
  };
}

function probs(t: Tensor | undefined): number[] {
  if (!t) throw new Error('no output');
  const copy = new Uint8Array(t.data);
  return Array.from(new Float32Array(copy.buffer));
}

const req = (tensors: Tensor[]) => ({ model: 'ppocr-cls', input: '', maxOutputTokens: 0, tensors });

describe('ONNX backend, PaddleOCR direction classifier (real onnxruntime-node)', () => {
  let b: OnnxBackend;
  beforeAll(async () => {
    b = await createOnnxBackend({ only: ['ppocr-cls'], executionProvider: 'cpu' });
  });
  afterAll(async () => {
    await b.close();
  });

  it('loads and warms the shipped model and advertises it', () => {
    expect(b.models).toEqual(['ppocr-cls']);
    expect(b.executionProvider).toBe('cpu');
    expect(b.skipped).toEqual({});
    expect(b.queue.expectedServiceMs).toBeGreaterThan(0);
  });

  it('classifies an upright crop as 0° and the same crop turned 180° as 180°', async () => {
    const up = await b.infer(req([fp32('x', strokesCrop())]));
    expect(up.tensors).toHaveLength(1);
    const out = up.tensors?.[0];
    expect(out).toMatchObject({ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [1, 2] });
    expect(out?.data.byteLength).toBe(8);
    const p = probs(out);
    // Recorded from this model (ppocr mobile v2.0 cls, sha256 4918…3640) on this fixed input.
    // Class order is PaddleOCR's label_list ['0', '180']: the strokes hang from a bar on top, so it reads it as upside down.
    expect(p[1]).toBeCloseTo(0.99584, 3);
    const down = probs((await b.infer(req([fp32('x', rotate180(strokesCrop()))]))).tensors?.[0]);
    expect(down[0]).toBeGreaterThan(0.99);
    expect(Math.sign((p[1] as number) - (p[0] as number))).toBe(
      -Math.sign((down[1] as number) - (down[0] as number)),
    );
    expect(up.modelVersion).toBe('ppocr-mobile-v2.0-cls');
    expect(up.executionProvider).toBe('cpu');
    expect(up.computeMs).toBeGreaterThan(0);
  });

  it('gives one softmax row per batch item, each summing to 1, stable across runs', async () => {
    const a = strokesCrop();
    const batch = new Float32Array(a.length * 2);
    batch.set(a, 0);
    batch.set(rotate180(a), a.length);
    const r1 = await b.infer(req([fp32('x', batch, [2, 3, H, W])]));
    const r2 = await b.infer(req([fp32('x', batch, [2, 3, H, W])]));
    expect(r1.tensors?.[0]?.shape).toEqual([2, 2]);
    const p = probs(r1.tensors?.[0]);
    expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1, 5);
    expect((p[2] as number) + (p[3] as number)).toBeCloseTo(1, 5);
    expect(probs(r2.tensors?.[0])).toEqual(p);
  });

  it('takes bytes at any offset of a larger buffer (a protobuf bytes field is such a view)', async () => {
    const a = strokesCrop();
    const backing = new Uint8Array(a.byteLength + 3);
    backing.set(new Uint8Array(a.buffer), 3);
    const r = await b.infer(
      req([{ name: 'x', datatype: 'FP32', shape: [1, 3, H, W], data: backing.subarray(3) }]),
    );
    expect(probs(r.tensors?.[0])[1]).toBeCloseTo(0.99584, 3);
  });

  it.each([
    ['an unknown input name', [fp32('image', strokesCrop())], 'image'],
    [
      'another datatype',
      [{ name: 'x', datatype: 'FP16', shape: [1, 3, H, W], data: new Uint8Array(3 * H * W * 2) }],
      'x',
    ],
    [
      'a shape the manifest does not allow',
      [fp32('x', new Float32Array(3 * H * 100), [1, 3, H, 100])],
      'x',
    ],
    [
      'a byte count that is not product(shape) × 4',
      [
        {
          name: 'x',
          datatype: 'FP32',
          shape: [1, 3, H, W],
          data: new Uint8Array(3 * H * W * 4 - 1),
        },
      ],
      'x',
    ],
    ['no tensor at all (text input)', [], 'x'],
    [
      'a batch over the size limit',
      [fp32('x', new Float32Array(33 * 3 * H * W), [33, 3, H, W])],
      'x',
    ],
  ] as [string, Tensor[], string][])(
    'refuses %s with TENSOR_INVALID naming the input, before queueing',
    async (_, tensors, input) => {
      const before = b.queue.active + b.queue.queued;
      await expect(b.infer(req(tensors))).rejects.toMatchObject({
        code: 'TENSOR_INVALID',
        data: { model: 'ppocr-cls', input },
      });
      expect(b.queue.active + b.queue.queued).toBe(before);
    },
  );

  it('refuses a model it did not load with MODEL_NOT_LOADED', async () => {
    await expect(
      b.infer({ ...req([fp32('x', strokesCrop())]), model: 'ppocr-rec' }),
    ).rejects.toMatchObject({ code: 'MODEL_NOT_LOADED' });
  });

  it('drops queued work whose caller aborted, and refuses with BACKEND_QUEUE_FULL when the queue is full', async () => {
    const small = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      maxQueued: 1,
    });
    try {
      const x = [fp32('x', strokesCrop())];
      const running = small.infer(req(x));
      const ac = new AbortController();
      const queued = small.infer({ ...req(x), signal: ac.signal });
      await expect(small.infer(req(x))).rejects.toMatchObject({ code: 'BACKEND_QUEUE_FULL' });
      expect(small.queue.queued).toBe(1);
      ac.abort();
      await expect(queued).rejects.toMatchObject({ code: 'QUEUED_WORK_CANCELLED' });
      await expect(running).resolves.toMatchObject({ executionProvider: 'cpu' });
      expect(small.queue.queued).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe('ONNX backend, model directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onnx-models-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the shipped cls manifest with its file made absolute, optionally changed. */
  function writeModel(folder: string, change: Record<string, unknown> = {}): void {
    const m = JSON.parse(
      readFileSync(join(SHIPPED_MODEL_DIR, 'ppocr-cls', 'manifest.json'), 'utf8'),
    ) as Record<string, unknown>;
    cpSync(join(SHIPPED_MODEL_DIR, 'ppocr-cls'), join(dir, folder), { recursive: true });
    // npm: paths resolve from the manifest's folder up; a temp dir has no node_modules, so point at the shipped file.
    const shipped = join(
      SHIPPED_MODEL_DIR,
      '..',
      '..',
      'node_modules',
      '@gutenye',
      'ocr-models',
      'assets',
      'ch_ppocr_mobile_v2.0_cls_infer.onnx',
    );
    writeFileSync(
      join(dir, folder, 'manifest.json'),
      JSON.stringify({ ...m, file: shipped, ...change }),
    );
  }

  it('refuses a model whose file does not match its sha256 (MODEL_HASH_MISMATCH), loads the others, and refuses to start with none', async () => {
    writeModel('good', { name: 'cls-good' });
    writeModel('tampered', { name: 'cls-tampered', sha256: '0'.repeat(64) });
    writeModel('gpu-only', { name: 'cls-gpu-only', executionProviders: ['cuda'] });
    const b = await createOnnxBackend({ modelDir: dir, executionProvider: 'cpu' });
    try {
      expect(b.models).toEqual(['cls-good']);
      expect(b.skipped['cls-tampered']).toMatch(
        /^MODEL_HASH_MISMATCH: model cls-tampered: .* has sha256 4918/,
      );
      expect(b.skipped['cls-gpu-only']).toMatch(/not allowed on cpu/);
    } finally {
      await b.close();
    }
    await expect(
      createOnnxBackend({ modelDir: dir, executionProvider: 'cpu', only: ['cls-tampered'] }),
    ).rejects.toMatchObject({
      code: 'NO_MODELS_LOADED',
      data: {
        skipped: { 'cls-tampered': expect.stringMatching(/^MODEL_HASH_MISMATCH/) as unknown },
      },
    });
  });

  it('refuses a manifest that names an input the model does not have (MODEL_LOAD_FAILED)', async () => {
    writeModel('wrong-input', {
      name: 'cls-wrong-input',
      inputs: [{ name: 'image', datatype: 'FP32', shape: [-1, 3, 48, 192] }],
    });
    await expect(
      createOnnxBackend({ modelDir: dir, executionProvider: 'cpu', only: ['cls-wrong-input'] }),
    ).rejects.toMatchObject({
      data: {
        skipped: {
          'cls-wrong-input': expect.stringMatching(
            /^MODEL_LOAD_FAILED: .*inputs image that the model does not have/,
          ) as unknown,
        },
      },
    });
  });
});
