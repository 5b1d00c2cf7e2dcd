import { describe, expect, it } from 'vitest';
import { agentConfigSchema } from './config.js';
import { simBackendFor } from './sim.js';

const base = {
  siteId: 'eu-central-0000',
  secret: 'sim-test-secret-0123456789',
  coordinator: { grpc: '127.0.0.1:1' },
  mqtt: { url: 'mqtt://127.0.0.1:1' },
};

describe('simBackendFor', () => {
  it('gives the first N sites the ONNX backend on the shipped models, the rest the simulated one', () => {
    const onnx = { sites: 2, only: ['ppocr-cls'] };
    const backends = [0, 1, 2, 3].map((i) => simBackendFor(i, 7, onnx));
    expect(backends.map((b) => b.kind)).toEqual(['onnx', 'onnx', 'simulated', 'simulated']);
    const cfg = agentConfigSchema.parse({ ...base, backend: backends[0] });
    expect(cfg.backend).toMatchObject({
      kind: 'onnx',
      executionProvider: 'auto',
      intraOpThreads: 1,
      only: ['ppocr-cls'],
    });
    expect(agentConfigSchema.parse({ ...base, backend: backends[2] }).backend).toMatchObject({
      kind: 'simulated',
      latencyMs: 7,
    });
  });

  it('without ONNX sites every site is simulated', () => {
    expect(simBackendFor(0, 5, undefined).kind).toBe('simulated');
    expect(simBackendFor(0, 5, { sites: 0 }).kind).toBe('simulated');
  });
});
