import { describe, expect, it } from 'vitest';
import { applyCompute, emptyCompute } from './site-compute.js';

describe('applyCompute', () => {
  it('takes the interval figures of the models that ran and keeps the last figures of idle ones', () => {
    const first = applyCompute(
      emptyCompute(),
      {
        backend: 'onnx',
        execution_provider: 'cuda',
        interval_ms: 1000,
        models: [
          { model: 'ppocr-cls', requests: 4, p50_ms: 1.2, p95_ms: 2.5, max_ms: 3 },
          { model: 'ppocr-det', requests: 1, p50_ms: 9, p95_ms: 9, max_ms: 9 },
        ],
      },
      5000,
    );
    expect(first).toMatchObject({
      backend: 'onnx',
      executionProvider: 'cuda',
      simulated: false,
      intervalMs: 1000,
      updatedMs: 5000,
    });
    const second = applyCompute(
      first,
      {
        backend: 'onnx',
        execution_provider: 'cuda',
        interval_ms: 1000,
        models: [{ model: 'ppocr-cls', requests: 2, p50_ms: 1, p95_ms: 1.1, max_ms: 1.1 }],
      },
      6000,
    );
    expect(second.models).toEqual({
      'ppocr-cls': {
        model: 'ppocr-cls',
        requests: 2,
        totalRequests: 6,
        p50Ms: 1,
        p95Ms: 1.1,
        maxMs: 1.1,
        measuredAtMs: 6000,
      },
      'ppocr-det': {
        model: 'ppocr-det',
        requests: 0,
        totalRequests: 1,
        p50Ms: 9,
        p95Ms: 9,
        maxMs: 9,
        measuredAtMs: 5000,
      },
    });
    expect(first.models['ppocr-cls']?.requests).toBe(4); // the previous view is not changed
  });

  it('marks the simulated backend as such and skips nameless or empty rows', () => {
    const c = applyCompute(
      emptyCompute(),
      {
        backend: 'simulated',
        models: [
          { model: '', requests: 3, p50_ms: 5 },
          { model: 'llama-3-8b', requests: 0 },
        ],
      },
      1,
    );
    expect(c).toMatchObject({ backend: 'simulated', simulated: true, models: {} });
  });
});
