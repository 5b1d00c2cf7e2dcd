import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseHySmi } from './hy-smi.js';

const hySmi = fixture('hy-smi', 'yunion-telegraf-hygon-hy-smi.txt');
const dtkRocmSmi = fixture('hy-smi', 'paddle-docs-hygon-dcu-rocm-smi.txt');

describe('parseHySmi', () => {
  it('reads eight HCUs from hy-smi (no model in the table → unknown profile, still domestic)', () => {
    const hcus = parseHySmi(hySmi);
    expect(hcus).toHaveLength(8);
    expect(hcus[0]).toEqual({
      vendor: 'hygon',
      model: '',
      serial: 'idx:0',
      index: '0',
      profile_id: 'unknown',
      memory_total_mib: 0,
      memory_used_mib: 0,
      utilization_pct: 0,
      temperature_c: 51,
      power_w: 95,
      slots_total: 1,
      slots_free: 1,
      isolation: 'whole',
      multiplier: 0.1,
      domestic: true,
    });
    expect(hcus.map((h) => h.power_w)).toEqual([95, 90, 89, 90, 90, 91, 93, 82]);
    expect(hcus.map((h) => h.temperature_c)).toEqual([51, 50, 51, 49, 52, 53, 52, 53]);
  });

  it('reads four DCUs from Hygon DTK rocm-smi (lower-case "c" unit) and uses the model the operator gives', () => {
    const dcus = parseHySmi(dtkRocmSmi, { model: 'Z100' });
    expect(dcus.map((d) => [d.index, d.temperature_c, d.power_w, d.utilization_pct])).toEqual([
      ['0', 30, 38, 0],
      ['1', 30, 41, 0],
      ['2', 29, 38, 0],
      ['3', 29, 39, 0],
    ]);
    expect(dcus[0]).toMatchObject({
      model: 'Z100',
      profile_id: 'hygon-z100',
      memory_total_mib: 32768,
      memory_used_mib: 0,
      domestic: true,
    });
  });

  it('turns VRAM% into MiB when the profile knows the memory size', () => {
    const busy = dtkRocmSmi.replace('280.0W    0%   0%', '280.0W   25%  97%');
    expect(parseHySmi(busy, { model: 'K100' })[0]).toMatchObject({
      memory_total_mib: 65536,
      memory_used_mib: 16384,
      utilization_pct: 97,
    });
  });

  it('throws HookParseError on other output', () => {
    expect(() => parseHySmi('hy-smi: command failed, no HCU found')).toThrow(HookParseError);
    expect(() => parseHySmi(hySmi.replace('51.0C    95.0W', '51.0C    hot'))).toThrow(
      /AvgPwr is not a number: hot/,
    );
    expect(() => parseHySmi(hySmi.replace('51.0C    95.0W', '51.0C'))).toThrow(
      /does not match the 10-column header/,
    );
  });

  it('never crashes on garbage', () => {
    fuzzParser('hy-smi', (t) => parseHySmi(t), [hySmi, dtkRocmSmi]);
    fuzzParser('hy-smi', (t) => parseHySmi(t, { model: 'K100' }), [hySmi, dtkRocmSmi], 100);
  });
});
