import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { npuSmiBoardSerial, parseNpuSmiFields, parseNpuSmiInfo } from './npu-smi.js';

const b2c = fixture('npu-smi', 'paddle-docs-910b2c-npu-smi-info.txt');
const a910 = fixture('npu-smi', 'gpustack-atlas800-9010-910a-npu-smi-info.txt');
const a310 = fixture('npu-smi', 'matpool-atlas300-310-npu-smi-info.txt');

describe('parseNpuSmiInfo', () => {
  it('reads two Ascend 910B2C with HBM usage (910B layout)', () => {
    const npus = parseNpuSmiInfo(b2c);
    expect(npus).toEqual([
      {
        vendor: 'huawei',
        model: 'Ascend 910B2C',
        serial: 'pci:0000:5A:00.0',
        index: '0',
        profile_id: 'ascend-910b2',
        memory_total_mib: 65536,
        memory_used_mib: 3317,
        utilization_pct: 0,
        temperature_c: 53,
        power_w: 89.9,
        slots_total: 1,
        slots_free: 1,
        isolation: 'whole',
        multiplier: 0.7,
        domestic: true,
      },
      expect.objectContaining({
        model: 'Ascend 910B2C',
        serial: 'pci:0000:29:00.0',
        index: '1',
        memory_used_mib: 3316,
        power_w: 93.8,
        temperature_c: 53,
      }),
    ]);
  });

  it('reads eight 910A of an Atlas 800 9010 and ignores the trailing documentation URL', () => {
    const npus = parseNpuSmiInfo(a910);
    expect(npus).toHaveLength(8);
    expect(npus.map((n) => n.index)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(
      npus.every((n) => n.profile_id === 'ascend-910a' && n.domestic && n.multiplier === 0.2587),
    ).toBe(true);
    // HBM (0 / 32768) wins over the chip's DDR (1866 / 15077) when the card has HBM
    expect(npus[3]).toMatchObject({
      model: 'Ascend 910A',
      power_w: 191.7,
      temperature_c: 42,
      memory_total_mib: 32768,
      memory_used_mib: 0,
      serial: 'pci:0000:3E:00.0',
    });
    expect(npus[7]).toMatchObject({
      power_w: 191.4,
      temperature_c: 40,
      serial: 'pci:0000:3D:00.0',
    });
  });

  it('reads 16 Ascend 310 chips of four Atlas 300 cards (NPU Name / Chip Device layout)', () => {
    const npus = parseNpuSmiInfo(a310);
    expect(npus).toHaveLength(16);
    expect(npus.map((n) => n.index)).toEqual(Array.from({ length: 16 }, (_, i) => String(i)));
    expect(npus[1]).toEqual({
      vendor: 'huawei',
      model: 'Ascend 310',
      serial: 'pci:0000:02:00.0',
      index: '1',
      profile_id: 'ascend-310',
      memory_total_mib: 8192,
      memory_used_mib: 2703,
      utilization_pct: 0,
      temperature_c: 43,
      power_w: 12.8,
      slots_total: 1,
      slots_free: 1,
      isolation: 'whole',
      multiplier: 0.0081,
      domestic: true,
    });
    expect(npus[15]).toMatchObject({
      serial: 'pci:0000:8E:00.0',
      temperature_c: 47,
      memory_used_mib: 2621,
    });
  });

  it('names chips <npu>:<chip> when a card has several chips and no Device column', () => {
    const two = b2c
      .replace(
        '| 0                         | 0000:29:00.0',
        '| 1                         | 0000:29:00.0',
      )
      .replace(/\| 1 {5}910B2C[^\n]*\n/, '');
    expect(parseNpuSmiInfo(two).map((n) => n.index)).toEqual(['0:0', '0:1']);
  });

  it('throws HookParseError on other output', () => {
    expect(() =>
      parseNpuSmiInfo('dcmi model initialized failed, because the device is used. ret is -8020'),
    ).toThrow(HookParseError);
    expect(() => parseNpuSmiInfo(b2c.replace('89.9', 'hot'))).toThrow(/Power is not a number: hot/);
  });

  it('never crashes on garbage', () => {
    fuzzParser('npu-smi', (t) => parseNpuSmiInfo(t), [b2c, a910, a310]);
  });
});

describe('npu-smi info -l / -t key-value output', () => {
  it('reads the 910B board serial, usages, temperature and power', () => {
    expect(npuSmiBoardSerial(fixture('npu-smi', 'yunion-telegraf-910b-info-t-board.txt'))).toBe(
      '1025C9048791',
    );
    const usages = new Map(
      parseNpuSmiFields(fixture('npu-smi', 'yunion-telegraf-910b-info-t-usages.txt')),
    );
    expect(usages.get('HBM Capacity(MB)')).toBe('65536');
    expect(usages.get('HBM Usage Rate(%)')).toBe('5');
    expect(usages.get('NPU Utilization(%)')).toBe('0');
    expect(
      new Map(parseNpuSmiFields(fixture('npu-smi', 'yunion-telegraf-910b-info-t-temp.txt'))).get(
        'NPU Temperature (C)',
      ),
    ).toBe('39');
    expect(
      new Map(parseNpuSmiFields(fixture('npu-smi', 'yunion-telegraf-910b-info-t-power.txt'))).get(
        'NPU Real-time Power(W)',
      ),
    ).toBe('103.5');
  });

  it('keeps repeated keys of npu-smi info -l in order', () => {
    const fields = parseNpuSmiFields(fixture('npu-smi', 'yunion-telegraf-910b-info-l.txt'));
    expect(fields[0]).toEqual(['Total Count', '8']);
    expect(fields.filter(([k]) => k === 'NPU ID').map(([, v]) => v)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
  });

  it('accepts the TAB indentation npu-smi prints and rejects other text', () => {
    expect(
      npuSmiBoardSerial(
        '\tNPU ID                         : 0\n\tSerial Number                  : NA\n',
      ),
    ).toBeUndefined();
    expect(() =>
      parseNpuSmiFields('dcmi model initialized failed, because the device is used. ret is -8020'),
    ).toThrow(HookParseError);
    expect(() => parseNpuSmiFields('')).toThrow(HookParseError);
  });

  it('never crashes on garbage', () => {
    const board = fixture('npu-smi', 'yunion-telegraf-910b-info-t-board.txt');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.nat({ max: board.length }).map((n) => board.slice(0, n)),
        ),
        (t) => {
          try {
            for (const [k] of parseNpuSmiFields(t)) expect(k.length).toBeGreaterThan(0);
            npuSmiBoardSerial(t);
          } catch (err) {
            expect(err).toBeInstanceOf(HookParseError);
          }
        },
      ),
    );
  });
});
