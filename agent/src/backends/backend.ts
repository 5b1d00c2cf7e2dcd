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
  /**
   * The compute itself, not the queueing around it: this is what is billed. ONNX Runtime: the
   * session.run call. HTTP proxy: the upstream call, request's first byte out to the answer's last
   * byte in (to the abort, for a caller that went away mid-call).
   */
  computeMs: number;
  tensors?: Tensor[];
  modelVersion?: string;
  executionProvider?: string;
}

/** Where inference actually runs behind the agent. Every backend goes through the same lease checks, metering and burns. */
export interface InferenceBackend {
  readonly kind: string;
  /**
   * The models this backend has loaded and can serve; absent when the backend cannot tell (it serves
   * what the config names). The agent advertises this very array: a backend whose models change
   * (the HTTP proxy's discovery) changes it in place and calls `onModelsChange`.
   */
  readonly models?: readonly string[];
  /** Where the compute runs (ONNX Runtime: `cpu` or `cuda`); absent when the backend cannot tell. */
  readonly executionProvider?: string;
  infer(req: BackendRequest): Promise<BackendResult>;
  /**
   * Text generation streamed as it is produced (InferStream): each piece goes to `onDelta` as the
   * backend has it; resolves with the whole result, as `infer` would. Absent: the backend cannot
   * stream, and InferStream sends its finished output.
   */
  inferStream?(req: BackendRequest, onDelta: (text: string) => void): Promise<BackendResult>;
  /** Whether the backend can serve now (the agent's GET /readyz): true, or why not. Absent: always. */
  health?(): true | string;
  /** Called when `models` changes (an upstream that stopped serving a model); the agent re-advertises. */
  onModelsChange?(fn: () => void): void;
  close?(): Promise<void>;
}
