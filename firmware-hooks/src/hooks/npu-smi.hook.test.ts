import { afterAll, describe, expect, it } from 'vitest';
import { createHook } from '../registry.js';
import { fixture, fixturePath } from '../test-support/fixtures.js';
import { fakeTool, textFile } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('npu-smi hook', () => {
  it('runs npu-smi info', async () => {
    const tool = fakeTool(tmp.dir, 'npu-smi', {
      info: fixturePath('npu-smi', 'paddle-docs-910b2c-npu-smi-info.txt'),
    });
    const reading = await createHook('npu-smi', { command: tool.command }).collect();
    expect(
      reading.accelerators.map((a) => [a.index, a.model, a.serial, a.memory_used_mib, a.domestic]),
    ).toEqual([
      ['0', 'Ascend 910B2C', 'pci:0000:5A:00.0', 3317, true],
      ['1', 'Ascend 910B2C', 'pci:0000:29:00.0', 3316, true],
    ]);
    expect(tool.calls()).toEqual(['info']);
  });

  it('fills board serials once per card with serials: true', async () => {
    const board0 = fixturePath('npu-smi', 'yunion-telegraf-910b-info-t-board.txt');
    const board1 = textFile(
      tmp.dir,
      'board1.txt',
      fixture('npu-smi', 'yunion-telegraf-910b-info-t-board.txt').replace(
        '1025C9048791',
        '1025C9048792',
      ),
    );
    const tool = fakeTool(tmp.dir, 'npu-smi-serials', {
      info: fixturePath('npu-smi', 'paddle-docs-910b2c-npu-smi-info.txt'),
      'info -t board -i 0': board0,
      'info -t board -i 1': board1,
    });
    const reading = await createHook('npu-smi', { command: tool.command, serials: true }).collect();
    expect(reading.accelerators.map((a) => a.serial)).toEqual(['1025C9048791', '1025C9048792']);
    expect(tool.calls()).toEqual(['info', 'info -t board -i 0', 'info -t board -i 1']);
  });

  it('asks each Atlas 300 card for its board once, by NPU id, and numbers its chips', async () => {
    const tool = fakeTool(tmp.dir, 'npu-smi-310', {
      info: fixturePath('npu-smi', 'matpool-atlas300-310-npu-smi-info.txt'),
      '*': fixturePath('npu-smi', 'yunion-telegraf-910b-info-t-board.txt'),
    });
    const reading = await createHook('npu-smi', { command: tool.command, serials: true }).collect();
    expect(tool.calls()).toEqual([
      'info',
      'info -t board -i 1',
      'info -t board -i 3',
      'info -t board -i 4',
      'info -t board -i 6',
    ]);
    expect(reading.accelerators.slice(0, 5).map((a) => a.serial)).toEqual([
      '1025C9048791/0',
      '1025C9048791/1',
      '1025C9048791/2',
      '1025C9048791/3',
      '1025C9048791/0',
    ]);
  });
});
