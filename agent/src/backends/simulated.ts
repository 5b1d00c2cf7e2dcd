import { setTimeout as delay } from 'node:timers/promises';
import type { InferenceBackend } from './backend.js';
import { TensorsNotSupportedError } from './errors.js';

/** A simulated accelerator: configurable latency, deterministic output. For tests, the demo and the fleet simulator. */
export function simulatedBackend(o: {
  latencyMs: number;
  jitterMs: number;
  outputTokens: number;
  random?: () => number;
}): InferenceBackend {
  const rnd = o.random ?? Math.random;
  return {
    kind: 'simulated',
    async infer(req) {
      if (req.tensors?.length) throw new TensorsNotSupportedError('simulated');
      const ms = Math.max(0, o.latencyMs + (rnd() * 2 - 1) * o.jitterMs);
      const t0 = performance.now();
      // Like a real accelerator's run, simulated work that has started is not interrupted when its
      // caller goes away (a hedge answered elsewhere): it completes and is billed for what ran.
      await delay(ms);
      const n = Math.min(req.maxOutputTokens || o.outputTokens, o.outputTokens);
      const words = req.input.split(/\s+/).filter(Boolean);
      const output = Array.from(
        { length: n },
        (_, i) => words[i % Math.max(1, words.length)] ?? 'tok',
      ).join(' ');
      return { output: `[${req.model}] ${output}`, computeMs: performance.now() - t0 };
    },
  };
}
