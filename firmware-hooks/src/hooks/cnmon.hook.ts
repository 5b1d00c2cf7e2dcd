import type { HookDefinition } from '../hook.js';
import { toolHook } from '../hook.js';
import { parseCnmon } from '../parsers/cnmon.js';

/** Cambricon MLUs via the default `cnmon` table (CNMON v4 and v5 layouts). */
export const hook: HookDefinition = {
  name: 'cnmon',
  description: 'Cambricon MLUs via the cnmon table',
  tools: ['cnmon'],
  extraDirs: ['/usr/local/neuware/bin'],
  create: (options) =>
    toolHook({
      name: 'cnmon',
      command: 'cnmon',
      options,
      collect: async (run) => ({ accelerators: parseCnmon(await run([])) }),
    }),
};
