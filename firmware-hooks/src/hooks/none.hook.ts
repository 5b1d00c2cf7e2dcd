import type { HookDefinition } from '../hook.js';
import { HookOptions } from '../hook.js';
import type { FirmwareHook } from '../types.js';

const NAME = 'none';

/**
 * A host without accelerators (or whose vendor tool is not installed): it reports none, so the
 * site admits no lease. What an agent uses when `hook.name` is `auto` and no vendor tool is found,
 * instead of the simulated `fake` hook, so that a real site never reports simulated hardware.
 */
export const hook: HookDefinition = {
  name: NAME,
  description: 'No accelerators (CPU-only host, or no vendor tool installed): reports none',
  tools: [],
  create(options): FirmwareHook {
    new HookOptions(NAME, options).only([]);
    return {
      name: NAME,
      collect: () => Promise.resolve({ hook: NAME, accelerators: [] }),
    };
  },
};
