import { afterAll, describe, expect, it } from 'vitest';
import { NVIDIA_CSV_ARGS } from '../parsers/nvidia-smi-csv.js';
import { createHook } from '../registry.js';
import { captureSection, fixture, fixturePath } from '../test-support/fixtures.js';
import { fakeTool, textFile } from '../test-support/hooks.js';
import { scriptDir } from '../test-support/scripts.js';

const tmp = scriptDir();
afterAll(() => tmp.remove());
const query = NVIDIA_CSV_ARGS.join(' ');
const listing = textFile(
  tmp.dir,
  'list.txt',
  captureSection(
    fixture('nvidia-smi', 'h100-80gb-hbm3-mig-capture-590.48.01.txt'),
    'nvidia-smi -L',
  ),
);

describe('nvidia-smi hook', () => {
  it('queries the CSV fields and skips nvidia-smi -L when no GPU has MIG', async () => {
    const tool = fakeTool(tmp.dir, 'nvidia-smi-plain', {
      [query]: fixturePath('nvidia-smi', 'h100-80gb-hbm3-load-query-gpu.csv'),
    });
    const reading = await createHook('nvidia-smi', { command: tool.command }).collect();
    expect(reading.hook).toBe('nvidia-smi');
    expect(
      reading.accelerators.map((a) => [a.model, a.utilization_pct, a.power_w, a.slots_total]),
    ).toEqual([['NVIDIA H100 80GB HBM3', 100, 631.95, 1]]);
    expect(tool.calls()).toEqual([query]);
  });

  it('counts MIG instances with nvidia-smi -L when MIG is on', async () => {
    const tool = fakeTool(tmp.dir, 'nvidia-smi-mig', {
      [query]: fixturePath('nvidia-smi', 'h100-80gb-hbm3-mig-load-query-gpu.csv'),
      '-L': listing,
    });
    const reading = await createHook('nvidia-smi', { command: tool.command }).collect();
    expect(reading.accelerators[0]).toMatchObject({
      isolation: 'mig',
      slots_total: 4,
      slots_free: 4,
      utilization_pct: -1,
      memory_used_mib: 11125,
    });
    expect(tool.calls()).toEqual([query, '-L']);
  });

  it('reads -q -x with format: xml', async () => {
    const tool = fakeTool(tmp.dir, 'nvidia-smi-xml', {
      '-q -x': fixturePath('nvidia-smi', 'a100-sxm4-80gb-mig-q-x.xml'),
    });
    const reading = await createHook('nvidia-smi', {
      command: tool.command,
      format: 'xml',
    }).collect();
    expect(reading.accelerators[0]).toMatchObject({
      model: 'NVIDIA A100-SXM4-80GB',
      serial: '1650522003820',
      slots_total: 4,
      temperature_c: 27,
      power_w: 67.03,
    });
    expect(tool.calls()).toEqual(['-q -x']);
  });
});
