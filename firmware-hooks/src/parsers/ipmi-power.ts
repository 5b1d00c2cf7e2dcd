import { HookParseError } from '../errors.js';
import { lines, readNumber } from '../text.js';

const HOOK = 'ipmitool';

/** One DCMI power reading of the whole chassis (BMC). */
export interface SitePowerReading {
  /** Which tool printed it. */
  format: 'ipmitool' | 'freeipmi';
  currentW: number;
  minW?: number;
  maxW?: number;
  averageW?: number;
  samplingPeriodS?: number;
  /** ipmitool "Power reading state is: activated" / FreeIPMI "Power Measurement : Active". */
  active: boolean;
}

const WATTS = ['W', 'Watts'];

function watts(value: string, line: string): number {
  const n = readNumber(value, WATTS);
  if (typeof n !== 'number' || n < 0)
    throw new HookParseError(HOOK, `not a power in watts: ${value}`, line);
  return n;
}

/** Labels of both formats → field. ipmitool prints "Label: value", FreeIPMI "Label : value". */
const LABELS: ReadonlyArray<[RegExp, 'currentW' | 'minW' | 'maxW' | 'averageW']> = [
  [/^Instantaneous power reading$/i, 'currentW'],
  [/^Current Power$/i, 'currentW'],
  [/^Minimum (during sampling period|Power over sampling duration)$/i, 'minW'],
  [/^Maximum (during sampling period|Power over sampling duration)$/i, 'maxW'],
  [/^Average (power reading over sample period|Power over sampling duration)$/i, 'averageW'],
];

/**
 * `ipmitool dcmi power reading` and FreeIPMI `ipmi-dcmi --get-system-power-statistics`.
 * Tolerates newer ipmitool printing "IPMI timestamp: … Sampling period: …" on one line.
 */
export function parseIpmiPower(text: string): SitePowerReading {
  const r: Partial<SitePowerReading> = {};
  let format: SitePowerReading['format'] | undefined;
  for (const line of lines(text)) {
    const t = line.trim();
    if (!t) continue;
    const period = /Sampling period:\s*(\d+)\s*Seconds/i.exec(t);
    if (period) r.samplingPeriodS = Number(period[1]);
    const ms = /^Statistics reporting time period\s*:\s*(\d+)\s*milliseconds$/i.exec(t);
    if (ms) r.samplingPeriodS = Number(ms[1]) / 1000;
    const state = /^Power reading state is:\s*(\w+)/i.exec(t);
    if (state) r.active = state[1]?.toLowerCase() === 'activated';
    const meas = /^Power Measurement\s*:\s*(.+)$/i.exec(t);
    if (meas) r.active = /^active/i.test(meas[1] ?? '');
    const kv = /^([^:]+?)\s*:\s*(.*)$/.exec(t);
    if (!kv) continue;
    const [, label = '', value = ''] = kv;
    const hit = LABELS.find(([re]) => re.test(label));
    if (!hit) continue;
    r[hit[1]] = watts(value, line);
    if (hit[1] === 'currentW') format = /^Current Power$/i.test(label) ? 'freeipmi' : 'ipmitool';
  }
  if (format === undefined || r.currentW === undefined)
    throw new HookParseError(
      HOOK,
      'no "Instantaneous power reading" or "Current Power" line',
      text,
    );
  return { ...r, format, currentW: r.currentW, active: r.active ?? true };
}

/**
 * The site power draw to report: the current reading, except a 0 W reading while the BMC says
 * measurement is inactive, which means "no data" (undefined), not "the site draws nothing".
 */
export function sitePowerW(reading: SitePowerReading): number | undefined {
  return reading.currentW === 0 && !reading.active ? undefined : reading.currentW;
}
