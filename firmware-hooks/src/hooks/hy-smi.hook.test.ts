import { afterAll, describe, expect, it } from 'vitest';
import { createHook } from '../registry.js';
import { fixturePath } from '../test-support/fixtures.js';
import { fakeTool } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('hy-smi hook', () => {
  it('reads the hy-smi table, profiled with the operator-given model', async () => {
    const tool = fakeTool(tmp.dir, 'hy-smi', {
      '': fixturePath('hy-smi', 'yunion-telegraf-hygon-hy-smi.txt'),
    });
    const reading = await createHook('hy-smi', { command: tool.command, model: 'K100' }).collect();
    expect(reading.accelerators).toHaveLength(8);
    expect(reading.accelerators[7]).toMatchObject({
      index: '7',
      model: 'K100',
      profile_id: 'hygon-k100',
      power_w: 82,
      temperature_c: 53,
      domestic: true,
    });
  });

  it('reads Hygon DTK rocm-smi, as a table and as JSON, recognising the format', async () => {
    const table = fakeTool(tmp.dir, 'rocm-smi-table', {
      '': fixturePath('hy-smi', 'paddle-docs-hygon-dcu-rocm-smi.txt'),
    });
    expect(
      (await createHook('hy-smi', { command: table.command }).collect()).accelerators.map(
        (a) => a.power_w,
      ),
    ).toEqual([38, 41, 38, 39]);
    const json = fakeTool(tmp.dir, 'rocm-smi-json', {
      '--showuse --json': fixturePath('hy-smi', 'gpustack-hygon-dcu-rocm-smi.json'),
    });
    const [dcu] = (
      await createHook('hy-smi', {
        command: json.command,
        args: ['--showuse', '--json'],
        model: 'K100',
      }).collect()
    ).accelerators;
    expect(dcu).toMatchObject({
      model: 'K100',
      profile_id: 'hygon-k100',
      multiplier: 0.1011,
      serial: 'TPXxxxx',
      memory_total_mib: 65520,
      power_w: 80,
    });
  });
});
