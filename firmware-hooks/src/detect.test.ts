import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectHooks } from './detect.js';
import { createHook } from './registry.js';
import { fixturePath } from './test-support/fixtures.js';
import { catScript, scriptDir, writeScript } from './test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());

describe('detectHooks', () => {
  it('finds the vendor tools on PATH, first PATH entry winning, and skips non-executables', async () => {
    const a = join(tmp.dir, 'a');
    const b = join(tmp.dir, 'b');
    mkdirSync(a);
    mkdirSync(b);
    writeScript(a, 'nvidia-smi', 'exit 0');
    writeScript(b, 'nvidia-smi', 'exit 0');
    writeScript(b, 'npu-smi', 'exit 0');
    mkdirSync(join(b, 'cnmon')); // a directory is not a tool
    const found = await detectHooks({
      path: [join(tmp.dir, 'missing'), a, b].join(':'),
      vendorDirs: false,
    });
    expect(found).toEqual([
      {
        hook: 'npu-smi',
        tool: 'npu-smi',
        path: join(b, 'npu-smi'),
        options: { command: join(b, 'npu-smi') },
      },
      {
        hook: 'nvidia-smi',
        tool: 'nvidia-smi',
        path: join(a, 'nvidia-smi'),
        options: { command: join(a, 'nvidia-smi') },
      },
    ]);
  });

  it('picks FreeIPMI ipmi-dcmi when ipmitool is absent, and its options create a working hook', async () => {
    const d = join(tmp.dir, 'freeipmi');
    mkdirSync(d);
    catScript(
      d,
      'ipmi-dcmi',
      fixturePath('ipmitool', 'canonical-hw-exporter-freeipmi-ipmi-dcmi-power-stats.txt'),
    );
    const [found] = await detectHooks({ path: d, vendorDirs: false });
    expect(found).toMatchObject({
      hook: 'ipmitool',
      tool: 'ipmi-dcmi',
      options: { variant: 'freeipmi', command: join(d, 'ipmi-dcmi') },
    });
    if (!found) throw new Error('not found');
    await expect(createHook(found.hook, found.options).collect()).resolves.toEqual({
      hook: 'ipmitool',
      accelerators: [],
      sitePowerW: 105,
    });
  });

  it('finds nothing on an empty PATH and never detects the fake hook', async () => {
    await expect(detectHooks({ path: '', vendorDirs: false })).resolves.toEqual([]);
  });
});
