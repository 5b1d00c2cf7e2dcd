import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { captureSection, fixture } from '../test-support/fixtures.js';
import { migInstanceMap, migSlotMap, parseNvidiaSmiList } from './nvidia-smi-list.js';

const capture = fixture('nvidia-smi', 'h100-80gb-hbm3-mig-capture-590.48.01.txt');
const listing = captureSection(capture, 'nvidia-smi -L');

describe('parseNvidiaSmiList', () => {
  it('counts the 4 MIG devices of the H100 capture (3g.40gb, 2g.20gb, 2 x 1g.10gb)', () => {
    const list = parseNvidiaSmiList(listing);
    expect(list).toEqual([
      {
        index: '0',
        name: 'NVIDIA H100 80GB HBM3',
        uuid: 'GPU-00000000-0000-0000-0000-000000000000',
        migDevices: 4,
        mig: [
          { profile: '3g.40gb', device: '0', uuid: 'MIG-00000000-0000-0000-0000-000000000000' },
          { profile: '2g.20gb', device: '1', uuid: 'MIG-00000001-0000-0000-0000-000000000001' },
          { profile: '1g.10gb', device: '2', uuid: 'MIG-00000002-0000-0000-0000-000000000002' },
          { profile: '1g.10gb', device: '3', uuid: 'MIG-00000003-0000-0000-0000-000000000003' },
        ],
      },
    ]);
    expect(migInstanceMap(list).get('0')).toBe(list[0]?.mig);
    expect(migSlotMap(list).get('GPU-00000000-0000-0000-0000-000000000000')).toBe(4);
    expect(migSlotMap(list).get('0')).toBe(4);
  });

  it('reads GPUs without MIG and rejects other text', () => {
    expect(
      parseNvidiaSmiList('GPU 0: NVIDIA L4 (UUID: GPU-1)\nGPU 1: NVIDIA L4 (UUID: GPU-2)\n').map(
        (g) => g.migDevices,
      ),
    ).toEqual([0, 0]);
    expect(() => parseNvidiaSmiList('No devices were found')).toThrow(HookParseError);
  });

  it('never crashes on garbage', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.nat({ max: listing.length }).map((n) => listing.slice(0, n)),
        ),
        (t) => {
          try {
            const out = parseNvidiaSmiList(t);
            for (const g of out) expect(g.migDevices).toBeGreaterThanOrEqual(0);
          } catch (err) {
            expect(err).toBeInstanceOf(HookParseError);
          }
        },
      ),
    );
  });
});
