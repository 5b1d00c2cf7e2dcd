import type { Logger } from '@edgefleet/common';
import type { AgentConfig } from '../config.js';
import type { InferenceBackend } from './backend.js';
import { createHttpBackend } from './http/index.js';
import { simulatedBackend } from './simulated.js';

/**
 * The backend the configuration names. The ONNX one loads, hash-checks and warms its models first
 * (and refuses to start with none); the HTTP one discovers what its upstream serves first. ONNX
 * Runtime is imported only here, for the ONNX backend: an agent on the simulated or HTTP backend
 * never loads or maps its native library (tens of MiB of RSS; docs/benchmarks.md "Idle footprint").
 */
export async function createBackend(
  cfg: AgentConfig['backend'],
  log?: Logger,
): Promise<InferenceBackend> {
  switch (cfg.kind) {
    case 'simulated':
      return simulatedBackend(cfg);
    case 'http':
      return createHttpBackend({
        url: cfg.url,
        flavor: cfg.flavor,
        timeoutMs: cfg.timeoutMs,
        models: cfg.models,
        discoveryIntervalMs: cfg.discoveryIntervalMs,
        defaultMaxOutputTokens: cfg.maxOutputTokens,
        maxInputBytes: cfg.maxInputBytes,
        ...(log ? { log } : {}),
      });
    case 'onnx': {
      const { createOnnxBackend } = await import('./onnx/index.js');
      return createOnnxBackend({
        ...(cfg.modelDir ? { modelDir: cfg.modelDir } : {}),
        executionProvider: cfg.executionProvider,
        concurrency: cfg.concurrency,
        maxQueued: cfg.maxQueued,
        ...(cfg.intraOpThreads ? { intraOpThreads: cfg.intraOpThreads } : {}),
        ...(cfg.only ? { only: cfg.only } : {}),
        runIn: cfg.runIn,
        ...(log ? { log } : {}),
      });
    }
  }
}
