import { describe, expect, it } from 'vitest';
import { agentConfigSchema } from '../config.js';
import { createBackend } from './create.js';

const backendSchema = agentConfigSchema.shape.backend;
const tensor = { name: 'x', datatype: 'FP32', shape: [1], data: new Uint8Array(4) };

describe('createBackend', () => {
  it("builds the ONNX backend from `{ kind: 'onnx' }` with the shipped models and the defaults", async () => {
    const cfg = backendSchema.parse({ kind: 'onnx', executionProvider: 'cpu' });
    expect(cfg).toEqual({
      kind: 'onnx',
      executionProvider: 'cpu',
      concurrency: 1,
      maxQueued: 16,
      runIn: 'auto',
    });
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

  it('the simulated backend refuses tensors with TENSORS_NOT_SUPPORTED and advertises no model list of its own', async () => {
    const sim = await createBackend(
      backendSchema.parse({ kind: 'simulated', latencyMs: 0, jitterMs: 0 }),
    );
    expect(sim.models).toBeUndefined();
    await expect(
      sim.infer({ model: 'm', input: '', maxOutputTokens: 1, tensors: [tensor] }),
    ).rejects.toMatchObject({ code: 'TENSORS_NOT_SUPPORTED' });
  });

  it('builds the HTTP backend from its config: upstream down at start = nothing advertised, not ready, UPSTREAM_UNAVAILABLE', async () => {
    const cfg = backendSchema.parse({ kind: 'http', url: 'http://127.0.0.1:9' });
    expect(cfg).toMatchObject({
      flavor: 'openai',
      discoveryIntervalMs: 10_000,
      maxOutputTokens: 256,
    });
    const http = await createBackend(cfg);
    try {
      expect(http.kind).toBe('http-openai');
      expect(http.models).toEqual([]);
      expect(http.health?.()).toMatch(/127\.0\.0\.1:9/);
      await expect(
        http.infer({ model: 'm', input: 'hi', maxOutputTokens: 1 }),
      ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      await http.close?.();
    }
  });

  it('refuses a KServe v2 backend without a model list (the protocol cannot list them)', () => {
    const r = backendSchema.safeParse({
      kind: 'http',
      url: 'http://127.0.0.1:9',
      flavor: 'kserve-v2',
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/models.*required with flavor kserve-v2/);
  });
});
