import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseRocmSmiJson } from './rocm-smi-json.js';

const rocm602 = fixture('rocm-smi', 'mi100-rocm602.json');
const rocm571 = fixture('rocm-smi', 'mi100-rocm571.json');
const hygon = fixture('hy-smi', 'gpustack-hygon-dcu-rocm-smi.json');

describe('parseRocmSmiJson', () => {
  it('reads four MI100 from ROCm 6.0.2 (bytes → MiB, junction temperature, unique id as serial)', () => {
    const gpus = parseRocmSmiJson(rocm602);
    expect(gpus).toHaveLength(4);
    expect(gpus[0]).toEqual({
      vendor: 'amd',
      model: 'Arcturus GL-XL [Instinct MI100]',
      serial: '0x79ccd55167a2124a',
      index: '0',
      profile_id: 'mi100',
      memory_total_mib: 32752,
      memory_used_mib: 6,
      utilization_pct: 0,
      temperature_c: 55,
      power_w: 36,
      slots_total: 1,
      slots_free: 1,
      isolation: 'whole',
      multiplier: 0.1866,
      domestic: false,
      pci_device_id: '1002:738c', // "Device ID": "0x738c"
    });
    expect(gpus.map((g) => [g.index, g.power_w, g.temperature_c])).toEqual([
      ['0', 36, 55],
      ['1', 44, 58],
      ['2', 43, 57],
      ['3', 39, 53],
    ]);
  });

  it('reads six MI100 from ROCm 5.7.1 (serial "0" and unique id N/A → PCI bus)', () => {
    const gpus = parseRocmSmiJson(rocm571);
    expect(gpus).toHaveLength(6);
    expect(gpus[0]).toMatchObject({
      serial: 'pci:0000:1E:00.0',
      power_w: 39,
      temperature_c: 34,
      memory_used_mib: 6,
      memory_total_mib: 32752,
      profile_id: 'mi100',
    });
    expect(gpus[5]).toMatchObject({ index: '5', power_w: 40, temperature_c: 35 });
  });

  it('reads the Hygon DTK rocm-smi JSON as a domestic hygon device (masked model → unknown profile)', () => {
    expect(parseRocmSmiJson(hygon)).toEqual([
      {
        vendor: 'hygon',
        model: 'DCU xxxx',
        serial: 'TPXxxxx',
        index: '0',
        profile_id: 'unknown',
        memory_total_mib: 65520,
        memory_used_mib: 2,
        utilization_pct: 0,
        temperature_c: 39,
        power_w: 80,
        slots_total: 1,
        slots_free: 1,
        isolation: 'whole',
        multiplier: 0.1,
        domestic: true,
        pci_device_id: '1d94:6210', // "Device ID": "0x6210", listed by no profile
      },
    ]);
  });

  it('throws HookParseError on other output', () => {
    expect(() => parseRocmSmiJson('ERROR: GPU[0] : Unable to get power')).toThrow(HookParseError);
    expect(() => parseRocmSmiJson('[1,2]')).toThrow(/expected a JSON object/);
    expect(() => parseRocmSmiJson('{"card0": {"GPU use (%)": "busy"}}')).toThrow(
      /use \(%\) is not a number/,
    );
  });

  it('never crashes on garbage', () => {
    fuzzParser('rocm-smi', (t) => parseRocmSmiJson(t), [rocm602, rocm571, hygon]);
  });
});
