import { formatTokens } from '@edgefleet/proto';

/** `12,345 µT (0.012345 T)` */
export function microTokens(v: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return String(v ?? '');
  return `${n.toLocaleString('en-US')} µT (${formatTokens(n)})`;
}

export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v))
    return v.every((x) => typeof x !== 'object' || x === null) ? v.join(',') : `${v.length} items`;
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** A plain aligned table: header, rule, rows; numeric columns right-aligned. */
export function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const numeric = columns.map((c) =>
    rows.every((r) => r[c] === undefined || r[c] === null || typeof r[c] === 'number'),
  );
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (vals: readonly string[]) =>
    vals
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Preferred columns present in the data, or else the first scalar keys of the first row. */
export function autoColumns(
  rows: readonly Record<string, unknown>[],
  preferred: readonly string[],
  max = 10,
): string[] {
  const present = preferred.filter((k) => rows.some((r) => r[k] !== undefined));
  if (present.length > 0) return present;
  const first = rows[0] ?? {};
  return Object.keys(first)
    .filter((k) => first[k] === null || typeof first[k] !== 'object')
    .slice(0, max);
}

/** `key   value` lines, keys aligned. */
export function keyValues(pairs: readonly [string, string][]): string {
  const w = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}

export function isoTime(ms: unknown): string {
  return typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : '';
}
