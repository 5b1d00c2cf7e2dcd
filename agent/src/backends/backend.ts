/**
 * A typed tensor as it crosses the backend boundary: KServe v2 datatype name, concrete shape, and
 * the elements row-major, little-endian (edgefleet.v1.InferTensor on the wire).
 */
export interface Tensor {
  name: string;
  datatype: string;
  shape: number[];
  data: Uint8Array;
}

export interface BackendRequest {
  model: string;
  input: string;
  maxOutputTokens: number;
  /** Tensor inputs (tensor models); a text-only backend refuses them. */
  tensors?: readonly Tensor[];
  /** Which outputs to return; empty or absent = all. */
  outputNames?: readonly string[];
  /** The caller went away (call cancelled, deadline passed): queued work is dropped unbilled. */
  signal?: AbortSignal;
  /** The caller's deadline (epoch ms, host clock): work that cannot start in time is refused at once. */
  deadlineMs?: number;
}

export interface BackendResult {
  output: string;
  /** The compute itself (for ONNX Runtime: the session.run call), not the queueing around it: this is what is billed. */
  computeMs: number;
  tensors?: Tensor[];
  modelVersion?: string;
  executionProvider?: string;
}

/** Where inference actually runs behind the agent. Every backend goes through the same lease checks, metering and burns. */
export interface InferenceBackend {
  readonly kind: string;
  /** The models this backend has loaded and can serve; absent when the backend cannot tell (it serves what the config names). */
  readonly models?: readonly string[];
  /** Where the compute runs (ONNX Runtime: `cpu` or `cuda`); absent when the backend cannot tell. */
  readonly executionProvider?: string;
  infer(req: BackendRequest): Promise<BackendResult>;
  close?(): Promise<void>;
}
