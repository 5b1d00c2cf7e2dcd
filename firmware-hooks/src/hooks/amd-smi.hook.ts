import type { HookDefinition } from '../hook.js';
import { HookOptions, toolHook } from '../hook.js';
import { parseAmdSmiMetricJson, parseAmdSmiMetricText } from '../parsers/amd-smi.js';

/**
 * AMD GPUs via `amd-smi metric -p --json` (power only). Options: `format` 'json' (default) or
 * 'text' (`amd-smi metric --power`); `model` names the installed model, since this output has none.
 */
export const hook: HookDefinition = {
  name: 'amd-smi',
  description: 'AMD GPU power via amd-smi metric',
  tools: ['amd-smi'],
  extraDirs: ['/opt/rocm/bin'],
  create: (options) => {
    const o = new HookOptions('amd-smi', options);
    const model = o.string('model');
    const format = o.oneOf('format', ['json', 'text'], 'json');
    const opts = model ? { model } : {};
    return toolHook({
      name: 'amd-smi',
      command: 'amd-smi',
      options,
      extraOptions: ['model', 'format'],
      async collect(run) {
        if (format === 'text')
          return { accelerators: parseAmdSmiMetricText(await run(['metric', '--power']), opts) };
        return { accelerators: parseAmdSmiMetricJson(await run(['metric', '-p', '--json']), opts) };
      },
    });
  },
};
