import type { Tensor } from '../backend.js';
import type { ExecutionProvider, ModelManifest } from './manifest.js';

/** What a slot's worker is started with (workerData): the hash-checked bytes of every model to load. */
export interface WorkerInit {
  provider: ExecutionProvider;
  intraOpThreads?: number;
  models: { manifest: ModelManifest; bytes: Uint8Array }[];
}

export type LoadReport =
  { name: string; ok: true; warmMs: number } | { name: string; ok: false; reason: string };

/** One run. Tensor data buffers are transferred (each tensor owns its whole ArrayBuffer). */
export interface RunRequest {
  id: number;
  model: string;
  tensors: Tensor[];
  fetches: string[];
}

export type WorkerReply =
  | { kind: 'loaded'; reports: LoadReport[] }
  /** `ms`: the session.run call alone, measured in the worker: what is billed. */
  | { kind: 'result'; id: number; ms: number; tensors: Tensor[] }
  | { kind: 'failed'; id: number; message: string };

/** A copy of `t` whose data owns a fresh ArrayBuffer (a wire tensor is a view into its message), ready to transfer. */
export function ownedTensor(t: Tensor): Tensor {
  return { name: t.name, datatype: t.datatype, shape: [...t.shape], data: new Uint8Array(t.data) };
}

export function buffersOf(tensors: readonly Tensor[]): ArrayBuffer[] {
  return tensors.map((t) => t.data.buffer as ArrayBuffer);
}
