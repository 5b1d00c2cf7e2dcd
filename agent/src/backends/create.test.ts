import { describe, expect, it } from 'vitest';
import { agentConfigSchema } from '../config.js';
import { createBackend } from './create.js';

const backendSchema = agentConfigSchema.shape.backend;
const tensor = { name: 'x', datatype: 'FP32', shape: [1], data: new Uint8Array(4) };

describe('createBackend', () => {
  it("builds the ONNX backend from `{ kind: 'onnx' }` with the shipped models and the defaults", async () => {
    const cfg = backendSchema.parse({ kind: 'onnx', executionProvider: 'cpu' });
    expect(cfg).toEqual({ kind: 'onnx', executionProvider: 'cpu', concurrency: 1, maxQueued: 16 });
    const b = await createBackend(cfg);
    try {
      expect(b.kind).toBe('onnx');
      expect(b.models).toEqual(['ppocr-cls', 'ppocr-det', 'ppocr-rec']);
    } finally {
      await b.close?.();
    }
  });

  it('refuses to start the ONNX backend on a model directory with no model (NO_MODELS_LOADED)', async () => {
    await expect(
      createBackend(
        backendSchema.parse({
          kind: 'onnx',
          executionProvider: 'cpu',
          modelDir: import.meta.dirname,
        }),
      ),
    ).rejects.toMatchObject({ code: 'NO_MODELS_LOADED' });
  });

  it('the text backends refuse tensors with TENSORS_NOT_SUPPORTED and advertise no model list of their own', async () => {
    const sim = await createBackend(
      backendSchema.parse({ kind: 'simulated', latencyMs: 0, jitterMs: 0 }),
    );
    expect(sim.models).toBeUndefined();
    await expect(
      sim.infer({ model: 'm', input: '', maxOutputTokens: 1, tensors: [tensor] }),
    ).rejects.toMatchObject({ code: 'TENSORS_NOT_SUPPORTED' });
    const http = await createBackend(
      backendSchema.parse({ kind: 'http', url: 'http://127.0.0.1:9' }),
    );
    await expect(
      http.infer({ model: 'm', input: '', maxOutputTokens: 1, tensors: [tensor] }),
    ).rejects.toMatchObject({ code: 'TENSORS_NOT_SUPPORTED' });
  });
});
