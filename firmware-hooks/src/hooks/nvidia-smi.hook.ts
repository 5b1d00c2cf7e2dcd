import type { HookDefinition } from '../hook.js';
import { HookOptions, toolHook } from '../hook.js';
import { NVIDIA_CSV_ARGS, parseNvidiaSmiCsv } from '../parsers/nvidia-smi-csv.js';
import { migInstanceMap, parseNvidiaSmiList } from '../parsers/nvidia-smi-list.js';
import { parseNvidiaSmiXml } from '../parsers/nvidia-smi-xml.js';

/**
 * NVIDIA GPUs. Options: `format` 'csv' (default: `--query-gpu` with a short field list, plus
 * `nvidia-smi -L` only when a GPU has MIG on, to count its instances) or 'xml' (`-q -x`: also
 * tells which MIG instances run processes, but is several times slower on big hosts).
 */
export const hook: HookDefinition = {
  name: 'nvidia-smi',
  description: 'NVIDIA GPUs via nvidia-smi (CSV query or -q -x XML), MIG instances as slots',
  tools: ['nvidia-smi'],
  create: (options) => {
    const format = new HookOptions('nvidia-smi', options).oneOf('format', ['csv', 'xml'], 'csv');
    return toolHook({
      name: 'nvidia-smi',
      command: 'nvidia-smi',
      options,
      extraOptions: ['format'],
      async collect(run) {
        if (format === 'xml') return { accelerators: parseNvidiaSmiXml(await run(['-q', '-x'])) };
        const csv = await run(NVIDIA_CSV_ARGS);
        const first = parseNvidiaSmiCsv(csv);
        if (!first.some((g) => g.isolation === 'mig')) return { accelerators: first };
        return {
          accelerators: parseNvidiaSmiCsv(
            csv,
            migInstanceMap(parseNvidiaSmiList(await run(['-L']))),
          ),
        };
      },
    });
  },
};
