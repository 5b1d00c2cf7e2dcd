import { afterAll, describe, expect, it } from 'vitest';
import { createHook } from '../registry.js';
import { fixturePath } from '../test-support/fixtures.js';
import { fakeTool } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('amd-smi hook', () => {
  const tool = fakeTool(tmp.dir, 'amd-smi', {
    'metric -p --json': fixturePath('amd-smi', 'amdsmi-changelog-metric-p-json.json'),
    'metric --power': fixturePath('amd-smi', 'amdsmi-changelog-metric-power.txt'),
  });

  it('reads power from amd-smi metric -p --json', async () => {
    const reading = await createHook('amd-smi', { command: tool.command }).collect();
    expect(reading.accelerators.map((a) => [a.index, a.power_w, a.profile_id])).toEqual([
      ['0', 10, 'unknown'],
    ]);
  });

  it('reads the text format with the operator-given model', async () => {
    const reading = await createHook('amd-smi', {
      command: tool.command,
      format: 'text',
      model: 'AMD Instinct MI250X',
    }).collect();
    expect(reading.accelerators.map((a) => [a.index, a.power_w, a.profile_id])).toEqual([
      ['0', 11, 'mi250x'],
      ['1', 17, 'mi250x'],
    ]);
    expect(tool.calls().slice(-1)).toEqual(['metric --power']);
  });
});
