/**
 * Coordinator restart under a full fleet: N simulated sites (the real agent code, as
 * `edgefleet-agent sim` runs them) against one coordinator process; the coordinator is killed
 * with SIGKILL and a new one started on the same ports and data directory. Measures the time
 * until every site is online again, the agents' MQTT reconnect attempts per second over the
 * recovery (peak vs mean: the stampede check), and the new coordinator's CPU and RSS while it
 * absorbs the fleet. Peer, same run: the first cold start's time to all online (enrollment included).
 *
 *   npm run bench -- restart                     (SITES=10000 by default)
 *   SITES=2000 npm run bench -- restart
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { eventually, ROOT } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { procStats } from './support/proc-stats.js';
import { report } from './report.js';

const SITES = Number(process.env.SITES ?? 10_000);
const TELEMETRY_MS = Number(process.env.TELEMETRY_MS ?? 10_000);
/** Open files are capped at 20,000 per process here and a site holds about three: spread the sites. */
const SITES_PER_PROC = Number(process.env.SITES_PER_PROC ?? 2500);
const LIMIT_MS = 30 * 60_000;

const port = (url: string) => Number(/:(\d+)\/?$/.exec(url)?.[1]);
const settings = {
  liveness: {
    telemetryStaleMs: TELEMETRY_MS * 3,
    offlineAfterMs: TELEMETRY_MS * 6,
    sweepIntervalMs: 1000,
  },
  reconcile: { schedule: '*/5 * * * * *' },
  limits: { maxSites: SITES + 10 },
  leases: { settleMs: 2000 },
};

interface Sim {
  child: ChildProcessByStdio<Writable, Readable, null>;
  out: string;
}

function startSim(http: string, token: string, dir: string, n: number, offset: number): Sim {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--max-old-space-size=6144',
      join(ROOT, 'test/bench/support/restart-sim.ts'),
      http,
      token,
      dir,
      String(n),
      String(TELEMETRY_MS),
      String(offset),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, EDGEFLEET_LOG_LEVEL: 'error' },
    },
  );
  const sim: Sim = { child, out: '' };
  child.stdout.on('data', (b: Buffer) => {
    sim.out += b.toString();
  });
  return sim;
}

/** Sends a command to every simulator and waits for each one's answer line. */
async function ask<T>(sims: Sim[], cmd: string, key: string): Promise<T[]> {
  return Promise.all(
    sims.map(
      (s) =>
        new Promise<T>((resolve, reject) => {
          const from = s.out.length;
          const timer = setTimeout(
            () => reject(new Error(`simulator did not answer '${cmd}'`)),
            60_000,
          );
          const check = () => {
            const line = s.out
              .slice(from)
              .split('\n')
              .find((l) => l.startsWith(`{"${key}"`));
            if (line && s.out.slice(from).includes(`${line}\n`)) {
              clearTimeout(timer);
              s.child.stdout.off('data', check);
              resolve(JSON.parse(line) as T);
            }
          };
          s.child.stdout.on('data', check);
          s.child.stdin.write(`${cmd}\n`);
        }),
    ),
  );
}

const online = async (c: CoordinatorProc): Promise<number> => {
  const r = await c.api<{ counts?: Record<string, number> }>('GET', '/api/v1/sites?limit=1');
  return r.body?.counts?.online ?? 0;
};

/** Prints the online count every 15 s while a phase runs, so a run cut off still shows its curve. */
function progress(phase: string, t0: number): (n: number) => void {
  let last = 0;
  return (n) => {
    const now = Date.now();
    if (now - last < 15_000) return;
    last = now;
    console.error(`${phase}: ${n} / ${SITES} online at ${((now - t0) / 1000).toFixed(0)} s`);
  };
}

// ── Cold start (the peer): enroll and connect every site ───────────────────────────────
const dataDir = mkdtempSync(join(tmpdir(), 'ef-coord-restart-'));
let coord = await startCoordinatorProcess(settings, dataDir);
const simDir = mkdtempSync(join(tmpdir(), 'ef-sim-restart-'));
const tCold = Date.now();
const sims = Array.from({ length: Math.ceil(SITES / SITES_PER_PROC) }, (_, k) =>
  startSim(
    coord.http,
    coord.adminToken,
    simDir,
    Math.min(SITES_PER_PROC, SITES - k * SITES_PER_PROC),
    k * SITES_PER_PROC,
  ),
);
let stopping = false;
// Whatever ends this process (a failure included) takes the coordinator and the simulators with it.
process.once('exit', () => {
  for (const s of sims) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  if (coord.proc.child.exitCode === null) coord.proc.child.kill('SIGKILL');
});
const simDied = new Promise<never>((_, reject) => {
  for (const s of sims)
    s.child.once('exit', (code) => {
      if (!stopping)
        reject(new Error(`a simulator process exited (${code}):\n${s.out.slice(-2000)}`));
    });
});
simDied.catch(() => undefined);
const coldProgress = progress('cold start', tCold);
await Promise.race([
  eventually(
    async () => {
      const n = await online(coord);
      coldProgress(n);
      return n;
    },
    (n) => n >= SITES,
    LIMIT_MS,
    1000,
  ),
  simDied,
]);
const coldMs = Date.now() - tCold;
console.error(`cold start: ${SITES} online in ${(coldMs / 1000).toFixed(1)} s`);
// Let the fleet settle into its steady state (telemetry, first reconcile runs).
await new Promise((r) => setTimeout(r, Math.max(10_000, TELEMETRY_MS)));
const steady = procStats(coord.proc.child.pid ?? 0);

// ── Restart: SIGKILL, then a new process on the same ports and data directory ─────────────
await ask(sims, 'mark', 'marked');
const ports = {
  http: { port: port(coord.http) },
  grpc: { port: port(coord.grpc) },
  mqtt: { port: port(coord.mqtt) },
};
const tKill = Date.now();
await coord.proc.kill('SIGKILL');
coord = await startCoordinatorProcess({ ...settings, ...ports }, dataDir);
const tListening = Date.now();
const pid = coord.proc.child.pid ?? 0;
const samples: { t: number; online: number; cpuS: number; rss: number }[] = [];
const firstOnline = await online(coord);
const recoveryProgress = progress('restart', tKill);
await Promise.race([
  eventually(
    async () => {
      const n = await online(coord);
      recoveryProgress(n);
      const s = procStats(pid);
      samples.push({ t: Date.now() - tKill, online: n, ...s });
      return n;
    },
    (n) => n >= SITES,
    LIMIT_MS,
    1000,
  ),
  simDied,
]);
const recoveredMs = Date.now() - tKill;
console.error(`restart: ${SITES} online again ${(recoveredMs / 1000).toFixed(1)} s after the kill`);

const dumps = await ask<{ reconnects: number[] }>(sims, 'dump', 'reconnects');
const times = dumps
  .flatMap((d) => d.reconnects)
  .map((t) => t - tKill)
  .filter((t) => t >= 0 && t <= recoveredMs)
  .sort((a, b) => a - b);
const perSecond = new Map<number, number>();
for (const t of times)
  perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
const spanS = Math.max(1, Math.ceil(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000));
const peak = Math.max(0, ...perSecond.values());
const mean = times.length / spanS;
// What reaches the new coordinator: the attempts made once it was listening again.
const listenAt = tListening - tKill;
const after = times.filter((t) => t >= listenAt);
const afterPerSecond = new Map<number, number>();
for (const t of after)
  afterPerSecond.set(
    Math.floor((t - listenAt) / 1000),
    (afterPerSecond.get(Math.floor((t - listenAt) / 1000)) ?? 0) + 1,
  );
const afterPeak = Math.max(0, ...afterPerSecond.values());
const afterMean =
  after.length / Math.max(1, Math.ceil(((after.at(-1) ?? listenAt) - listenAt) / 1000));
const cpuPct =
  samples.length > 1
    ? (((samples.at(-1)?.cpuS ?? 0) - (samples[0]?.cpuS ?? 0)) /
        (((samples.at(-1)?.t ?? 0) - (samples[0]?.t ?? 0)) / 1000)) *
      100
    : NaN;
let peakCpu = 0;
for (let i = 1; i < samples.length; i++) {
  const a = samples[i - 1],
    b = samples[i];
  if (a && b && b.t > a.t)
    peakCpu = Math.max(peakCpu, ((b.cpuS - a.cpuS) / ((b.t - a.t) / 1000)) * 100);
}
const peakRss = Math.max(0, ...samples.map((s) => s.rss));
const half = samples.find((s) => s.online >= SITES / 2)?.t ?? NaN;
const timeline = [...perSecond]
  .sort((a, b) => a[0] - b[0])
  .map(([s, n]) => `${s}:${n}`)
  .join(' ');
console.error(`reconnect attempts per second after the kill (s:count): ${timeline}`);

stopping = true;
for (const s of sims) s.child.kill('SIGTERM');
await Promise.all(
  sims.map(
    (s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r))),
  ),
);
await coord.proc.kill();

await report(
  `coordinator restart: ${SITES} simulated sites, SIGKILL + restart on the same ports and data`,
  [
    {
      measure: 'time to all sites online (s)',
      restart: recoveredMs / 1000,
      'cold start (enroll + connect)': coldMs / 1000,
      ratio: recoveredMs / coldMs,
    },
    {
      measure: 'new coordinator listening after the kill (s)',
      restart: (tListening - tKill) / 1000,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'half the sites online after the kill (s)',
      restart: half / 1000,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'sites online at the first look after restart',
      restart: firstOnline,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'MQTT reconnect attempts (all sites)',
      restart: times.length,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'reconnect attempts per site',
      restart: times.length / SITES,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'reconnect attempts/s after the kill: peak (1 s)',
      restart: peak,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'reconnect attempts/s after the kill: mean',
      restart: mean,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'stampede factor (peak / mean)',
      restart: mean > 0 ? peak / mean : NaN,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'attempts once the new coordinator listened',
      restart: after.length,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: '  … per second: peak / mean',
      restart: `${afterPeak} / ${afterMean.toFixed(1)}`,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'coordinator CPU during recovery (% of one core, mean / peak 1 s)',
      restart: `${cpuPct.toFixed(0)} / ${peakCpu.toFixed(0)}`,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
    {
      measure: 'coordinator RSS: peak during recovery / steady before kill (MiB)',
      restart: `${(peakRss / 2 ** 20).toFixed(0)} / ${(steady.rss / 2 ** 20).toFixed(0)}`,
      'cold start (enroll + connect)': '',
      ratio: '',
    },
  ],
  {
    sites: SITES,
    simProcesses: sims.length,
    telemetryMs: TELEMETRY_MS,
    reconnectsPerSecond: Object.fromEntries(perSecond),
    onlineTimeline: samples.map((s) => [s.t, s.online]),
  },
);
process.exit(0);
