/**
 * Start-up of the installed launchers: `edgefleet --version` (and the agent's and coordinator's)
 * from a prefix installed from the release tarballs, as a user runs them, beside a bare
 * `node -e 0` measured in the same rounds (the floor any Node CLI pays). Rounds interleave the
 * commands so a load spike on the shared machine hits them all; median, p90 and min per command,
 * the median's ratio to node's, and the load average before and after.
 *
 *   npm run bench -- cli-startup                 (builds, packs and installs the release first)
 *   PREFIX=/tmp/ef-release-…/prefix npm run bench -- cli-startup   (an installed prefix, reused)
 *   ROUNDS=30 npm run bench -- cli-startup
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { installRelease } from '../release/release.test-support.js';
import { report } from './report.js';

const ROUNDS = Number(process.env.ROUNDS ?? 20);

const prefix =
  process.env.PREFIX ?? (await installRelease(['agent', 'coordinator', 'client'])).prefix;

const commands: { name: string; cmd: string; args: string[] }[] = [
  { name: 'node -e 0 (peer)', cmd: process.execPath, args: ['-e', '0'] },
  { name: 'edgefleet --version', cmd: join(prefix, 'bin/edgefleet'), args: ['--version'] },
  { name: 'edgefleet --help', cmd: join(prefix, 'bin/edgefleet'), args: ['--help'] },
  {
    name: 'edgefleet-agent --version',
    cmd: join(prefix, 'bin/edgefleet-agent'),
    args: ['--version'],
  },
  {
    name: 'edgefleet-coordinator --version',
    cmd: join(prefix, 'bin/edgefleet-coordinator'),
    args: ['--version'],
  },
];

function once(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: prefix });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const load0 = loadavg();
for (const c of commands) once(c.cmd, c.args); // warm the file cache
const samples = commands.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) commands.forEach((c, i) => samples[i]?.push(once(c.cmd, c.args)));
const load1 = loadavg();

const nodeMedian = quantile(samples[0] ?? [], 0.5);
await report(
  `CLI start-up from the installed release (${ROUNDS} rounds, interleaved)`,
  commands.map((c, i) => {
    const xs = samples[i] ?? [];
    return {
      command: c.name,
      median_ms: quantile(xs, 0.5),
      p90_ms: quantile(xs, 0.9),
      min_ms: Math.min(...xs),
      x_node: quantile(xs, 0.5) / nodeMedian,
    };
  }),
  { prefix, rounds: ROUNDS, loadavg_before: load0, loadavg_after: load1 },
);
console.log(
  `load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}`,
);
