import type { BackendRequest, Tensor } from '../backend.js';
import { isDatatype, type Datatype } from '../onnx/dtypes.js';
import { TensorInvalidError } from '../onnx/errors.js';
import { checkInputs, type TensorSpecs } from '../tensor-check.js';
import { bytesOutput, fromKserveJson, toKserveJson } from './kserve-json.js';
import type { UpstreamCall } from './upstream.js';

/** What a KServe v2 server says about one of its models (`GET /v2/models/{name}`), as the agent checks requests with it. */
export interface KserveModel {
  specs: TensorSpecs;
  /** Inputs of datatype BYTES: the request's text goes into the one there is. */
  bytesInputs: string[];
  platform: string;
}

const modelPath = (name: string) => `/v2/models/${encodeURIComponent(name)}`;

/** `GET /v2/health/ready`: the server is up and ready (Triton, KServe, MLServer, OpenVINO Model Server, …). */
export async function kserveReady(call: UpstreamCall): Promise<void> {
  const res = await call.fetch('/v2/health/ready', { method: 'GET' });
  await res.body?.cancel();
}

interface MetaTensor {
  name?: unknown;
  datatype?: unknown;
  shape?: unknown;
}

/** A model's metadata and readiness (`GET /v2/models/{name}` and `…/ready`); throws when it is not served. */
export async function kserveModel(
  call: UpstreamCall,
  name: string,
  maxInputBytes: number,
): Promise<KserveModel> {
  const meta = (await call.json(await call.fetch(modelPath(name), { method: 'GET' }))) as {
    inputs?: unknown;
    outputs?: unknown;
    platform?: unknown;
  };
  const ready = await call.fetch(`${modelPath(name)}/ready`, { method: 'GET' });
  await ready.body?.cancel();
  const list = (what: string, v: unknown) => {
    if (!Array.isArray(v)) throw call.bad(`model ${name}: metadata without ${what}`);
    return (v as MetaTensor[]).map((t) => {
      if (
        typeof t?.name !== 'string' ||
        typeof t.datatype !== 'string' ||
        !Array.isArray(t.shape) ||
        !t.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= -1)
      )
        throw call.bad(`model ${name}: malformed ${what} entry ${JSON.stringify(t).slice(0, 120)}`);
      return { name: t.name, datatype: t.datatype, shape: t.shape as number[] };
    });
  };
  const inputs = list('inputs', meta.inputs);
  const outputs = list('outputs', meta.outputs);
  const fixed: { name: string; datatype: Datatype; shape: number[] }[] = [];
  const bytesInputs: string[] = [];
  for (const i of inputs) {
    if (i.datatype === 'BYTES') bytesInputs.push(i.name);
    else if (isDatatype(i.datatype)) fixed.push({ ...i, datatype: i.datatype });
    else
      throw call.bad(
        `model ${name}: input ${i.name} has datatype ${i.datatype}, which the agent cannot send`,
      );
  }
  return {
    specs: { name, inputs: fixed, outputs, limits: { maxInputBytes } },
    bytesInputs,
    platform: typeof meta.platform === 'string' ? meta.platform : '',
  };
}

/**
 * `POST /v2/models/{name}/infer` in KServe v2 JSON. The request is checked against the model's
 * metadata first (TENSOR_INVALID naming the input, nothing sent, nothing billed); the text input,
 * if any, fills the model's BYTES input. BYTES outputs come back as the text `output` (elements
 * joined by newlines), the others as tensors.
 */
export async function kserveInfer(
  call: UpstreamCall,
  m: KserveModel,
  req: Pick<BackendRequest, 'model' | 'input' | 'tensors' | 'outputNames'>,
): Promise<{ output: string; tensors: Tensor[]; modelVersion: string }> {
  const inputs = kserveInputs(m, req);
  const res = await call.fetch(`${modelPath(req.model)}/infer`, {
    method: 'POST',
    body: {
      inputs,
      ...(req.outputNames?.length ? { outputs: req.outputNames.map((name) => ({ name })) } : {}),
    },
  });
  const j = (await call.json(res)) as { outputs?: unknown; model_version?: unknown };
  if (!Array.isArray(j.outputs)) throw call.bad(`model ${req.model}: answer without outputs`);
  const texts: string[] = [];
  const tensors: Tensor[] = [];
  for (const o of j.outputs as Record<string, unknown>[]) {
    if (o?.['datatype'] === 'BYTES') texts.push(...bytesOutput(o, (r) => call.bad(r)));
    else tensors.push(fromKserveJson(o, (r) => call.bad(`model ${req.model}: ${r}`)));
  }
  return {
    output: texts.join('\n'),
    tensors,
    modelVersion: typeof j.model_version === 'string' ? j.model_version : '',
  };
}

/** The request's inputs in KServe v2 JSON, checked against the model's metadata (throws TENSOR_INVALID). */
export function kserveInputs(
  m: KserveModel,
  req: Pick<BackendRequest, 'model' | 'input' | 'tensors' | 'outputNames'>,
): unknown[] {
  const tensors = req.tensors ?? [];
  checkInputs(m.specs, tensors, req.outputNames);
  const text: unknown[] = [];
  const [first, ...more] = m.bytesInputs;
  if (first === undefined) {
    if (req.input)
      throw new TensorInvalidError(
        req.model,
        'input',
        `the model takes no text (its inputs: ${m.specs.inputs.map((i) => i.name).join(', ')})`,
      );
  } else {
    if (more.length)
      throw new TensorInvalidError(
        req.model,
        more.join(', '),
        'the model takes several BYTES inputs; the agent fills one, from the text input',
      );
    if (!req.input)
      throw new TensorInvalidError(req.model, first, 'missing: send the text as `input`');
    text.push({ name: first, datatype: 'BYTES', shape: [1], data: [req.input] });
  }
  return [...text, ...tensors.map((t) => toKserveJson(req.model, t))];
}
