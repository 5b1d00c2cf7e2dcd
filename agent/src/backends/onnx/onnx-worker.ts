/**
 * A slot's worker thread (worker-slots.ts): loads its own sessions from the bytes it is given, then
 * runs one request at a time off the agent's JavaScript thread. onnxruntime-node's session.run is
 * synchronous native code on the calling thread; here it blocks only this worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '@edgefleet/common';
import type { InferenceSession } from 'onnxruntime-node';
import { loadSession } from './session-load.js';
import { runSession } from './tensors.js';
import {
  buffersOf,
  type LoadReport,
  type RunRequest,
  type WorkerInit,
  type WorkerReply,
} from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('onnx-worker runs as a worker thread only');
const init = workerData as WorkerInit;
const sessions = new Map<string, InferenceSession>();
const reports: LoadReport[] = [];
for (const { manifest, bytes } of init.models) {
  try {
    const r = await loadSession(manifest, bytes, init.provider, init.intraOpThreads);
    sessions.set(manifest.name, r.session);
    reports.push({ name: manifest.name, ok: true, warmMs: r.warmMs });
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'MODEL_LOAD_FAILED';
    reports.push({ name: manifest.name, ok: false, reason: `${code}: ${describeError(err)}` });
  }
}
port.postMessage({ kind: 'loaded', reports } satisfies WorkerReply);

port.on('message', (req: RunRequest) => {
  void run(req).then(
    (reply) =>
      port.postMessage(reply, reply.kind === 'result' ? buffersOf(reply.tensors) : undefined),
    (err: unknown) =>
      port.postMessage({
        kind: 'failed',
        id: req.id,
        message: describeError(err),
      } satisfies WorkerReply),
  );
});

async function run(req: RunRequest): Promise<WorkerReply> {
  const session = sessions.get(req.model);
  if (!session) throw new Error(`model ${req.model} is not loaded in this worker`);
  const { ms, tensors } = await runSession(session, req.model, req.tensors, req.fetches);
  return { kind: 'result', id: req.id, ms, tensors };
}
