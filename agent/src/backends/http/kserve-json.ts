import type { Tensor } from '../backend.js';
import { DATATYPES, isDatatype, type Datatype } from '../onnx/dtypes.js';
import { TensorInvalidError } from '../onnx/errors.js';

/** A tensor as KServe v2 (Open Inference Protocol) REST carries it in JSON: `data` flat, row-major. */
export interface KserveJsonTensor {
  name: string;
  datatype: string;
  shape: number[];
  data: (number | boolean | string)[];
}

const INT_RANGE: Partial<Record<Datatype, [number, number]>> = {
  UINT8: [0, 0xff],
  UINT16: [0, 0xffff],
  UINT32: [0, 0xffffffff],
  INT8: [-0x80, 0x7f],
  INT16: [-0x8000, 0x7fff],
  INT32: [-0x80000000, 0x7fffffff],
  UINT64: [0, Number.MAX_SAFE_INTEGER],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** IEEE 754 half (its 16 bits) → number. */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** number → IEEE 754 half bits (round to nearest even, through float32). */
export function numberToHalf(v: number): number {
  const f = new DataView(new ArrayBuffer(4));
  f.setFloat32(0, v, true);
  const x = f.getUint32(0, true);
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = mant >> 13;
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) {
    h++;
    if (h === 0x400) {
      h = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | h;
}

function read(v: DataView, dt: Datatype, at: number): number | boolean {
  switch (dt) {
    case 'BOOL':
      return v.getUint8(at) !== 0;
    case 'UINT8':
      return v.getUint8(at);
    case 'INT8':
      return v.getInt8(at);
    case 'UINT16':
      return v.getUint16(at, true);
    case 'INT16':
      return v.getInt16(at, true);
    case 'UINT32':
      return v.getUint32(at, true);
    case 'INT32':
      return v.getInt32(at, true);
    case 'UINT64':
      return Number(v.getBigUint64(at, true));
    case 'INT64':
      return Number(v.getBigInt64(at, true));
    case 'FP16':
      return halfToNumber(v.getUint16(at, true));
    case 'FP32':
      return v.getFloat32(at, true);
    case 'FP64':
      return v.getFloat64(at, true);
  }
}

function write(v: DataView, dt: Datatype, at: number, x: number | boolean): void {
  const n = Number(x);
  switch (dt) {
    case 'BOOL':
      return v.setUint8(at, x ? 1 : 0);
    case 'UINT8':
      return v.setUint8(at, n);
    case 'INT8':
      return v.setInt8(at, n);
    case 'UINT16':
      return v.setUint16(at, n, true);
    case 'INT16':
      return v.setInt16(at, n, true);
    case 'UINT32':
      return v.setUint32(at, n, true);
    case 'INT32':
      return v.setInt32(at, n, true);
    case 'UINT64':
      return v.setBigUint64(at, BigInt(n), true);
    case 'INT64':
      return v.setBigInt64(at, BigInt(n), true);
    case 'FP16':
      return v.setUint16(at, numberToHalf(n), true);
    case 'FP32':
      return v.setFloat32(at, n, true);
    case 'FP64':
      return v.setFloat64(at, n, true);
  }
}

/**
 * A checked wire tensor (datatype known, byte count right) as KServe v2 JSON. What JSON cannot
 * carry exactly is refused, naming the input, before anything is sent or billed: NaN and ±Infinity
 * (JSON has no such numbers) and 64-bit integers beyond ±(2^53 − 1).
 */
export function toKserveJson(model: string, t: Tensor): KserveJsonTensor {
  if (!isDatatype(t.datatype)) throw new RangeError(`unchecked tensor datatype ${t.datatype}`);
  const dt = t.datatype;
  const size = DATATYPES[dt].bytes;
  const v = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const n = t.data.byteLength / size;
  const data = new Array<number | boolean>(n);
  const float = dt === 'FP16' || dt === 'FP32' || dt === 'FP64';
  for (let i = 0; i < n; i++) {
    if (dt === 'INT64' || dt === 'UINT64') {
      const big = dt === 'INT64' ? v.getBigInt64(i * size, true) : v.getBigUint64(i * size, true);
      if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER))
        throw new TensorInvalidError(
          model,
          t.name,
          `element ${i} (${big}) is beyond ±(2^53 − 1), which KServe v2 JSON cannot carry exactly`,
        );
    }
    const x = read(v, dt, i * size);
    if (float && !Number.isFinite(x))
      throw new TensorInvalidError(
        model,
        t.name,
        `element ${i} is ${x}, which KServe v2 JSON cannot carry`,
      );
    data[i] = x;
  }
  return { name: t.name, datatype: dt, shape: [...t.shape], data };
}

/** Builds the error for an answer outside the protocol (the reason names the output). */
type Bad = (reason: string) => Error;

/**
 * One output of a KServe v2 JSON answer as a wire tensor (little-endian bytes). Anything the
 * protocol does not allow — an unknown datatype, a shape that is not non-negative integers, a
 * `data` whose length is not product(shape), an element out of its datatype's range, a 64-bit
 * integer JSON could not carry exactly — is refused through `bad`, never passed on half-read.
 * BYTES outputs are not tensors here: see `bytesOutput`.
 */
export function fromKserveJson(o: unknown, bad: Bad): Tensor {
  if (typeof o !== 'object' || o === null) throw bad('an output is not an object');
  const { name, datatype, shape, data } = o as Record<string, unknown>;
  if (typeof name !== 'string') throw bad('an output has no name');
  if (typeof datatype !== 'string' || !isDatatype(datatype))
    throw bad(`output ${name}: datatype ${JSON.stringify(datatype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0))
    throw bad(`output ${name}: shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(data)) throw bad(`output ${name}: no data array`);
  const flat = (data as unknown[]).flat(Infinity);
  const count = (shape as number[]).reduce((a, d) => a * d, 1);
  if (flat.length !== count)
    throw bad(`output ${name}: ${flat.length} elements for shape [${shape.join(',')}]`);
  const size = DATATYPES[datatype].bytes;
  const bytes = new Uint8Array(count * size);
  const v = new DataView(bytes.buffer);
  const range = INT_RANGE[datatype];
  for (let i = 0; i < count; i++) {
    const x = flat[i];
    if (datatype === 'BOOL') {
      if (typeof x !== 'boolean' && x !== 0 && x !== 1)
        throw bad(`output ${name}: element ${i} is not a boolean`);
    } else if (typeof x !== 'number') throw bad(`output ${name}: element ${i} is not a number`);
    else if (range && (!Number.isSafeInteger(x) || x < range[0] || x > range[1]))
      throw bad(`output ${name}: element ${i} (${x}) is not a ${datatype} JSON can carry exactly`);
    write(v, datatype, i * size, x as number | boolean);
  }
  return { name, datatype, shape: shape as number[], data: bytes };
}

/** A BYTES output's elements as text (KServe v2 JSON carries them as strings). */
export function bytesOutput(o: Record<string, unknown>, bad: Bad): string[] {
  const data = Array.isArray(o['data']) ? (o['data'] as unknown[]).flat(Infinity) : undefined;
  if (!data || !data.every((x) => typeof x === 'string'))
    throw bad(`output ${String(o['name'])}: BYTES data is not an array of strings`);
  return data as string[];
}
