import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import type { NvidiaListedMig } from './nvidia-smi-list.js';
import { isNotAvailable, lines, readNumber } from '../text.js';
import type { HalAccelerator } from '../types.js';

const HOOK = 'nvidia-smi';

/** The fields the hook queries: enough for the HAL, cheap for the driver, present since R450. */
export const NVIDIA_CSV_FIELDS = [
  'index',
  'uuid',
  'serial',
  'name',
  'pci.bus_id',
  'memory.total',
  'memory.used',
  'utilization.gpu',
  'temperature.gpu',
  'power.draw',
  'mig.mode.current',
  'pci.device_id',
] as const;

export const NVIDIA_CSV_ARGS = [
  `--query-gpu=${NVIDIA_CSV_FIELDS.join(',')}`,
  '--format=csv',
] as const;

/** "memory.total [MiB]" → "memory.total" (works with and without `nounits`). */
function headerKey(h: string): string {
  return h.trim().replace(/\s*\[[^\]]*\]$/, '');
}

/**
 * `nvidia-smi --query-gpu=... --format=csv` (any field list that includes name and memory.total),
 * read by header names. MIG GPUs get `isolation: 'mig'` and their MIG instances from `migSlots`
 * (GPU UUID or index → the instances from `nvidia-smi -L`, see migInstanceMap(), or only their count,
 * see migSlotMap(), which leaves the instances unsized); without it their slot count is 0, so an
 * unknown MIG layout never advertises capacity.
 */
export function parseNvidiaSmiCsv(
  text: string,
  migSlots?: ReadonlyMap<string, number | readonly NvidiaListedMig[]>,
): HalAccelerator[] {
  const rows = lines(text).filter((l) => l.trim() !== '');
  const headerLine = rows.shift();
  if (headerLine === undefined) throw new HookParseError(HOOK, 'empty CSV', text);
  const header = headerLine.split(',').map(headerKey);
  if (!header.includes('name') || !header.includes('memory.total'))
    throw new HookParseError(HOOK, 'CSV header lacks name or memory.total', text);

  return rows.map((row, i) => {
    const cells = row.split(',').map((c) => c.trim());
    if (cells.length !== header.length)
      throw new HookParseError(
        HOOK,
        `row ${i + 1} has ${cells.length} cells, header has ${header.length}`,
        row,
      );
    const get = (k: string): string | undefined => {
      const at = header.indexOf(k);
      return at < 0 ? undefined : cells[at];
    };
    const num = (k: string, units: readonly string[]): number | null | undefined => {
      const raw = get(k);
      if (raw === undefined) return undefined;
      const v = readNumber(raw, units);
      if (v === undefined) throw new HookParseError(HOOK, `${k} is not a number: ${raw}`, row);
      return v;
    };
    const name = get('name') ?? '';
    if (!name || isNotAvailable(name))
      throw new HookParseError(HOOK, `row ${i + 1} has no GPU name`, row);
    const uuid = get('uuid') ?? '';
    const serialRaw = get('serial') ?? '';
    const serial =
      serialRaw && !isNotAvailable(serialRaw)
        ? serialRaw
        : uuid && !isNotAvailable(uuid)
          ? uuid
          : '';
    const index = get('index') ?? String(i);
    const mig = (get('mig.mode.current') ?? '').toLowerCase() === 'enabled';
    const listed = mig ? (migSlots?.get(uuid) ?? migSlots?.get(index) ?? 0) : 1;
    const migCount = typeof listed === 'number' ? listed : listed.length;
    const pciDeviceId = get('pci.device_id');
    const power =
      num('power.draw', ['W']) ??
      num('power.draw.average', ['W']) ??
      num('power.draw.instant', ['W']);
    return hal({
      vendor: 'nvidia',
      model: name,
      serial,
      index,
      memoryTotalMib: num('memory.total', ['MiB']),
      memoryUsedMib: num('memory.used', ['MiB']),
      utilizationPct: num('utilization.gpu', ['%']),
      temperatureC: num('temperature.gpu', ['C']),
      powerW: power,
      slotsTotal: migCount,
      slotsFree: migCount,
      isolation: mig ? 'mig' : 'whole',
      ...(pciDeviceId && !isNotAvailable(pciDeviceId) ? { pciDeviceId } : {}),
      ...(typeof listed === 'number'
        ? {}
        : { mig: listed.map((l) => ({ profile: l.profile, uuid: l.uuid })) }),
    });
  });
}
