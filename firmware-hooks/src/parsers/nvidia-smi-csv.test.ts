import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseNvidiaSmiCsv } from './nvidia-smi-csv.js';

const h100 = fixture('nvidia-smi', 'h100-80gb-hbm3-load-query-gpu.csv');
const h100Mig = fixture('nvidia-smi', 'h100-80gb-hbm3-mig-load-query-gpu.csv');

describe('parseNvidiaSmiCsv', () => {
  it('reads the H100 under load by header name out of 212 fields', () => {
    const [gpu, ...rest] = parseNvidiaSmiCsv(h100);
    expect(rest).toHaveLength(0);
    expect(gpu).toEqual({
      vendor: 'nvidia',
      model: 'NVIDIA H100 80GB HBM3',
      serial: '0000000000000',
      index: '0',
      profile_id: 'h100-80gb-sxm',
      memory_total_mib: 81559,
      memory_used_mib: 19818,
      utilization_pct: 100,
      temperature_c: 59,
      power_w: 631.95,
      slots_total: 1,
      slots_free: 1,
      isolation: 'whole',
      multiplier: 1,
      domestic: false,
      pci_device_id: '10de:2330', // pci.device_id 0x233010DE: device 2330, vendor 10DE
    });
  });

  it('reports N/A utilization as -1 and MIG isolation, with slots from nvidia -L', () => {
    const [gpu] = parseNvidiaSmiCsv(h100Mig, new Map([['GPU-00000000-0000-0000-0000-000000000000', 4]]));
    expect(gpu).toMatchObject({
      utilization_pct: -1,
      memory_used_mib: 11125,
      memory_total_mib: 81559,
      temperature_c: 53,
      power_w: 433.78,
      isolation: 'mig',
      slots_total: 4,
      slots_free: 4,
    });
  });

  it('advertises no MIG slots when the MIG layout is unknown', () => {
    const [gpu] = parseNvidiaSmiCsv(h100Mig);
    expect(gpu).toMatchObject({ isolation: 'mig', slots_total: 0, slots_free: 0 });
  });

  it('accepts the nounits format and the short field list the hook queries', () => {
    const text = [
      'index, uuid, serial, name, pci.bus_id, memory.total [MiB], memory.used [MiB], utilization.gpu [%], temperature.gpu, power.draw [W], mig.mode.current',
      '0, GPU-a, [N/A], NVIDIA L4, 00000000:01:00.0, 23034, 1, 7, 41, 16.29, [N/A]',
      '1, GPU-b, 1324, NVIDIA A100-SXM4-40GB, 00000000:02:00.0, 40960, 4, 0, 30, [N/A], Disabled',
    ].join('\n');
    const gpus = parseNvidiaSmiCsv(text);
    expect(gpus.map((g) => [g.index, g.serial, g.profile_id, g.power_w, g.utilization_pct])).toEqual([
      ['0', 'GPU-a', 'l4', 16.29, 7],
      ['1', '1324', 'a100-40gb', -1, 0],
    ]);
  });

  it('throws HookParseError with an excerpt on a ragged row or a missing header', () => {
    expect(() => parseNvidiaSmiCsv('name, memory.total [MiB]\nNVIDIA L4, 23034 MiB, extra')).toThrow(HookParseError);
    expect(() => parseNvidiaSmiCsv('Failed to initialize NVML: Driver/library version mismatch')).toThrow(/unexpected output.*Failed to initialize NVML/);
    expect(() => parseNvidiaSmiCsv('name, memory.total [MiB]\nNVIDIA L4, lots')).toThrow(/memory.total is not a number/);
  });

  it('never crashes on garbage', () => {
    fuzzParser('nvidia-smi', (t) => parseNvidiaSmiCsv(t), [h100, h100Mig]);
  });
});
