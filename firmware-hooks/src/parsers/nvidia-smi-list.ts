import { HookParseError } from '../errors.js';
import { lines } from '../text.js';

export interface NvidiaListedGpu {
  index: string;
  name: string;
  uuid: string;
  /** MIG devices listed under this GPU. */
  migDevices: number;
}

const GPU_LINE = /^GPU (\d+): (.+?) \(UUID: ([^)]+)\)$/;
const MIG_LINE = /^MIG \S+\s+Device\s+\d+: \(UUID: [^)]+\)$/;

/** `nvidia-smi -L`: GPUs and the MIG devices under each (used for MIG slot counts). */
export function parseNvidiaSmiList(text: string): NvidiaListedGpu[] {
  const gpus: NvidiaListedGpu[] = [];
  for (const raw of lines(text)) {
    const line = raw.trim();
    if (!line) continue;
    const g = GPU_LINE.exec(line);
    if (g) {
      gpus.push({ index: g[1] ?? '', name: g[2] ?? '', uuid: g[3] ?? '', migDevices: 0 });
      continue;
    }
    const last = gpus[gpus.length - 1];
    if (MIG_LINE.test(line) && last) {
      last.migDevices += 1;
      continue;
    }
    throw new HookParseError('nvidia-smi', 'unexpected line in nvidia-smi -L', line);
  }
  return gpus;
}

/** GPU UUID and index → MIG device count, the shape parseNvidiaSmiCsv() takes. */
export function migSlotMap(list: readonly NvidiaListedGpu[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of list) {
    m.set(g.uuid, g.migDevices);
    m.set(g.index, g.migDevices);
  }
  return m;
}
