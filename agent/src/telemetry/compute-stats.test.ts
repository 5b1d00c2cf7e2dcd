import { describe, expect, it } from 'vitest';
import { ComputeStats, MAX_SAMPLES_PER_MODEL, percentile } from './compute-stats.js';

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ceil(p × n)', () => {
    const v = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(10);
    expect(percentile(v, 95)).toBe(19);
    expect(percentile(v, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('ComputeStats', () => {
  it('summarises each model over the interval, then starts a new one', () => {
    let t = 1000;
    const s = new ComputeStats({ kind: 'onnx', executionProvider: 'cpu' }, () => t);
    for (const ms of [4, 1, 3, 2, 10]) s.record('ppocr-cls', ms);
    s.record('ppocr-det', 7.5);
    t = 2500;
    expect(s.drain()).toEqual({
      backend: 'onnx',
      execution_provider: 'cpu',
      interval_ms: 1500,
      models: [
        { model: 'ppocr-cls', requests: 5, p50_ms: 3, p95_ms: 10, max_ms: 10 },
        { model: 'ppocr-det', requests: 1, p50_ms: 7.5, p95_ms: 7.5, max_ms: 7.5 },
      ],
    });
    t = 3500;
    s.record('ppocr-det', 2);
    expect(s.drain()).toEqual({
      backend: 'onnx',
      execution_provider: 'cpu',
      interval_ms: 1000,
      models: [{ model: 'ppocr-det', requests: 1, p50_ms: 2, p95_ms: 2, max_ms: 2 }],
    });
  });

  it('says which backend it is even when nothing ran, and ignores a non-finite time', () => {
    const s = new ComputeStats({ kind: 'simulated' }, () => 0);
    s.record('llama-3-8b', Number.NaN);
    s.record('llama-3-8b', -1);
    expect(s.drain()).toEqual({
      backend: 'simulated',
      execution_provider: '',
      interval_ms: 0,
      models: [],
    });
  });

  it('counts every request past the sample cap; the max still sees them all', () => {
    const s = new ComputeStats({ kind: 'onnx' }, () => 0);
    for (let i = 0; i < MAX_SAMPLES_PER_MODEL + 10; i++) s.record('m', 1);
    s.record('m', 99);
    const [m] = s.drain().models ?? [];
    expect(m).toMatchObject({ requests: MAX_SAMPLES_PER_MODEL + 11, p50_ms: 1, max_ms: 99 });
  });
});
