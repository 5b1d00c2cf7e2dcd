/** Small helpers shared by the parsers: numbers with units, N/A tokens, table cells. */

const NOT_AVAILABLE = /^(n\/?a|-+|not available|not supported|unknown|\[.*\])$/i;

/** True for the tokens vendor tools print instead of a value: N/A, NA, [N/A], [Not Supported], -. */
export function isNotAvailable(raw: string): boolean {
  return NOT_AVAILABLE.test(raw.trim());
}

const NUMBER = /^([-+]?\d+(?:\.\d+)?)\s*([A-Za-z%]*)$/;

/**
 * A number with an optional unit, e.g. "433.78 W", "53C", "0%", "81559 MiB".
 * Returns null for an N/A token, undefined when the text is not a number in one of `units`
 * (the empty unit is always allowed). Never NaN.
 */
export function readNumber(
  raw: string | undefined,
  units: readonly string[] = [],
): number | null | undefined {
  if (raw === undefined) return undefined;
  const t = raw.trim();
  if (t === '') return undefined;
  if (isNotAvailable(t)) return null;
  const m = NUMBER.exec(t);
  if (!m) return undefined;
  const unit = m[2] ?? '';
  if (unit !== '' && !units.some((u) => u.toLowerCase() === unit.toLowerCase())) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}

/** "used / total" pairs as npu-smi and cnmon print them ("1867 / 15077", "0 MiB/ 23374 MiB"). */
export function readPair(raw: string, units: readonly string[] = []): [number, number] | undefined {
  const parts = raw.split('/');
  if (parts.length !== 2) return undefined;
  const a = readNumber(parts[0], units);
  const b = readNumber(parts[1], units);
  return typeof a === 'number' && typeof b === 'number' ? [a, b] : undefined;
}

/** Cells of a box-drawn table row "| a | b |" (outer pipes removed, cells trimmed). */
export function boxCells(line: string): string[] {
  const t = line.trim();
  if (!t.startsWith('|')) return [];
  const inner = t.endsWith('|') && t.length > 1 ? t.slice(1, -1) : t.slice(1);
  return inner.split('|').map((c) => c.trim());
}

/** Whitespace-separated tokens. */
export function tokens(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

/** Lines without trailing CR. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** PCI bus id (0000:5A:00.0 or 00000000:01:00.0). */
export function isBusId(s: string): boolean {
  return /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(s.trim());
}
