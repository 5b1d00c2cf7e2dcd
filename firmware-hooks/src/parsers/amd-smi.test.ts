import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { fuzzParser } from '../test-support/fuzz.js';
import { parseAmdSmiMetricJson, parseAmdSmiMetricText } from './amd-smi.js';

const json = fixture('amd-smi', 'amdsmi-changelog-metric-p-json.json');
const text = fixture('amd-smi', 'amdsmi-changelog-metric-power.txt');

describe('amd-smi metric (power)', () => {
  it('reads socket power from `amd-smi metric -p --json`', () => {
    expect(parseAmdSmiMetricJson(json)).toEqual([
      {
        vendor: 'amd',
        model: '',
        serial: 'idx:0',
        index: '0',
        profile_id: 'unknown',
        memory_total_mib: 0,
        memory_used_mib: 0,
        utilization_pct: -1,
        temperature_c: -1,
        power_w: 10,
        slots_total: 1,
        slots_free: 1,
        isolation: 'whole',
        multiplier: 0.1,
        domestic: false,
      },
    ]);
  });

  it('reads two GPUs from `amd-smi metric --power` text, with the operator-given model', () => {
    const gpus = parseAmdSmiMetricText(text, { model: 'AMD Instinct MI300X' });
    expect(gpus.map((g) => [g.index, g.power_w, g.profile_id, g.multiplier])).toEqual([
      ['0', 11, 'mi300x', 1.3214],
      ['1', 17, 'mi300x', 1.3214],
    ]);
  });

  it('accepts the gpu_data wrapper and N/A power', () => {
    expect(
      parseAmdSmiMetricJson('{"gpu_data":[{"gpu":3,"power":{"socket_power":"N/A"}}]}')[0],
    ).toMatchObject({ index: '3', power_w: -1 });
  });

  it('throws HookParseError on other output', () => {
    expect(() => parseAmdSmiMetricJson('AMDSMI_STATUS_NOT_INIT')).toThrow(HookParseError);
    expect(() => parseAmdSmiMetricJson('[{"power":{}}]')).toThrow(/no "gpu" index/);
    expect(() => parseAmdSmiMetricText('Traceback (most recent call last):')).toThrow(
      HookParseError,
    );
    expect(() =>
      parseAmdSmiMetricText(text.replace('SOCKET_POWER: 11 W', 'SOCKET_POWER: 11 mV')),
    ).toThrow(/SOCKET_POWER is not a number/);
  });

  it('never crashes on garbage', () => {
    fuzzParser('amd-smi', (t) => parseAmdSmiMetricJson(t), [json]);
    fuzzParser('amd-smi', (t) => parseAmdSmiMetricText(t), [text]);
  });
});
