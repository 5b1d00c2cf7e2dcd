import { describe, expect, it } from 'vitest';
import { hal, validateHal, withModel } from './hal.js';

describe('hal()', () => {
  it('fills profile fields and uses -1 for unknown or impossible readings, never NaN', () => {
    const a = hal({
      vendor: 'nvidia',
      model: ' NVIDIA L4 ',
      index: '0',
      utilizationPct: Number.NaN,
      temperatureC: null,
      powerW: -5,
      memoryTotalMib: 23034.4,
      memoryUsedMib: -1,
    });
    expect(a).toEqual({
      vendor: 'nvidia',
      model: 'NVIDIA L4',
      serial: 'idx:0',
      index: '0',
      profile_id: 'l4',
      memory_total_mib: 23034,
      memory_used_mib: 0,
      utilization_pct: -1,
      temperature_c: -1,
      power_w: -1,
      slots_total: 1,
      slots_free: 1,
      isolation: 'whole',
      multiplier: 0.1223,
      domestic: false,
    });
    expect(validateHal(a)).toEqual([]);
  });

  it('clamps free slots to the total and rejects out-of-range utilization', () => {
    expect(
      hal({
        vendor: 'nvidia',
        model: 'x',
        index: '0',
        slotsTotal: 4,
        slotsFree: 9,
        utilizationPct: 140,
        isolation: 'mig',
      }),
    ).toMatchObject({ slots_total: 4, slots_free: 4, utilization_pct: -1, isolation: 'mig' });
    expect(hal({ vendor: 'nvidia', model: 'x', index: '0', slotsTotal: 0 })).toMatchObject({
      slots_total: 0,
      slots_free: 0,
    });
  });

  it('takes an explicit profile id over the model name', () => {
    expect(
      hal({ vendor: 'fake', model: 'Sim', index: '0', profileId: 'ascend-910b' }),
    ).toMatchObject({ profile_id: 'ascend-910b', multiplier: 0.7, domestic: true });
  });

  it('resolves by PCI id before the name, and falls back to the flagged unknown on a conflict', () => {
    expect(
      hal({ vendor: 'nvidia', model: 'NVIDIA H800', index: '0', pciDeviceId: '0x232210DE' }),
    ).toMatchObject({ profile_id: 'unknown', multiplier: 0.1, pci_device_id: '10de:2322' });
    expect(
      hal({ vendor: 'nvidia', model: 'NVIDIA H800 PCIe', index: '0', pciDeviceId: '0x232210DE' }),
    ).toMatchObject({ profile_id: 'h800-pcie', multiplier: 0.7646 });
    expect(
      hal({ vendor: 'nvidia', model: 'NVIDIA L4', index: '0', pciDeviceId: 'N/A' }),
    ).not.toHaveProperty('pci_device_id');
  });

  it('sizes MIG instances against the resolved profile', () => {
    const a = hal({
      vendor: 'nvidia',
      model: 'NVIDIA H100 80GB HBM3',
      index: '0',
      isolation: 'mig',
      slotsTotal: 2,
      mig: [
        { profile: '4g.40gb', uuid: 'MIG-1' },
        { profile: '3g.40gb', uuid: 'MIG-2' },
      ],
    });
    expect(a.mig?.map((m) => [m.uuid, m.fraction])).toEqual([
      ['MIG-1', 4 / 7],
      ['MIG-2', 3 / 7],
    ]);
    expect(hal({ vendor: 'nvidia', model: 'NVIDIA L4', index: '0' })).not.toHaveProperty('mig');
    expect(validateHal(a)).toEqual([]);
    // 4g + 3g + 1g is 8 slices of 7: the tool output cannot be right, so no instance is sized.
    const over = hal({
      vendor: 'nvidia',
      model: 'NVIDIA H100 80GB HBM3',
      index: '0',
      isolation: 'mig',
      slotsTotal: 3,
      mig: ['4g.40gb', '3g.40gb', '1g.10gb'].map((profile) => ({ profile })),
    });
    expect(over.mig?.map((m) => [m.slices, m.fraction])).toEqual([
      [4, null],
      [3, null],
      [1, null],
    ]);
    expect(validateHal(over)).toEqual([]);
    expect(
      validateHal({ ...over, mig: over.mig?.map((m) => ({ ...m, fraction: m.slices / 7 })) }),
    ).toEqual(['mig fractions add up to more than the GPU']);
    expect(validateHal({ ...a, slots_total: 3, slots_free: 3 })).toEqual([
      'mig lists 2 instances, slots_total is 3',
    ]);
  });

  it('withModel() looks the profile up again', () => {
    const a = hal({ vendor: 'hygon', model: 'DCU xxxx', index: '0' });
    expect(withModel(a, 'K100')).toMatchObject({
      model: 'K100',
      profile_id: 'hygon-k100',
      multiplier: 0.1011,
      domestic: true,
    });
  });
});

describe('validateHal()', () => {
  it('names each problem', () => {
    const a = {
      ...hal({ vendor: 'nvidia', model: 'NVIDIA L4', index: '0' }),
      memory_used_mib: 1.5,
      slots_free: 2,
      power_w: Number.NaN,
      profile_id: 'nope',
      serial: '',
    };
    expect(validateHal(a)).toEqual(
      expect.arrayContaining([
        'power_w is not a finite number',
        'memory_used_mib must be a non-negative integer',
        'slots_free > slots_total',
        'unknown profile_id nope',
        'serial is empty',
      ]),
    );
  });
});
