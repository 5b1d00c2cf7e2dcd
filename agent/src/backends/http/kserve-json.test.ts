import { describe, expect, it } from 'vitest';
import type { Tensor } from '../backend.js';
import {
  bytesOutput,
  fromKserveJson,
  halfToNumber,
  numberToHalf,
  toKserveJson,
} from './kserve-json.js';

const bad = (reason: string) => new Error(reason);
const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Through JSON text and back, as the request and the answer travel. */
const roundTrip = (t: Tensor): Tensor =>
  fromKserveJson(JSON.parse(JSON.stringify(toKserveJson('m', t))), bad);

describe('KServe v2 JSON tensors', () => {
  it.each<[string, ArrayBufferView]>([
    ['FP32', new Float32Array([1.5, -2.25, 3e-8, 1e30])],
    ['FP64', new Float64Array([Math.PI, -1e300, 5e-324])],
    ['INT8', new Int8Array([-128, 0, 127])],
    ['UINT8', new Uint8Array([0, 200, 255])],
    ['INT16', new Int16Array([-32768, 32767])],
    ['UINT16', new Uint16Array([0, 65535])],
    ['INT32', new Int32Array([-(2 ** 31), 2 ** 31 - 1])],
    ['UINT32', new Uint32Array([0, 2 ** 32 - 1])],
    ['INT64', new BigInt64Array([-(2n ** 53n) + 1n, 0n, 2n ** 53n - 1n])],
    ['UINT64', new BigUint64Array([0n, 2n ** 53n - 1n])],
    ['FP16', new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555])],
    ['BOOL', new Uint8Array([1, 0, 1])],
  ])('%s goes to JSON and back byte for byte', (datatype, a) => {
    const t: Tensor = {
      name: 'x',
      datatype,
      shape: [1, bytes(a).byteLength / (a as Uint8Array).BYTES_PER_ELEMENT],
      data: bytes(a),
    };
    const back = roundTrip(t);
    expect(back.datatype).toBe(datatype);
    expect(back.shape).toEqual(t.shape);
    expect(Array.from(back.data)).toEqual(Array.from(t.data));
  });

  it('writes FP32 as numbers and BOOL as booleans, row-major and flat', () => {
    const j = toKserveJson('m', {
      name: 'x',
      datatype: 'FP32',
      shape: [2, 2],
      data: bytes(new Float32Array([1, 2, 3, 4])),
    });
    expect(j).toEqual({ name: 'x', datatype: 'FP32', shape: [2, 2], data: [1, 2, 3, 4] });
    expect(
      toKserveJson('m', { name: 'b', datatype: 'BOOL', shape: [2], data: new Uint8Array([1, 0]) })
        .data,
    ).toEqual([true, false]);
  });

  it('refuses, naming the input, what JSON cannot carry: NaN, Infinity, 64-bit integers past 2^53', () => {
    const nan = { name: 'x', datatype: 'FP32', shape: [1], data: bytes(new Float32Array([NaN])) };
    expect(() => toKserveJson('m', nan)).toThrow(
      expect.objectContaining({
        code: 'TENSOR_INVALID',
        data: expect.objectContaining({ input: 'x' }),
      }),
    );
    const big = {
      name: 'ids',
      datatype: 'INT64',
      shape: [1],
      data: bytes(new BigInt64Array([2n ** 60n])),
    };
    expect(() => toKserveJson('m', big)).toThrow(/ids.*2\^53/);
  });

  it('reads nested data and refuses answers outside the protocol', () => {
    const ok = fromKserveJson(
      {
        name: 'y',
        datatype: 'INT32',
        shape: [2, 2],
        data: [
          [1, 2],
          [3, 4],
        ],
      },
      bad,
    );
    expect(Array.from(new Int32Array(ok.data.buffer))).toEqual([1, 2, 3, 4]);
    const cases: unknown[] = [
      null,
      { name: 'y', datatype: 'FLOAT', shape: [1], data: [1] },
      { name: 'y', datatype: 'FP32', shape: [-1], data: [1] },
      { name: 'y', datatype: 'FP32', shape: [3], data: [1, 2] },
      { name: 'y', datatype: 'UINT8', shape: [1], data: [256] },
      { name: 'y', datatype: 'INT64', shape: [1], data: [2 ** 60] },
      { name: 'y', datatype: 'FP32', shape: [1], data: [null] },
      { name: 'y', datatype: 'BOOL', shape: [1], data: ['yes'] },
    ];
    for (const c of cases) expect(() => fromKserveJson(c, bad), JSON.stringify(c)).toThrow();
  });

  it('reads BYTES outputs as strings', () => {
    expect(bytesOutput({ name: 't', datatype: 'BYTES', shape: [1], data: ['héllo'] }, bad)).toEqual(
      ['héllo'],
    );
    expect(() =>
      bytesOutput({ name: 't', datatype: 'BYTES', shape: [1], data: [1] }, bad),
    ).toThrow();
  });

  it('converts half floats exactly where half can hold the value', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 1.5, 1000.5])
      expect(halfToNumber(numberToHalf(v))).toBe(v);
    expect(numberToHalf(1e6)).toBe(0x7c00); // overflow → +Infinity
    expect(halfToNumber(numberToHalf(1 + 2 ** -11))).toBe(1); // ties to even
  });
});
