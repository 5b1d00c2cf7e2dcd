import { afterAll, describe, expect, it } from 'vitest';
import { createHook } from '../registry.js';
import { fixturePath } from '../test-support/fixtures.js';
import { fakeTool } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('ipmitool hook', () => {
  it('reports the site power from ipmitool dcmi power reading and no accelerators', async () => {
    const tool = fakeTool(tmp.dir, 'ipmitool', {
      'dcmi power reading': fixturePath('ipmitool', 'ceems-ipmitool-dcmi-power-reading.txt'),
    });
    await expect(createHook('ipmitool', { command: tool.command }).collect()).resolves.toEqual({
      hook: 'ipmitool',
      accelerators: [],
      sitePowerW: 2578,
    });
  });

  it('runs FreeIPMI ipmi-dcmi with variant: freeipmi', async () => {
    const tool = fakeTool(tmp.dir, 'ipmi-dcmi', {
      '--get-system-power-statistics': fixturePath(
        'ipmitool',
        'canonical-hw-exporter-freeipmi-ipmi-dcmi-power-stats.txt',
      ),
    });
    await expect(
      createHook('ipmitool', { command: tool.command, variant: 'freeipmi' }).collect(),
    ).resolves.toEqual({ hook: 'ipmitool', accelerators: [], sitePowerW: 105 });
  });
});
