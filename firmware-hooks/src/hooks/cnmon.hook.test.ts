import { afterAll, describe, expect, it } from 'vitest';
import { createHook } from '../registry.js';
import { fixturePath } from '../test-support/fixtures.js';
import { fakeTool } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('cnmon hook', () => {
  it('runs cnmon without arguments', async () => {
    const tool = fakeTool(tmp.dir, 'cnmon', {
      '': fixturePath('cnmon', 'paddle-docs-mlu370-x4-cnmon-v4.20.11.txt'),
    });
    const reading = await createHook('cnmon', { command: tool.command }).collect();
    expect(reading.accelerators.map((a) => [a.index, a.model, a.power_w, a.temperature_c])).toEqual(
      [
        ['0', 'MLU370-X4', 30, 32],
        ['1', 'MLU370-X4', 25, 33],
        ['2', 'MLU370-X4', 26, 30],
      ],
    );
    expect(tool.calls()).toEqual(['']); // one call, no arguments
  });
});
