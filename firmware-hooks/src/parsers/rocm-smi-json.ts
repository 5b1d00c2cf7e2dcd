import { HookParseError } from '../errors.js';
import { hal } from '../hal.js';
import { isNotAvailable, readNumber } from '../text.js';
import type { HalAccelerator, Vendor } from '../types.js';

/** The rocm-smi flags the hook runs: the fields below, nothing slow (no --showallinfo). */
export const ROCM_SMI_ARGS = [
  '--showid',
  '--showproductname',
  '--showserial',
  '--showuniqueid',
  '--showbus',
  '--showmeminfo',
  'vram',
  '--showuse',
  '--showtemp',
  '--showpower',
  '--json',
] as const;

type Card = Record<string, unknown>;

/** Case-insensitive key lookup; first key that matches one of `patterns` and holds a string. */
function field(card: Card, ...patterns: RegExp[]): string | undefined {
  for (const re of patterns) {
    for (const [k, v] of Object.entries(card)) {
      if (re.test(k) && typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return undefined;
}

/** A value that must be a number if present ("36.0"); N/A is null. */
function number(
  hook: string,
  card: Card,
  name: string,
  ...patterns: RegExp[]
): number | null | undefined {
  const raw = field(card, ...patterns);
  if (raw === undefined) return undefined;
  const v = readNumber(raw);
  if (v === undefined)
    throw new HookParseError(hook, `${name} is not a number: ${raw}`, JSON.stringify(card));
  return v;
}

/** Memory in MiB from "VRAM Total Memory (B)" (AMD) or "vram Total Memory (MiB)" (Hygon DTK). */
function memory(
  hook: string,
  card: Card,
  which: 'Total Memory' | 'Total Used Memory',
): number | null | undefined {
  const bytes = number(hook, card, `VRAM ${which}`, new RegExp(`^vram ${which} \\(B\\)$`, 'i'));
  if (typeof bytes === 'number') return bytes / (1024 * 1024);
  return bytes ?? number(hook, card, `VRAM ${which}`, new RegExp(`^vram ${which} \\(MiB\\)$`, 'i'));
}

function usable(v: string | undefined): v is string {
  return v !== undefined && !isNotAvailable(v) && v !== '0' && v !== '';
}

/**
 * `rocm-smi ... --json` from AMD ROCm 5.7 and 6.x and from Hygon's DTK build (which says
 * "Card Series", "DCU use (%)" and reports VRAM in MiB). One accelerator per `cardN` key; the
 * vendor comes from "Card vendor" (Chengdu Haiguang / Hygon → hygon, else amd).
 * `serial`: Serial Number, else Unique ID, else `pci:<PCI Bus>`.
 */
export function parseRocmSmiJson(text: string, hook = 'rocm-smi'): HalAccelerator[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (err) {
    throw new HookParseError(hook, 'not JSON', text, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new HookParseError(hook, 'expected a JSON object of cards', text);
  const cards = Object.entries(doc as Record<string, unknown>)
    .map(([k, v]) => ({ n: /^card(\d+)$/.exec(k)?.[1], v }))
    .filter((c): c is { n: string; v: unknown } => c.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  if (cards.length === 0 && !('system' in (doc as object)))
    throw new HookParseError(hook, 'no "cardN" keys', text);

  return cards.map(({ n, v }) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new HookParseError(hook, `card${n} is not an object`, text);
    const card = v as Card;
    const vendorName = field(card, /^card vendor$/i) ?? '';
    const vendor: Vendor = /haiguang|hygon/i.test(vendorName) ? 'hygon' : 'amd';
    const model = field(card, /^card series$/i, /^device name$/i, /^card model$/i) ?? '';
    const serial = [field(card, /^serial number$/i), field(card, /^unique id$/i)].find(usable);
    const bus = field(card, /^pci bus$/i);
    const pciDeviceId = field(card, /^device id$/i);
    return hal({
      vendor,
      model,
      serial: serial ?? (bus ? `pci:${bus}` : ''),
      index: n,
      memoryTotalMib: memory(hook, card, 'Total Memory'),
      memoryUsedMib: memory(hook, card, 'Total Used Memory'),
      utilizationPct: number(hook, card, 'use (%)', /^(GPU|DCU|HCU) use \(%\)$/i),
      temperatureC: number(
        hook,
        card,
        'temperature',
        /^Temperature \(Sensor junction\) \(C\)$/i,
        /^Temperature \(Sensor edge\) \(C\)$/i,
        /^Temperature \(Sensor mem(ory)?\) \(C\)$/i,
      ),
      powerW: number(
        hook,
        card,
        'power',
        /^Average Graphics Package Power \(W\)$/i,
        /^Current Socket Graphics Package Power \(W\)$/i,
      ),
      ...(pciDeviceId && usable(pciDeviceId) ? { pciDeviceId } : {}),
    });
  });
}
