import { HookParseError } from '../errors.js';
import { lines } from '../text.js';

/** One `MIG <profile> Device <n>: (UUID: MIG-…)` line. */
export interface NvidiaListedMig {
  /** As printed: "1g.10gb", "3g.40gb", "1c.3g.40gb". */
  profile: string;
  device: string;
  uuid: string;
}

export interface NvidiaListedGpu {
  index: string;
  name: string;
  uuid: string;
  /** MIG devices listed under this GPU. */
  migDevices: number;
  /** The same MIG devices, each with its profile and UUID. */
  mig: NvidiaListedMig[];
}

const GPU_LINE = /^GPU (\d+): (.+?) \(UUID: ([^)]+)\)$/;
const MIG_LINE = /^MIG (\S+)\s+Device\s+(\d+): \(UUID: ([^)]+)\)$/;

/** `nvidia-smi -L`: GPUs and the MIG devices under each (used for MIG slot counts). */
export function parseNvidiaSmiList(text: string): NvidiaListedGpu[] {
  const gpus: NvidiaListedGpu[] = [];
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (!line) continue;
    const g = GPU_LINE.exec(line);
    if (g) {
      gpus.push({ index: g[1] ?? '', name: g[2] ?? '', uuid: g[3] ?? '', migDevices: 0, mig: [] });
      continue;
    }
    const last = gpus[gpus.length - 1];
    const m = MIG_LINE.exec(line);
    if (m && last) {
      last.migDevices += 1;
      last.mig.push({ profile: m[1] ?? '', device: m[2] ?? '', uuid: m[3] ?? '' });
      continue;
    }
    throw new HookParseError('nvidia-smi', 'unexpected line in nvidia-smi -L', line);
  }
  return gpus;
}

/** GPU UUID and index → its MIG devices with their profiles and UUIDs, for parseNvidiaSmiCsv(). */
export function migInstanceMap(
  list: readonly NvidiaListedGpu[],
): Map<string, readonly NvidiaListedMig[]> {
  const m = new Map<string, readonly NvidiaListedMig[]>();
  for (const g of list) {
    m.set(g.uuid, g.mig);
    m.set(g.index, g.mig);
  }
  return m;
}

/** GPU UUID and index → MIG device count, the shape parseNvidiaSmiCsv() took first (no sizes: prefer migInstanceMap). */
export function migSlotMap(list: readonly NvidiaListedGpu[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of list) {
    m.set(g.uuid, g.migDevices);
    m.set(g.index, g.migDevices);
  }
  return m;
}
