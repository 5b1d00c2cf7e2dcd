import type { HookDefinition } from '../hook.js';
import { HookOptions, toolHook } from '../hook.js';
import { withModel } from '../hal.js';
import { parseHySmi } from '../parsers/hy-smi.js';
import { parseRocmSmiJson } from '../parsers/rocm-smi-json.js';

/**
 * Hygon DCUs via `hy-smi` (default `/opt/hyhal/bin/hy-smi` or on PATH). The output may be the
 * hy-smi table, Hygon DTK's rocm-smi table (set `command` to that rocm-smi) or its `--json`
 * form (set `args`); the format is recognised from the text. Option `model` (e.g. "K100") names
 * the installed model, which the tables do not print.
 */
export const hook: HookDefinition = {
  name: 'hy-smi',
  description: 'Hygon DCUs via hy-smi (or Hygon DTK rocm-smi, table or JSON)',
  tools: ['hy-smi'],
  extraDirs: ['/opt/hyhal/bin'],
  create: (options) => {
    const o = new HookOptions('hy-smi', options);
    const model = o.string('model');
    const args = o.strings('args') ?? [];
    return toolHook({
      name: 'hy-smi',
      command: 'hy-smi',
      options,
      extraOptions: ['model', 'args'],
      async collect(run) {
        const out = await run(args);
        if (out.trimStart().startsWith('{')) {
          const devices = parseRocmSmiJson(out, 'hy-smi');
          // The JSON names a "Card Series"; the operator's model wins only when that one is unknown (masked, generic).
          return {
            accelerators: model
              ? devices.map((d) => (d.profile_id === 'unknown' ? withModel(d, model) : d))
              : devices,
          };
        }
        return { accelerators: parseHySmi(out, model ? { model } : {}) };
      },
    });
  },
};
