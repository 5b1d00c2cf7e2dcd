import { Tensor as OrtTensor, type InferenceSession } from 'onnxruntime-node';
import type { Tensor } from '../backend.js';
import { DATATYPES, datatypeOfOrt, isDatatype, type OrtType } from './dtypes.js';
import type { ModelManifest } from './manifest.js';

export { checkInputs } from '../tensor-check.js';

function typedArray(type: OrtType, buf: ArrayBufferLike, offset: number, bytes: number) {
  switch (type) {
    case 'bool':
    case 'uint8':
      return new Uint8Array(buf, offset, bytes);
    case 'int8':
      return new Int8Array(buf, offset, bytes);
    case 'uint16':
    case 'float16':
      return new Uint16Array(buf, offset, bytes / 2);
    case 'int16':
      return new Int16Array(buf, offset, bytes / 2);
    case 'uint32':
      return new Uint32Array(buf, offset, bytes / 4);
    case 'int32':
      return new Int32Array(buf, offset, bytes / 4);
    case 'uint64':
      return new BigUint64Array(buf, offset, bytes / 8);
    case 'int64':
      return new BigInt64Array(buf, offset, bytes / 8);
    case 'float32':
      return new Float32Array(buf, offset, bytes / 4);
    case 'float64':
      return new Float64Array(buf, offset, bytes / 8);
  }
}

/**
 * A checked wire tensor as an ONNX Runtime tensor: a view onto its bytes where they sit at a multiple
 * of the element size (a worker's transferred copy always does; a protobuf `bytes` field, a view at
 * any offset into the message, sometimes does), else a copy into a fresh, aligned buffer (typed
 * arrays need their element alignment). session.run only reads its feeds. Little-endian on the wire
 * and on every host the agent supports (x86-64, arm64).
 */
export function toOrt(t: Tensor): OrtTensor {
  if (!isDatatype(t.datatype)) throw new RangeError(`unchecked tensor datatype ${t.datatype}`);
  const type = DATATYPES[t.datatype].ort;
  const { buffer, byteOffset, byteLength } = t.data;
  if (byteOffset % DATATYPES[t.datatype].bytes === 0)
    return new OrtTensor(type, typedArray(type, buffer, byteOffset, byteLength), t.shape);
  const copy = new ArrayBuffer(byteLength);
  new Uint8Array(copy).set(t.data);
  return new OrtTensor(type, typedArray(type, copy, 0, byteLength), t.shape);
}

/** An ONNX Runtime output as a wire tensor (a copy of its bytes). */
export function fromOrt(name: string, t: OrtTensor): Tensor {
  const datatype = datatypeOfOrt(t.type);
  const data = t.data;
  if (!datatype || typeof data === 'string' || !ArrayBuffer.isView(data))
    throw new RangeError(`output ${name} has type ${t.type}, which has no fixed-size datatype`);
  return {
    name,
    datatype,
    shape: [...t.dims],
    data: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  };
}

/** A zero tensor of the input's warm-up shape, for the run at load. */
export function zeroTensor(spec: ModelManifest['inputs'][number]): Tensor {
  const shape = spec.warmupShape ?? spec.shape.map((d) => (d === -1 ? 1 : d));
  return {
    name: spec.name,
    datatype: spec.datatype,
    shape,
    data: new Uint8Array(shape.reduce((a, d) => a * d, 1) * DATATYPES[spec.datatype].bytes),
  };
}

/**
 * One `session.run` of `model` on our tensors: what it answered for each of `fetches`, and `ms`, the
 * runtime call's own time (what a burn bills), measured around the call alone. The same on the
 * JavaScript thread and in a slot's worker.
 */
export async function runSession(
  session: InferenceSession,
  model: string,
  tensors: readonly Tensor[],
  fetches: string[],
): Promise<{ ms: number; tensors: Tensor[] }> {
  const feeds = Object.fromEntries(tensors.map((t) => [t.name, toOrt(t)]));
  const t0 = performance.now();
  const out = await session.run(feeds, fetches);
  const ms = performance.now() - t0;
  const outputs = fetches.map((n) => {
    const t = out[n];
    if (!t) throw new Error(`model ${model}: session.run returned no output ${n}`);
    return fromOrt(n, t);
  });
  return { ms, tensors: outputs };
}
