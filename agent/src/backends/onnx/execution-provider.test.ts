import { describe, expect, it } from 'vitest';
import { pickExecutionProvider } from './execution-provider.js';

const host = (nvidiaGpu: boolean, cudaProvider: boolean) => ({
  nvidiaGpu: () => nvidiaGpu,
  cudaProvider: () => cudaProvider,
});

describe('pickExecutionProvider', () => {
  it('picks CUDA on an NVIDIA host whose onnxruntime-node has the CUDA provider', () => {
    expect(pickExecutionProvider('auto', host(true, true)).provider).toBe('cuda');
  });
  it('falls back to the CPU, saying why, without a GPU or without the provider library', () => {
    expect(pickExecutionProvider('auto', host(false, true))).toEqual({
      provider: 'cpu',
      reason: 'no NVIDIA GPU driver found',
    });
    expect(pickExecutionProvider('auto', host(true, false)).reason).toMatch(
      /without its CUDA provider/,
    );
  });
  it('refuses an explicit cuda that cannot work, and honours an explicit cpu on a GPU host', () => {
    expect(() => pickExecutionProvider('cuda', host(true, false))).toThrow(
      expect.objectContaining({ code: 'EXECUTION_PROVIDER_UNAVAILABLE' }) as Error,
    );
    expect(pickExecutionProvider('cpu', host(true, true)).provider).toBe('cpu');
  });
});
