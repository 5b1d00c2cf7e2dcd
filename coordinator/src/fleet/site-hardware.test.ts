import { profileById } from '@edgefleet/firmware-hooks';
import { pb } from '@edgefleet/proto';
import { describe, expect, it } from 'vitest';
import { HardwareResolver } from '../hardware/hardware-resolver.js';
import { FleetRegistry } from './registry.js';

const multiplierOf = (id: string) => profileById(id)?.multiplier;

function registry() {
  const reg = new FleetRegistry(
    { telemetryStaleMs: 5000, offlineAfterMs: 15_000, autonomyWindowMs: 10_000 },
    0.3,
    () => 1000,
    new HardwareResolver(),
  );
  reg.upsertEnrolled({ siteId: 's1' });
  return reg;
}

const acc = (p: Record<string, unknown>) => ({
  serial: 'S0',
  slots_total: 1,
  slots_free: 1,
  isolation: 'whole',
  ...p,
});

describe('a site’s hardware as the coordinator resolves it', () => {
  it('takes multiplier, domestic flag and kinds from its own table, never from the agent', () => {
    const reg = registry();
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 's1',
        accelerators: [
          // The agent claims 5× an H100 and a domestic chip: both ignored.
          acc({ vendor: 'nvidia', model: 'NVIDIA H20', multiplier: 5, domestic: true }),
        ],
      }),
    );
    const s = reg.get('s1')!;
    expect(s.multiplier).toBe(multiplierOf('h20'));
    expect(s.domesticOnly).toBe(false);
    expect(s.profileIds.sort()).toEqual(['h20', 'nvidia']);
    expect(s.unknownHardware).toEqual([]);
    expect(s.accelerators[0]).toMatchObject({
      profile_id: 'h20',
      multiplier: multiplierOf('h20'),
      domestic: false,
    });
  });

  it('counts a site domestic only when every accelerator resolves to a domestic profile', () => {
    const reg = registry();
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 's1',
        accelerators: [
          acc({ vendor: 'huawei', model: 'Ascend910B3', serial: 'a' }),
          acc({ vendor: 'huawei', model: 'Ascend910C', serial: 'b' }),
        ],
      }),
    );
    expect(reg.get('s1')).toMatchObject({
      domesticOnly: true,
      multiplier: Math.max(multiplierOf('ascend-910b3')!, multiplierOf('ascend-910c')!),
    });
  });

  it('lists unknown hardware until an operator maps it, then resolves the site again', () => {
    const reg = registry();
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 's1',
        accelerators: [acc({ vendor: 'nvidia', model: 'NVIDIA B200', multiplier: 2 })],
      }),
    );
    const s = reg.get('s1')!;
    expect(s.unknownHardware).toMatchObject([
      { kind: 'unknown', reason: 'no_match', identity: { vendor: 'nvidia', model: 'NVIDIA B200' } },
    ]);
    expect(s.multiplier).toBe(0);
    expect(s.accelerators[0]).toMatchObject({ profile_id: 'unknown', multiplier: 0 });
    reg.hardware.setMapping('NVIDIA B200', 'h200');
    reg.reresolveHardware();
    expect(s.unknownHardware).toEqual([]);
    expect(s.multiplier).toBe(multiplierOf('h200'));
  });

  it('resolves each MIG instance from its profile name, and lists one it cannot size', () => {
    const reg = registry();
    reg.applyTelemetry(
      new pb.Telemetry({
        site_id: 's1',
        accelerators: [
          acc({
            vendor: 'nvidia',
            model: 'NVIDIA A100-SXM4-80GB',
            isolation: 'mig',
            slots_total: 2,
            mig: [
              { profile: '3g.40gb', uuid: 'MIG-a' },
              { profile: '9g.90gb', uuid: 'MIG-b' },
            ],
          }),
        ],
      }),
    );
    const s = reg.get('s1')!;
    const slices = profileById('a100-80gb')!.mig_slices!;
    expect(s.hardware[0]?.mig[0]).toMatchObject({
      uuid: 'MIG-a',
      resolution: { kind: 'known', fraction: 3 / slices },
    });
    expect(s.unknownHardware).toMatchObject([{ reason: 'mig_profile' }]);
  });
});
