import type { HookDefinition } from '../hook.js';
import { toolHook } from '../hook.js';
import { parseRocmSmiJson, ROCM_SMI_ARGS } from '../parsers/rocm-smi-json.js';

/**
 * AMD Instinct GPUs via `rocm-smi ... --json` (ROCm 5.7 and 6.x). On a Hygon host, Hygon's
 * rocm-smi answers the same flags; devices are then reported as vendor `hygon`.
 */
export const hook: HookDefinition = {
  name: 'rocm-smi',
  description: 'AMD GPUs (and Hygon DCUs) via rocm-smi --json',
  tools: ['rocm-smi'],
  extraDirs: ['/opt/rocm/bin'],
  create: (options) =>
    toolHook({
      name: 'rocm-smi',
      command: 'rocm-smi',
      options,
      collect: async (run) => ({ accelerators: parseRocmSmiJson(await run(ROCM_SMI_ARGS)) }),
    }),
};
