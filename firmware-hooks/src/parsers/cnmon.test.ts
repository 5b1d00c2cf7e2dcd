import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseCnmon } from './cnmon.js';

const x8 = fixture('cnmon', 'paddle-docs-mlu370-x8-cnmon.txt');
const x4 = fixture('cnmon', 'paddle-docs-mlu370-x4-cnmon-v4.20.11.txt');

describe('parseCnmon', () => {
  it('reads two MLU370-X8 devices from CNMON v5.10.13 (Bus-Id layout)', () => {
    expect(parseCnmon(x8)).toEqual([
      {
        vendor: 'cambricon',
        model: 'MLU370-X8',
        serial: 'pci:0000:39:00.0',
        index: '0',
        profile_id: 'mlu370-x8',
        memory_total_mib: 23374,
        memory_used_mib: 0,
        utilization_pct: 0,
        temperature_c: 32,
        power_w: 106,
        slots_total: 1,
        slots_free: 1,
        isolation: 'whole',
        multiplier: 0.0485,
        domestic: true,
      },
      expect.objectContaining({
        serial: 'pci:0000:3D:00.0',
        index: '1',
        temperature_c: 39,
        power_w: 106,
        memory_total_mib: 23374,
      }),
    ]);
  });

  it('reads three MLU370-X4 from CNMON v4.20.11 (Inited/Driver layout, timestamp line first)', () => {
    const cards = parseCnmon(x4);
    expect(
      cards.map((c) => [
        c.index,
        c.model,
        c.temperature_c,
        c.power_w,
        c.memory_total_mib,
        c.serial,
      ]),
    ).toEqual([
      ['0', 'MLU370-X4', 32, 30, 23308, 'idx:0'],
      ['1', 'MLU370-X4', 33, 25, 23308, 'idx:1'],
      ['2', 'MLU370-X4', 30, 26, 23308, 'idx:2'],
    ]);
    expect(
      cards.every((c) => c.profile_id === 'mlu370-x4' && c.multiplier === 0.097 && c.domestic),
    ).toBe(true);
  });

  it('throws HookParseError on other output', () => {
    expect(() => parseCnmon('cnmon: error while loading shared libraries: libcndev.so')).toThrow(
      HookParseError,
    );
    expect(() => parseCnmon(x8.replace('106 W/ 250 W', 'lots of W'))).toThrow(
      /bad temperature, power/,
    );
  });

  it('never crashes on garbage', () => {
    fuzzParser('cnmon', (t) => parseCnmon(t), [x8, x4]);
  });
});
