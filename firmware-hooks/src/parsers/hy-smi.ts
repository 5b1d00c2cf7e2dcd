import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import { profileFor } from '../profiles.js';
import { lines, readNumber, tokens } from '../text.js';
import type { HalAccelerator } from '../types.js';

const HOOK = 'hy-smi';

export interface HySmiOptions {
  /** The model the operator knows is installed (the table prints none), e.g. "K100". */
  model?: string;
}

/**
 * The Hygon DCU column table, as printed by `hy-smi` (HCU Temp AvgPwr Perf PwrCap VRAM% HCU% ...)
 * and by Hygon DTK's `rocm-smi` (DCU Temp AvgPwr Fan Perf PwrCap VRAM% DCU%). Columns are read by
 * header name. The table names no model and no memory size: `options.model` supplies the model,
 * and memory is VRAM% of the profile's memory when the profile is known (else 0).
 */
export function parseHySmi(text: string, options: HySmiOptions = {}): HalAccelerator[] {
  const all = lines(text);
  const h = all.findIndex((l) => /^(HCU|DCU)\s+Temp\s/.test(l.trim()));
  if (h < 0) throw new HookParseError(HOOK, 'no "HCU|DCU Temp ..." header', text);
  const header = tokens(all[h] ?? '');
  const unit = header[0] ?? 'DCU';
  const col = (name: string) => header.indexOf(name);
  const model = options.model?.trim() ?? '';
  const gib = profileFor(model, 'hygon').memory_gib;
  const totalMib = gib === null ? undefined : gib * 1024;

  const out: HalAccelerator[] = [];
  for (const line of all.slice(h + 1)) {
    const t = line.trim();
    if (!t) continue;
    if (/^=+/.test(t)) break; // "====...====" then "==== End of SMI Log ===="
    const cells = tokens(t);
    if (cells.length !== header.length || !/^\d+$/.test(cells[0] ?? ''))
      throw new HookParseError(HOOK, `row does not match the ${header.length}-column header`, line);
    const get = (name: string, units: readonly string[]): number | null | undefined => {
      const at = col(name);
      if (at < 0) return undefined;
      const v = readNumber(cells[at], units);
      if (v === undefined)
        throw new HookParseError(HOOK, `${name} is not a number: ${cells[at] ?? ''}`, line);
      return v;
    };
    const vram = get('VRAM%', ['%']);
    out.push(
      hal({
        vendor: 'hygon',
        model,
        serial: '',
        index: cells[0] ?? '',
        memoryTotalMib: totalMib,
        memoryUsedMib:
          totalMib !== undefined && typeof vram === 'number' ? (totalMib * vram) / 100 : undefined,
        utilizationPct: get(`${unit}%`, ['%']),
        temperatureC: get('Temp', ['C']),
        powerW: get('AvgPwr', ['W']),
      }),
    );
  }
  return out;
}
