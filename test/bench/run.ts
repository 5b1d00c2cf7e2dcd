/**
 * `npm run bench [-- name…]`: runs each benchmark in test/bench/*.bench.ts as its own process
 * (so one's memory and timers do not skew another's), in sequence. Each prints a table and a
 * JSON line `BENCH_JSON {...}` with its figures and the peer measured in the same run.
 * Benchmarks are not part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.includes(w))) : all;
if (chosen.length === 0) {
  console.error(`no benchmark matches ${wanted.join(' ')}; have: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const f of chosen) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--expose-gc', `${dir}${f}`],
    {
      stdio: 'inherit',
      env: { ...process.env, EDGEFLEET_LOG_LEVEL: process.env.EDGEFLEET_LOG_LEVEL ?? 'error' },
    },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
