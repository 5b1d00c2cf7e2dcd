import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import { boxCells, isBusId, lines, readNumber, readPair, tokens } from '../text.js';
import type { HalAccelerator } from '../types.js';

const HOOK = 'npu-smi';

/** A chip of `npu-smi info` with the ids the other npu-smi commands take (-i npu -c chip). */
export interface NpuChip {
  npu: string;
  chip: string;
  chipsOnNpu: number;
  accelerator: HalAccelerator;
}

interface NpuRow {
  npu: string;
  name: string;
  power: number | null | undefined;
  temp: number | null | undefined;
}

interface ChipRow {
  npu: NpuRow;
  chip: string;
  device: string | undefined;
  bus: string;
  aicore: number | null | undefined;
  used: number | undefined;
  total: number | undefined;
}

function num(
  raw: string | undefined,
  units: readonly string[],
  what: string,
  line: string,
): number | null | undefined {
  if (raw === undefined) return undefined;
  const v = readNumber(raw, units);
  if (v === undefined) throw new HookParseError(HOOK, `${what} is not a number: ${raw}`, line);
  return v;
}

/**
 * `npu-smi info` (Huawei Ascend), both layouts:
 * - 910/910B: `| NPU Name | Health | Power(W) Temp(C) Hugepages |` over `| Chip | Bus-Id | AICore(%) Memory-Usage(MB) HBM-Usage(MB) |`
 * - Atlas 300/310: `| NPU Name | ... |` over `| Chip Device | Bus-Id | AICore(%) Memory-Usage(MB) |`, one NPU row per chip.
 * One accelerator per chip. Memory is HBM when the card has HBM, else the chip's DDR.
 * The table prints no serial, so `serial` is `pci:<bus id>` (the hook can fill board serials).
 * `index` is the chip's Device (logic) id when the layout has one, else the NPU id (one chip per
 * NPU) or `<npu>:<chip>`.
 */
export function parseNpuSmiChips(text: string): NpuChip[] {
  const all = lines(text);
  const h1 = all.findIndex((l) => /^NPU\s+Name$/.test(boxCells(l)[0] ?? ''));
  const header2 = boxCells(all[h1 + 1] ?? '');
  if (h1 < 0 || !/^Chip\b/.test(header2[0] ?? ''))
    throw new HookParseError(HOOK, 'no "NPU Name / Chip" table header', text);
  const hasDevice = /\bDevice\b/.test(header2[0] ?? '');
  const hasHbm = /HBM-Usage/.test(header2[2] ?? '');

  const chips: ChipRow[] = [];
  let npu: NpuRow | undefined;
  for (const line of all.slice(h1 + 2)) {
    const cells = boxCells(line);
    if (cells.length === 0) continue;
    if (cells.some((c) => /^Process id$/i.test(c))) break; // the process table follows
    if (cells.length < 3)
      throw new HookParseError(HOOK, 'row with fewer than 3 cells in the NPU table', line);
    const [c0 = '', c1 = '', c2 = ''] = cells;
    if (isBusId(c1)) {
      if (!npu) throw new HookParseError(HOOK, 'chip row before any NPU row', line);
      const [chip = '', device] = tokens(c0);
      if (!/^\d+$/.test(chip) || (hasDevice && !/^\d+$/.test(device ?? '')))
        throw new HookParseError(HOOK, `bad chip id: ${c0}`, line);
      const [aicoreRaw] = tokens(c2);
      const pairs = [...c2.matchAll(/(\S+)\s*\/\s*(\S+)/g)].map((m) => readPair(`${m[1]}/${m[2]}`));
      if (pairs.some((p) => p === undefined))
        throw new HookParseError(HOOK, 'bad memory usage', line);
      const ddr = pairs[0];
      const hbm = hasHbm ? pairs[1] : undefined;
      const mem = hbm && hbm[1] > 0 ? hbm : ddr;
      chips.push({
        npu,
        chip,
        device: hasDevice ? device : undefined,
        bus: c1,
        aicore: num(aicoreRaw, ['%'], 'AICore', line),
        used: mem?.[0],
        total: mem?.[1],
      });
      continue;
    }
    const [id = '', ...name] = tokens(c0);
    if (!/^\d+$/.test(id) || name.length === 0)
      throw new HookParseError(HOOK, `bad NPU row: ${c0}`, line);
    const [power, temp] = tokens(c2);
    npu = {
      npu: id,
      name: name.join(' '),
      power: num(power, ['W'], 'Power', line),
      temp: num(temp, ['C'], 'Temp', line),
    };
  }

  const perNpu = new Map<string, number>();
  for (const c of chips) perNpu.set(c.npu.npu, (perNpu.get(c.npu.npu) ?? 0) + 1);
  return chips.map((c) => ({
    npu: c.npu.npu,
    chip: c.chip,
    chipsOnNpu: perNpu.get(c.npu.npu) ?? 1,
    accelerator: hal({
      vendor: 'huawei',
      model: /^Ascend/i.test(c.npu.name) ? c.npu.name : `Ascend ${c.npu.name}`,
      serial: `pci:${c.bus}`,
      index: c.device ?? (perNpu.get(c.npu.npu) === 1 ? c.npu.npu : `${c.npu.npu}:${c.chip}`),
      memoryTotalMib: c.total,
      memoryUsedMib: c.used,
      utilizationPct: c.aicore,
      temperatureC: c.npu.temp,
      powerW: c.npu.power,
    }),
  }));
}

/** See parseNpuSmiChips(): one HAL accelerator per chip. */
export function parseNpuSmiInfo(text: string): HalAccelerator[] {
  return parseNpuSmiChips(text).map((c) => c.accelerator);
}

/**
 * `npu-smi info -l` / `-t board|usages|temp|power -i N`: "Key : Value" lines, indented with a
 * TAB by npu-smi (spaces in some transcriptions). Returns the pairs in order (keys repeat in -l).
 */
export function parseNpuSmiFields(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of lines(text)) {
    const t = line.trim();
    if (!t) continue;
    const m = /^([^:]*\S)\s*:\s*(.*)$/.exec(t);
    if (!m) throw new HookParseError(HOOK, 'expected "Key : Value"', line);
    out.push([m[1] ?? '', (m[2] ?? '').trim()]);
  }
  if (out.length === 0) throw new HookParseError(HOOK, 'no "Key : Value" lines', text);
  return out;
}

/** The board serial from `npu-smi info -t board -i N`; undefined when it says NA. */
export function npuSmiBoardSerial(text: string): string | undefined {
  const v = parseNpuSmiFields(text).find(([k]) => k === 'Serial Number')?.[1];
  return v && !/^(NA|N\/A)$/i.test(v) ? v : undefined;
}
