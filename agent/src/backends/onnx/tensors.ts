import { Tensor as OrtTensor } from 'onnxruntime-node';
import type { Tensor } from '../backend.js';
import { DATATYPES, datatypeOfOrt, isDatatype, type OrtType } from './dtypes.js';
import type { ModelManifest } from './manifest.js';

export { checkInputs } from '../tensor-check.js';

function typedArray(type: OrtType, buf: ArrayBuffer) {
  switch (type) {
    case 'bool':
    case 'uint8':
      return new Uint8Array(buf);
    case 'int8':
      return new Int8Array(buf);
    case 'uint16':
    case 'float16':
      return new Uint16Array(buf);
    case 'int16':
      return new Int16Array(buf);
    case 'uint32':
      return new Uint32Array(buf);
    case 'int32':
      return new Int32Array(buf);
    case 'uint64':
      return new BigUint64Array(buf);
    case 'int64':
      return new BigInt64Array(buf);
    case 'float32':
      return new Float32Array(buf);
    case 'float64':
      return new Float64Array(buf);
  }
}

/**
 * A checked wire tensor as an ONNX Runtime tensor. The bytes are copied into a fresh, aligned
 * buffer: a protobuf `bytes` field is a view at any offset into the message, and typed arrays need
 * their element alignment. Little-endian on the wire and on every host the agent supports (x86-64, arm64).
 */
export function toOrt(t: Tensor): OrtTensor {
  if (!isDatatype(t.datatype)) throw new RangeError(`unchecked tensor datatype ${t.datatype}`);
  const type = DATATYPES[t.datatype].ort;
  const buf = new ArrayBuffer(t.data.byteLength);
  new Uint8Array(buf).set(t.data);
  return new OrtTensor(type, typedArray(type, buf), t.shape);
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
