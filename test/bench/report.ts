/** Prints a benchmark's rows as an aligned table and as one `BENCH_JSON` line. */
export async function report(
  name: string,
  rows: Record<string, string | number>[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : (v ?? '');
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    `| ${vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${name}`);
  console.log(line(cols));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
  console.log(
    `BENCH_JSON ${JSON.stringify({ bench: name, rows, ...extra, node: process.version, cpus: (await import('node:os')).cpus().length, at: new Date().toISOString() })}`,
  );
}
