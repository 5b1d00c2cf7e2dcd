import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import { lines, readNumber } from '../text.js';
import type { HalAccelerator } from '../types.js';

const HOOK = 'amd-smi';

export interface AmdSmiOptions {
  /** The model the operator knows is installed; `amd-smi metric` names none. */
  model?: string;
}

function device(
  index: string,
  powerW: number | null | undefined,
  options: AmdSmiOptions,
): HalAccelerator {
  return hal({ vendor: 'amd', model: options.model?.trim() ?? '', serial: '', index, powerW });
}

/** `{ "value": 10, "unit": "W" }`, a bare number, or "N/A". */
function watts(v: unknown, text: string): number | null | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const n = readNumber(v, ['W']);
    if (n === undefined) throw new HookParseError(HOOK, `socket_power is not a number: ${v}`, text);
    return n;
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const { value, unit } = v as { value?: unknown; unit?: unknown };
    if (unit !== undefined && unit !== 'W')
      throw new HookParseError(HOOK, `socket_power unit ${String(unit)}`, text);
    return watts(value, text);
  }
  throw new HookParseError(HOOK, 'socket_power has an unexpected shape', text);
}

/**
 * `amd-smi metric -p --json` (power section only): `[{ "gpu": 0, "power": { "socket_power":
 * { "value": 10, "unit": "W" }, ... } }]`, or the same list under `gpu_data` (newer amd-smi).
 * Only power is reported; memory is 0 and utilization/temperature -1 (unknown).
 */
export function parseAmdSmiMetricJson(text: string, options: AmdSmiOptions = {}): HalAccelerator[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (err) {
    throw new HookParseError(HOOK, 'not JSON', text, { cause: err });
  }
  const gpus = Array.isArray(doc) ? doc : (doc as { gpu_data?: unknown } | null)?.gpu_data;
  if (!Array.isArray(gpus)) throw new HookParseError(HOOK, 'expected a list of GPUs', text);
  return gpus.map((g: unknown, i) => {
    if (typeof g !== 'object' || g === null)
      throw new HookParseError(HOOK, `entry ${i} is not an object`, text);
    const { gpu, power } = g as { gpu?: unknown; power?: unknown };
    if (typeof gpu !== 'number' || !Number.isSafeInteger(gpu) || gpu < 0)
      throw new HookParseError(HOOK, `entry ${i} has no "gpu" index`, text);
    const socket =
      typeof power === 'object' && power !== null
        ? (power as { socket_power?: unknown }).socket_power
        : undefined;
    return device(String(gpu), watts(socket, text), options);
  });
}

/** `amd-smi metric --power` (text): `GPU: 0` / `POWER:` / `SOCKET_POWER: 11 W` blocks. */
export function parseAmdSmiMetricText(text: string, options: AmdSmiOptions = {}): HalAccelerator[] {
  const gpus: Array<{ index: string; power: number | null | undefined }> = [];
  for (const line of lines(text)) {
    const t = line.trim();
    if (!t) continue;
    const m = /^([A-Z][A-Z0-9_]*):\s*(.*)$/.exec(t);
    if (!m) throw new HookParseError(HOOK, 'expected "KEY: value"', line);
    const [, key, value = ''] = m;
    if (key === 'GPU') {
      if (!/^\d+$/.test(value)) throw new HookParseError(HOOK, `bad GPU index: ${value}`, line);
      gpus.push({ index: value, power: undefined });
      continue;
    }
    const cur = gpus[gpus.length - 1];
    if (!cur) throw new HookParseError(HOOK, 'value before the first "GPU:" line', line);
    if (key === 'SOCKET_POWER') {
      const w = readNumber(value, ['W']);
      if (w === undefined)
        throw new HookParseError(HOOK, `SOCKET_POWER is not a number: ${value}`, line);
      cur.power = w;
    }
  }
  if (gpus.length === 0) throw new HookParseError(HOOK, 'no "GPU:" line', text);
  return gpus.map((g) => device(g.index, g.power, options));
}
