import { profileById } from '@edgefleet/firmware-hooks';
import { pb } from '@edgefleet/proto';
import { describe, expect, it } from 'vitest';
import { FleetRegistry } from '../fleet/registry.js';
import { leaseBound } from './lease-bound.js';

function siteWith(accelerators: Record<string, unknown>[]) {
  const reg = new FleetRegistry(
    { telemetryStaleMs: 5000, offlineAfterMs: 15_000, autonomyWindowMs: 10_000 },
    0.3,
    () => 1000,
  );
  reg.upsertEnrolled({ siteId: 's' });
  reg.applyTelemetry(new pb.Telemetry({ site_id: 's', accelerators }));
  return reg.get('s')!;
}

const a100 = profileById('a100-80gb')!;
const migCard = {
  vendor: 'nvidia',
  model: 'NVIDIA A100-SXM4-80GB',
  serial: 'GPU-1',
  isolation: 'mig',
  slots_total: 3,
  slots_free: 3,
  multiplier: 7, // the agent's own figure: never used
  mig: [
    { profile: '3g.40gb', uuid: 'MIG-3g' },
    { profile: '2g.20gb', uuid: 'MIG-2g' },
    { profile: '1g.10gb', uuid: '' },
  ],
};

describe('leaseBound', () => {
  it('bounds a MIG lease at its instance’s compute slices of the parent, not 1 / instances', () => {
    const s = siteWith([migCard]);
    const slices = a100.mig_slices!;
    expect(
      leaseBound(s, { accelerator_serial: 'GPU-1', slot: '0/0', mig_instance_uuid: 'MIG-3g' }),
    ).toEqual({ slotFraction: 3 / slices, multiplier: a100.multiplier, migInstanceUuid: 'MIG-3g' });
    expect(
      leaseBound(s, { accelerator_serial: 'GPU-1', slot: '0/1', mig_instance_uuid: 'MIG-2g' }),
    ).toMatchObject({ slotFraction: 2 / slices, migInstanceUuid: 'MIG-2g' });
    // No UUID printed: the slot number finds the instance.
    expect(leaseBound(s, { accelerator_serial: 'GPU-1', slot: '0/2' })).toMatchObject({
      slotFraction: 1 / slices,
      migInstanceUuid: '',
    });
  });

  it('bounds an instance it cannot size as its whole card', () => {
    const s = siteWith([{ ...migCard, mig: [{ profile: '', uuid: 'MIG-x' }] }]);
    expect(
      leaseBound(s, { accelerator_serial: 'GPU-1', slot: '0/0', mig_instance_uuid: 'MIG-x' }),
    ).toEqual({ slotFraction: 1, multiplier: a100.multiplier, migInstanceUuid: 'MIG-x' });
    expect(
      leaseBound(s, { accelerator_serial: 'GPU-1', slot: '0/0', mig_instance_uuid: 'MIG-gone' }),
    ).toMatchObject({ slotFraction: 1 });
  });

  it('takes the multiplier from the coordinator’s profile, and a share per slot for whole cards and time-slices', () => {
    const s = siteWith([
      {
        vendor: 'huawei',
        model: 'Ascend910B3',
        serial: 'NPU-0',
        isolation: 'timeslice',
        slots_total: 4,
        slots_free: 4,
        multiplier: 3,
      },
      {
        vendor: 'nvidia',
        model: 'NVIDIA L20',
        serial: 'GPU-9',
        isolation: 'whole',
        slots_total: 1,
      },
    ]);
    expect(leaseBound(s, { accelerator_serial: 'NPU-0', slot: '0/1' })).toEqual({
      slotFraction: 1 / 4,
      multiplier: profileById('ascend-910b3')!.multiplier,
      migInstanceUuid: '',
    });
    // An accelerator the registry does not list: the site's fastest resolved card.
    expect(leaseBound(s, { accelerator_serial: 'nope' })).toMatchObject({
      slotFraction: 1,
      multiplier: Math.max(profileById('ascend-910b3')!.multiplier, profileById('l20')!.multiplier),
    });
  });
});
