import { afterAll, describe, expect, it } from 'vitest';
import { ROCM_SMI_ARGS } from '../parsers/rocm-smi-json.js';
import { createHook } from '../registry.js';
import { fixturePath } from '../test-support/fixtures.js';
import { fakeTool } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('rocm-smi hook', () => {
  it('runs rocm-smi with the JSON flags and reads AMD cards', async () => {
    const tool = fakeTool(tmp.dir, 'rocm-smi', {
      [ROCM_SMI_ARGS.join(' ')]: fixturePath('rocm-smi', 'mi100-rocm602.json'),
    });
    const reading = await createHook('rocm-smi', { command: tool.command }).collect();
    expect(reading.accelerators.map((a) => [a.vendor, a.profile_id, a.power_w])).toEqual([
      ['amd', 'mi100', 36],
      ['amd', 'mi100', 44],
      ['amd', 'mi100', 43],
      ['amd', 'mi100', 39],
    ]);
    expect(tool.calls()).toEqual([ROCM_SMI_ARGS.join(' ')]);
  });

  it('reports Hygon DTK rocm-smi devices as hygon', async () => {
    const tool = fakeTool(tmp.dir, 'rocm-smi-hygon', {
      '*': fixturePath('hy-smi', 'gpustack-hygon-dcu-rocm-smi.json'),
    });
    const reading = await createHook('rocm-smi', { command: tool.command }).collect();
    expect(reading.accelerators.map((a) => [a.vendor, a.domestic, a.memory_total_mib])).toEqual([
      ['hygon', true, 65520],
    ]);
  });
});
