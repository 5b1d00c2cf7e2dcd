import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { captureSection, fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseNvidiaSmiCsv } from './nvidia-smi-csv.js';
import { migInstanceMap, parseNvidiaSmiList } from './nvidia-smi-list.js';

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
    const [gpu] = parseNvidiaSmiCsv(
      h100Mig,
      new Map([['GPU-00000000-0000-0000-0000-000000000000', 4]]),
    );
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

  it('sizes each MIG instance by its compute slices of the H100 (3g = 3/7), not 1 / 4 instances', () => {
    const listed = migInstanceMap(
      parseNvidiaSmiList(
        captureSection(
          fixture('nvidia-smi', 'h100-80gb-hbm3-mig-capture-590.48.01.txt'),
          'nvidia-smi -L',
        ),
      ),
    );
    const [gpu] = parseNvidiaSmiCsv(h100Mig, listed);
    expect(gpu).toMatchObject({
      isolation: 'mig',
      slots_total: 4,
      slots_free: 4,
      profile_id: 'h100-80gb-sxm',
      pci_device_id: '10de:2330',
    });
    expect(gpu?.mig).toEqual([
      {
        profile: '3g.40gb',
        uuid: 'MIG-00000000-0000-0000-0000-000000000000',
        gpu_instance_id: '',
        compute_instance_id: '',
        slices: 3,
        fraction: 3 / 7,
      },
      {
        profile: '2g.20gb',
        uuid: 'MIG-00000001-0000-0000-0000-000000000001',
        gpu_instance_id: '',
        compute_instance_id: '',
        slices: 2,
        fraction: 2 / 7,
      },
      {
        profile: '1g.10gb',
        uuid: 'MIG-00000002-0000-0000-0000-000000000002',
        gpu_instance_id: '',
        compute_instance_id: '',
        slices: 1,
        fraction: 1 / 7,
      },
      {
        profile: '1g.10gb',
        uuid: 'MIG-00000003-0000-0000-0000-000000000003',
        gpu_instance_id: '',
        compute_instance_id: '',
        slices: 1,
        fraction: 1 / 7,
      },
    ]);
    // 7 of 7 slices are carved out here; the fractions add up to the whole GPU, not more.
    expect((gpu?.mig ?? []).reduce((t, m) => t + (m.fraction ?? 0), 0)).toBeCloseTo(1, 10);
  });

  it('leaves the instances unlisted when only their count is known', () => {
    const [gpu] = parseNvidiaSmiCsv(h100Mig, new Map([['0', 4]]));
    expect(gpu).toMatchObject({ slots_total: 4 });
    expect(gpu).not.toHaveProperty('mig');
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
    expect(
      gpus.map((g) => [g.index, g.serial, g.profile_id, g.power_w, g.utilization_pct]),
    ).toEqual([
      ['0', 'GPU-a', 'l4', 16.29, 7],
      ['1', '1324', 'a100-40gb', -1, 0],
    ]);
  });

  it('throws HookParseError with an excerpt on a ragged row or a missing header', () => {
    expect(() =>
      parseNvidiaSmiCsv('name, memory.total [MiB]\nNVIDIA L4, 23034 MiB, extra'),
    ).toThrow(HookParseError);
    expect(() =>
      parseNvidiaSmiCsv('Failed to initialize NVML: Driver/library version mismatch'),
    ).toThrow(/unexpected output.*Failed to initialize NVML/);
    expect(() => parseNvidiaSmiCsv('name, memory.total [MiB]\nNVIDIA L4, lots')).toThrow(
      /memory.total is not a number/,
    );
  });

  it('never crashes on garbage', () => {
    fuzzParser('nvidia-smi', (t) => parseNvidiaSmiCsv(t), [h100, h100Mig]);
  });
});
