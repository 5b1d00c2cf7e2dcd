import type { HookDefinition } from '../hook.js';
import { HookOptions, toolHook } from '../hook.js';
import { npuSmiBoardSerial, parseNpuSmiChips } from '../parsers/npu-smi.js';

/**
 * Huawei Ascend NPUs via `npu-smi info`. Option `serials: true` also runs
 * `npu-smi info -t board -i <npu>` once per card to replace the `pci:<bus>` placeholder with the
 * board serial (chips of a multi-chip card get `<serial>/<chip>`).
 */
export const hook: HookDefinition = {
  name: 'npu-smi',
  description: 'Huawei Ascend NPUs via npu-smi info (910/910B and Atlas 300/310 layouts)',
  tools: ['npu-smi'],
  extraDirs: ['/usr/local/sbin', '/usr/local/Ascend/driver/tools'],
  create: (options) => {
    const serials = new HookOptions('npu-smi', options).boolean('serials', false);
    return toolHook({
      name: 'npu-smi',
      command: 'npu-smi',
      options,
      extraOptions: ['serials'],
      async collect(run) {
        const chips = parseNpuSmiChips(await run(['info']));
        if (serials) {
          const boards = new Map<string, string | undefined>();
          for (const c of chips) {
            if (!boards.has(c.npu))
              boards.set(c.npu, npuSmiBoardSerial(await run(['info', '-t', 'board', '-i', c.npu])));
            const board = boards.get(c.npu);
            if (board) c.accelerator.serial = c.chipsOnNpu > 1 ? `${board}/${c.chip}` : board;
          }
        }
        return { accelerators: chips.map((c) => c.accelerator) };
      },
    });
  },
};
