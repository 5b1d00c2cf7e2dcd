import type { HookDefinition } from '../hook.js';
import { HookOptions, toolHook } from '../hook.js';
import { parseIpmiPower, sitePowerW } from '../parsers/ipmi-power.js';

const ARGS = {
  ipmitool: ['dcmi', 'power', 'reading'],
  freeipmi: ['--get-system-power-statistics'],
} as const;

/**
 * Whole-site power draw from the BMC over DCMI: `ipmitool dcmi power reading`, or with
 * `variant: 'freeipmi'` FreeIPMI's `ipmi-dcmi --get-system-power-statistics`. Reports
 * `sitePowerW` and no accelerators. Needs /dev/ipmi0 (root or the ipmi group).
 */
export const hook: HookDefinition = {
  name: 'ipmitool',
  description: 'Site power draw from the BMC via ipmitool (or FreeIPMI ipmi-dcmi) DCMI',
  tools: ['ipmitool', 'ipmi-dcmi'],
  detectedOptions: (tool, path) =>
    tool === 'ipmi-dcmi' ? { variant: 'freeipmi', command: path } : {},
  create: (options) => {
    const variant = new HookOptions('ipmitool', options).oneOf(
      'variant',
      ['ipmitool', 'freeipmi'],
      'ipmitool',
    );
    return toolHook({
      name: 'ipmitool',
      command: variant === 'freeipmi' ? 'ipmi-dcmi' : 'ipmitool',
      options,
      extraOptions: ['variant'],
      async collect(run) {
        const watts = sitePowerW(parseIpmiPower(await run(ARGS[variant])));
        return watts === undefined ? { accelerators: [] } : { accelerators: [], sitePowerW: watts };
      },
    });
  },
};
