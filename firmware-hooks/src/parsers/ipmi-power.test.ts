import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HookParseError } from '../errors.js';
import { fixture } from '../test-support/fixtures.js';
import { parseIpmiPower, sitePowerW } from './ipmi-power.js';

const ipmitool = fixture('ipmitool', 'ceems-ipmitool-dcmi-power-reading.txt');
const freeipmi = fixture('ipmitool', 'canonical-hw-exporter-freeipmi-ipmi-dcmi-power-stats.txt');

describe('parseIpmiPower', () => {
  it('reads `ipmitool dcmi power reading`', () => {
    const r = parseIpmiPower(ipmitool);
    expect(r).toEqual({
      format: 'ipmitool',
      currentW: 2578,
      minW: 2118,
      maxW: 4294,
      averageW: 2567,
      samplingPeriodS: 300,
      active: true,
    });
    expect(sitePowerW(r)).toBe(2578);
  });

  it('reads FreeIPMI `ipmi-dcmi --get-system-power-statistics` (statistics not active)', () => {
    const r = parseIpmiPower(freeipmi);
    expect(r).toEqual({
      format: 'freeipmi',
      currentW: 105,
      minW: 0,
      maxW: 0,
      averageW: 0,
      samplingPeriodS: 300,
      active: false,
    });
    expect(sitePowerW(r)).toBe(105);
  });

  it('handles the newer ipmitool timestamp and sampling period on one line, and a deactivated 0 W reading', () => {
    const joined = ipmitool.replace(
      /IPMI timestamp:(.*)\n\s*Sampling period:/,
      'IPMI timestamp:$1 UTC    Sampling period:',
    );
    expect(joined).not.toBe(ipmitool);
    expect(parseIpmiPower(joined)).toMatchObject({ currentW: 2578, samplingPeriodS: 300 });
    const off = ipmitool.replace('2578 Watts', '0 Watts').replace('activated', 'deactivated');
    expect(parseIpmiPower(off).active).toBe(false);
    expect(sitePowerW(parseIpmiPower(off))).toBeUndefined();
  });

  it('throws HookParseError on other output', () => {
    expect(() =>
      parseIpmiPower('Could not open device at /dev/ipmi0: No such file or directory'),
    ).toThrow(HookParseError);
    expect(() => parseIpmiPower(ipmitool.replace('2578 Watts', 'N/A'))).toThrow(
      /not a power in watts/,
    );
  });

  it('never crashes on garbage', () => {
    const arb = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .tuple(fc.constantFrom(ipmitool, freeipmi), fc.nat(), fc.string({ maxLength: 12 }))
        .map(
          ([s, i, ins]) => s.slice(0, i % (s.length + 1)) + ins + s.slice((i % (s.length + 1)) + 3),
        ),
    );
    fc.assert(
      fc.property(arb, (t) => {
        try {
          const r = parseIpmiPower(t);
          expect(Number.isFinite(r.currentW) && r.currentW >= 0).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(HookParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
