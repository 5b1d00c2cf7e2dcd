import type { Tensor } from './backend.js';
import { DATATYPES, isDatatype, type Datatype } from './onnx/dtypes.js';
import { TensorInvalidError } from './onnx/errors.js';

/** What a model declares about its tensors: enough to check a request before anything runs or is billed. */
export interface TensorSpecs {
  name: string;
  /** Fixed-size inputs; a shape's -1 = any size in that dimension. */
  inputs: readonly { name: string; datatype: Datatype; shape: readonly number[] }[];
  outputs: readonly { name: string }[];
  /** All inputs of one request together. */
  limits: { maxInputBytes: number };
}

/**
 * Checks a request's tensors against the model's declared inputs (an ONNX manifest, a KServe v2 server's
 * model metadata), before anything is queued or run (so a
 * refusal is never billed). Each failure names the input: unknown or repeated names, missing
 * inputs, another datatype, a shape the manifest does not allow, a byte count other than
 * product(shape) × element size, or the model's size limit crossed.
 */
export function checkInputs(
  m: TensorSpecs,
  tensors: readonly Tensor[],
  outputNames: readonly string[] = [],
): void {
  const seen = new Set<string>();
  let total = 0;
  for (const t of tensors) {
    const spec = m.inputs.find((s) => s.name === t.name);
    if (!spec)
      throw new TensorInvalidError(
        m.name,
        t.name,
        `unknown input (the model takes ${m.inputs.map((s) => s.name).join(', ')})`,
      );
    if (seen.has(t.name)) throw new TensorInvalidError(m.name, t.name, 'given more than once');
    seen.add(t.name);
    if (!isDatatype(t.datatype))
      throw new TensorInvalidError(
        m.name,
        t.name,
        `unknown datatype ${JSON.stringify(t.datatype)}`,
      );
    if (t.datatype !== spec.datatype)
      throw new TensorInvalidError(
        m.name,
        t.name,
        `datatype ${t.datatype}, the model takes ${spec.datatype}`,
      );
    const shapeOk =
      t.shape.length === spec.shape.length &&
      t.shape.every(
        (d, i) =>
          Number.isSafeInteger(d) && d >= 0 && (spec.shape[i] === -1 || spec.shape[i] === d),
      );
    if (!shapeOk)
      throw new TensorInvalidError(
        m.name,
        t.name,
        `shape [${t.shape.join(',')}] does not match [${spec.shape.join(',')}] (-1 = any size)`,
      );
    const want = t.shape.reduce((a, d) => a * d, 1) * DATATYPES[t.datatype].bytes;
    if (t.data.byteLength !== want)
      throw new TensorInvalidError(
        m.name,
        t.name,
        `${t.data.byteLength} bytes, shape [${t.shape.join(',')}] of ${t.datatype} needs ${want}`,
      );
    total += want;
    if (total > m.limits.maxInputBytes)
      throw new TensorInvalidError(
        m.name,
        t.name,
        `inputs exceed the model's limit of ${m.limits.maxInputBytes} bytes`,
      );
  }
  for (const s of m.inputs)
    if (!seen.has(s.name)) throw new TensorInvalidError(m.name, s.name, 'missing');
  for (const o of outputNames)
    if (!m.outputs.some((s) => s.name === o))
      throw new TensorInvalidError(
        m.name,
        o,
        `unknown output (the model gives ${m.outputs.map((s) => s.name).join(', ')})`,
      );
}
