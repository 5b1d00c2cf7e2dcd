import { describe, expect, it } from 'vitest';
import { checkInputs, fromOrt, toOrt, zeroTensor } from './tensors.js';
import type { ModelManifest } from './manifest.js';

const m: ModelManifest = {
  name: 'two-in',
  version: '1',
  file: 'm.onnx',
  sha256: 'a'.repeat(64),
  executionProviders: ['cpu'],
  limits: { maxInputBytes: 64 },
  inputs: [
    { name: 'ids', datatype: 'INT64', shape: [1, -1] },
    { name: 'mask', datatype: 'BOOL', shape: [1, -1] },
  ],
  outputs: [{ name: 'y', datatype: 'FP32', shape: [1, -1] }],
};
const ids = (n: number) => ({
  name: 'ids',
  datatype: 'INT64',
  shape: [1, n],
  data: new Uint8Array(8 * n),
});
const mask = (n: number) => ({
  name: 'mask',
  datatype: 'BOOL',
  shape: [1, n],
  data: new Uint8Array(n),
});

describe('checkInputs', () => {
  it('accepts tensors that fit the manifest (any size in a -1 dimension)', () => {
    expect(() => checkInputs(m, [mask(3), ids(3)], ['y'])).not.toThrow();
  });
  it.each([
    ['a repeated input', [ids(1), ids(1), mask(1)], 'ids', /more than once/],
    ['a missing input', [ids(2)], 'mask', /missing/],
    ['a negative dimension', [{ ...ids(1), shape: [1, -1] }, mask(1)], 'ids', /does not match/],
    ['another rank', [{ ...ids(2), shape: [2] }, mask(1)], 'ids', /does not match/],
    ['an unknown datatype', [{ ...ids(1), datatype: 'BF16' }, mask(1)], 'ids', /unknown datatype/],
    ['inputs over the limit together', [ids(7), mask(9)], 'mask', /limit of 64 bytes/],
  ])('refuses %s, naming it', (_, tensors, input, reason) => {
    expect(() => checkInputs(m, tensors)).toThrow(
      expect.objectContaining({
        code: 'TENSOR_INVALID',
        data: expect.objectContaining({
          input,
          reason: expect.stringMatching(reason) as unknown,
        }) as unknown,
      }) as Error,
    );
  });
  it('refuses an unknown output name', () => {
    expect(() => checkInputs(m, [ids(1), mask(1)], ['z'])).toThrow(
      expect.objectContaining({
        code: 'TENSOR_INVALID',
        data: expect.objectContaining({ input: 'z' }) as unknown,
      }) as Error,
    );
  });
});

describe('wire tensor ↔ ONNX Runtime tensor', () => {
  it('round-trips INT64 and BOOL bytes little-endian', () => {
    const data = new Uint8Array(new BigInt64Array([1n, -2n, 3n ** 30n]).buffer);
    const t = toOrt({ name: 'ids', datatype: 'INT64', shape: [1, 3], data });
    expect(t.type).toBe('int64');
    expect(Array.from(t.data as BigInt64Array)).toEqual([1n, -2n, 3n ** 30n]);
    expect(fromOrt('ids', t)).toEqual({ name: 'ids', datatype: 'INT64', shape: [1, 3], data });
    const b = toOrt({ name: 'mask', datatype: 'BOOL', shape: [2], data: new Uint8Array([1, 0]) });
    expect(fromOrt('mask', b)).toMatchObject({ datatype: 'BOOL', data: new Uint8Array([1, 0]) });
  });
  it('views the bytes where they are aligned to the element size, else copies them', () => {
    const wire = new Uint8Array(4 + 8 + 3);
    new Float32Array(wire.buffer, 4, 2).set([1.5, -2]);
    const aligned = toOrt({ name: 'x', datatype: 'FP32', shape: [2], data: wire.subarray(4, 12) });
    expect((aligned.data as Float32Array).buffer).toBe(wire.buffer);
    expect(Array.from(aligned.data as Float32Array)).toEqual([1.5, -2]);
    wire.copyWithin(3, 4, 12);
    const odd = toOrt({ name: 'x', datatype: 'FP32', shape: [2], data: wire.subarray(3, 11) });
    expect((odd.data as Float32Array).buffer).not.toBe(wire.buffer);
    expect(Array.from(odd.data as Float32Array)).toEqual([1.5, -2]);
  });
  it('builds the warm-up zero tensor from -1 → 1 or the warm-up shape', () => {
    expect(zeroTensor({ name: 'x', datatype: 'FP16', shape: [-1, 4] })).toMatchObject({
      shape: [1, 4],
      data: new Uint8Array(8),
    });
    expect(
      zeroTensor({ name: 'x', datatype: 'FP32', shape: [-1, 4], warmupShape: [2, 4] }).data
        .byteLength,
    ).toBe(32);
  });
});
