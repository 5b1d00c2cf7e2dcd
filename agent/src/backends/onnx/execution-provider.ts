import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ExecutionProviderUnavailableError } from './errors.js';
import type { ExecutionProvider } from './manifest.js';

export type ProviderChoice = 'auto' | ExecutionProvider;

/** What the host has; injectable so the choice is tested without a GPU. */
export interface HostProbe {
  /** An NVIDIA kernel driver is loaded. */
  nvidiaGpu(): boolean;
  /** This onnxruntime-node install has its CUDA provider library (it is an optional download, see .npmrc). */
  cudaProvider(): boolean;
}

export const hostProbe: HostProbe = {
  nvidiaGpu: () => existsSync('/proc/driver/nvidia/version') || existsSync('/dev/nvidiactl'),
  cudaProvider: () => {
    const dist = dirname(createRequire(import.meta.url).resolve('onnxruntime-node'));
    const lib =
      process.platform === 'win32'
        ? 'onnxruntime_providers_cuda.dll'
        : 'libonnxruntime_providers_cuda.so';
    return existsSync(join(dist, '..', 'bin', 'napi-v6', process.platform, process.arch, lib));
  },
};

/**
 * CUDA on an NVIDIA host whose onnxruntime-node has the CUDA provider, the CPU otherwise. An explicit
 * `cuda` that cannot work refuses (an operator asked for it); `auto` says why it fell back.
 */
export function pickExecutionProvider(
  want: ProviderChoice,
  probe: HostProbe = hostProbe,
): { provider: ExecutionProvider; reason: string } {
  if (want === 'cpu') return { provider: 'cpu', reason: 'configured' };
  const gpu = probe.nvidiaGpu();
  const lib = gpu && probe.cudaProvider();
  if (gpu && lib)
    return {
      provider: 'cuda',
      reason: want === 'cuda' ? 'configured' : 'NVIDIA GPU and the CUDA provider found',
    };
  const why = !gpu
    ? 'no NVIDIA GPU driver found'
    : 'onnxruntime-node was installed without its CUDA provider (install with ONNXRUNTIME_NODE_INSTALL=cuda12)';
  if (want === 'cuda') throw new ExecutionProviderUnavailableError('cuda', why);
  return { provider: 'cpu', reason: why };
}
