import { describeError } from '@edgefleet/common';
import { InferenceSession } from 'onnxruntime-node';
import { ModelLoadFailedError } from './errors.js';
import type { ExecutionProvider, ModelManifest } from './manifest.js';
import { toOrt, zeroTensor } from './tensors.js';

/**
 * A session from hash-checked bytes: created, checked against the manifest's inputs and outputs, and
 * warmed once. The same on the JavaScript thread and inside a slot's worker (onnx-worker.ts).
 */
export async function loadSession(
  m: ModelManifest,
  bytes: Uint8Array,
  provider: ExecutionProvider,
  intraOpThreads: number | undefined,
): Promise<{ session: InferenceSession; warmMs: number }> {
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      ...(intraOpThreads ? { intraOpNumThreads: intraOpThreads } : {}),
    });
  } catch (err) {
    throw new ModelLoadFailedError(m.name, describeError(err), err);
  }
  try {
    for (const [kind, specs, names] of [
      ['input', m.inputs, session.inputNames],
      ['output', m.outputs, session.outputNames],
    ] as const) {
      const missing = specs.filter((s) => !names.includes(s.name)).map((s) => s.name);
      if (missing.length)
        throw new ModelLoadFailedError(
          m.name,
          `manifest names ${kind}s ${missing.join(', ')} that the model does not have (it has ${names.join(', ')})`,
        );
    }
    // Warm-up: the first run allocates and tunes; doing it here keeps that cost off the first
    // customer's bill, and its duration seeds the queue's service-time estimate.
    const feeds = Object.fromEntries(m.inputs.map((s) => [s.name, toOrt(zeroTensor(s))]));
    const t0 = performance.now();
    try {
      await session.run(feeds);
    } catch (err) {
      throw new ModelLoadFailedError(m.name, `warm-up run failed: ${describeError(err)}`, err);
    }
    return { session, warmMs: performance.now() - t0 };
  } catch (err) {
    await session.release();
    throw err;
  }
}
