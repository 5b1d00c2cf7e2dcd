import { describe, expect, it } from 'vitest';
import { migInstance, migProfileSlices } from './mig.js';
import { profileById, type AcceleratorProfile } from './profiles.js';

const h100 = profileById('h100-80gb-sxm') as AcceleratorProfile;
const a100 = profileById('a100-80gb') as AcceleratorProfile;
const l4 = profileById('l4') as AcceleratorProfile;

describe('migProfileSlices', () => {
  it('reads the compute slices out of the names nvidia-smi prints', () => {
    expect(
      ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb', '1g.10gb+me'].map(
        migProfileSlices,
      ),
    ).toEqual([1, 1, 2, 3, 4, 7, 1]);
    expect(migProfileSlices('1c.3g.40gb')).toBe(1); // a compute instance bills its own slices, not its GPU instance's
    expect(migProfileSlices('MIG 1g.10gb')).toBeUndefined();
    expect(migProfileSlices('0g.1gb')).toBeUndefined();
  });
});

describe('migInstance', () => {
  it('bills slices of the parent (1g of 7 = 1/7), whatever the number of instances', () => {
    expect(migInstance({ profile: '3g.40gb', uuid: 'MIG-a' }, h100)).toEqual({
      profile: '3g.40gb',
      uuid: 'MIG-a',
      gpu_instance_id: '',
      compute_instance_id: '',
      slices: 3,
      fraction: 3 / 7,
    });
    expect(migInstance({ profile: '7g.80gb' }, h100).fraction).toBe(1);
  });

  it('sizes -q -x instances by their multiprocessors where a fixture shows the per-slice count', () => {
    expect(
      migInstance(
        { gpuInstanceId: '3', computeInstanceId: '0', multiprocessors: 14, memoryTotalMib: 19968 },
        a100,
      ),
    ).toMatchObject({ profile: '1g.20gb', slices: 1, fraction: 1 / 7 });
    // H100 SXM: 1g 16, 2g 32, 3g 60, 4g 64, 7g 132 SMs (the capture shows the first three).
    expect(
      [16, 32, 60, 64, 132].map((sms) => migInstance({ multiprocessors: sms }, h100).slices),
    ).toEqual([1, 2, 3, 4, 7]);
  });

  it('leaves the fraction null when the size or the parent is unknown, never guessing', () => {
    expect(
      migInstance({ multiprocessors: 14 }, profileById('h100-80gb-pcie') as AcceleratorProfile),
    ).toMatchObject({ slices: 0, fraction: null, profile: '' });
    expect(migInstance({ profile: '1g.10gb' }, l4)).toMatchObject({ slices: 1, fraction: null });
    expect(migInstance({ profile: '8g.90gb' }, h100)).toMatchObject({ fraction: null });
  });
});
