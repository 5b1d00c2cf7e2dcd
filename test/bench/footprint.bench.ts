/**
 * The idle agent's and coordinator's footprint, beside a bare `node` in the same minute:
 *   - agent under tsx (from sources), on the ONNX backend with the three shipped PaddleOCR models
 *     loaded and warmed (cls, det, rec), enrolled with the coordinator under tsx;
 *   - when the packages are built (`npm run build`: agent/dist, coordinator/dist), the same agent
 *     compiled, under plain node with its systemd unit's NODE_OPTIONS and MALLOC_* settings, and
 *     compiled agents on the simulated backend (three alike, EDGEFLEET_BENCH_SIM_AGENTS: the ratio
 *     to bare node is on their median RSS; ONNX Runtime never loaded: what a site on the HTTP
 *     backend also costs), all enrolled with a compiled coordinator,
 *     and beside them the same simulated agent at the former cadence (a report every second, host
 *     sampled every 5 s: telemetryHeartbeatMs 1000, hostMetricsIdleMs 5000) for comparison;
 *   - every agent: MQTT and EdgeControl links up, telemetry at the production cadence (checked every
 *     second, change-driven, a heartbeat every 1.5 s) with host metrics, no request in flight;
 *   - peers: a bare `node` process (`setInterval` keeping it alive), and the same under the tsx
 *     loader the source-run processes use (their own share is the difference to that one);
 *   - the coordinators (embedded PGlite ledger, embedded broker) at their production cadences
 *     (reconciliation every 5 s, liveness sweeps every 500 ms), idle but for their sites.
 * After a settle period, RSS and CPU time (user+system, /proc) of all are read at the start and the
 * end of the same window (EDGEFLEET_BENCH_WINDOW_S, 60 by default), RSS also every 5 s (the max is
 * shown). At the end each process writes its memory breakdown (support/mem-probe.mjs, preloaded):
 * V8 heap, external and array buffers, V8 code space, and resident anonymous vs file-backed pages.
 * os.loadavg() is printed with the figures: the CPU figures are only as quiet as the box.
 *
 *   npm run build            # optional: adds the compiled rows
 *   npm run bench -- footprint
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { ROOT, runProcess } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { procStats } from './support/proc-stats.js';
import { report } from './report.js';

const WINDOW_S = Number(process.env.EDGEFLEET_BENCH_WINDOW_S ?? 60);
const SETTLE_S = Number(process.env.EDGEFLEET_BENCH_SETTLE_S ?? 10);
/** Identical compiled agents on the simulated backend (their median RSS is the ratio's). */
const SIM_AGENTS = Math.max(1, Number(process.env.EDGEFLEET_BENCH_SIM_AGENTS ?? 3));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BUILT = ['agent', 'coordinator'].every((p) => existsSync(join(ROOT, p, 'dist/cli.js')));
const PROBE = pathToFileURL(join(ROOT, 'test/bench/support/mem-probe.mjs')).href;
const memDir = mkdtempSync(join(tmpdir(), 'ef-footprint-'));
const memFile = (name: string) => join(memDir, `${name}.json`);

/**
 * What the package's systemd unit sets for memory (deploy/systemd/edgefleet-<pkg>.service, its
 * `Environment=` lines, each assignment split at its first '=' as systemd does): NODE_OPTIONS and
 * glibc's MALLOC_* tunables, so that a compiled process here runs as it does on a site.
 */
function unitMemoryEnv(pkg: 'agent' | 'coordinator'): Record<string, string> {
  const unit = readFileSync(join(ROOT, `deploy/systemd/edgefleet-${pkg}.service`), 'utf8');
  const env: Record<string, string> = { NODE_OPTIONS: '' };
  for (const line of unit.split('\n'))
    if (line.startsWith('Environment='))
      for (const kv of line.slice('Environment='.length).trim().split(/\s+/)) {
        const k = kv.slice(0, kv.indexOf('='));
        if (k === 'NODE_OPTIONS' || k.startsWith('MALLOC_')) env[k] = kv.slice(kv.indexOf('=') + 1);
      }
  return env;
}

/**
 * Runs a CLI from sources under tsx, or compiled under plain node with its unit's NODE_OPTIONS, with
 * the memory probe preloaded.
 */
const launcher = (pkg: 'agent' | 'coordinator', built: boolean, name: string) => (args: string[]) =>
  runProcess(
    process.execPath,
    built
      ? ['--import', PROBE, join(ROOT, pkg, 'dist/cli.js'), ...args]
      : ['--import', PROBE, '--conditions=source', '--import', 'tsx', `${pkg}/src/cli.ts`, ...args],
    {
      EDGEFLEET_MEM_PROBE_OUT: memFile(name),
      ...(built ? unitMemoryEnv(pkg) : {}),
    },
  );

// Production cadences: the test helper's defaults (reconciliation every second, sweeps every 200 ms)
// are for fast tests, not for an idle footprint.
const coordSettings = {
  routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
  reconcile: { schedule: '*/5 * * * * *' },
  liveness: {},
};
const onnx = { backend: { kind: 'onnx', executionProvider: 'cpu' }, hostMetrics: true };
const simulated = {
  backend: { kind: 'simulated', latencyMs: 5, jitterMs: 0, outputTokens: 4 },
  hostMetrics: true,
};
const cadence = { telemetryIntervalMs: 1000 }; // the heartbeat and host cadence at their defaults

const load0 = loadavg();
const coords: { name: string; c: CoordinatorProc; mem: string }[] = [];
const agents: { name: string; a: AgentProc; coord: CoordinatorProc; mem: string }[] = [];
const idle = 'setInterval(() => {}, 1000)';
const bare = spawn(process.execPath, ['--import', PROBE, '-e', idle], {
  stdio: 'ignore',
  env: { ...process.env, EDGEFLEET_MEM_PROBE_OUT: memFile('bare') },
});
const bareTsx = spawn(process.execPath, ['--import', PROBE, '--import', 'tsx', '-e', idle], {
  stdio: 'ignore',
  cwd: ROOT,
  env: { ...process.env, EDGEFLEET_MEM_PROBE_OUT: memFile('bare-tsx') },
});
try {
  const coordTsx = await startCoordinatorProcess(
    coordSettings,
    undefined,
    launcher('coordinator', false, 'coord-tsx'),
  );
  coords.push({ name: 'coordinator, tsx (PGlite, one idle site)', c: coordTsx, mem: 'coord-tsx' });
  agents.push({
    name: 'agent, tsx (ONNX, 3 models, idle)',
    a: await startAgentProcess(
      coordTsx,
      'footprint',
      { ...onnx, ...cadence },
      launcher('agent', false, 'agent-tsx-onnx'),
    ),
    mem: 'agent-tsx-onnx',
    coord: coordTsx,
  });
  if (BUILT) {
    const coordBuilt = await startCoordinatorProcess(
      coordSettings,
      undefined,
      launcher('coordinator', true, 'coord-built'),
    );
    coords.push({
      name: 'coordinator, built (PGlite, three idle sites)',
      c: coordBuilt,
      mem: 'coord-built',
    });
    agents.push({
      name: 'agent, built (ONNX, 3 models, idle)',
      a: await startAgentProcess(
        coordBuilt,
        'footprint-onnx',
        { ...onnx, ...cadence },
        launcher('agent', true, 'agent-built-onnx'),
      ),
      mem: 'agent-built-onnx',
      coord: coordBuilt,
    });
    // Several alike: identical idle agents differ by up to ±4 MiB of RSS (what start-up left
    // resident), more than most changes worth measuring; the ratio is taken on their median.
    for (let k = 1; k <= SIM_AGENTS; k++)
      agents.push({
        name: `agent, built (simulated backend, no ORT, idle) #${k}`,
        a: await startAgentProcess(
          coordBuilt,
          `footprint-sim-${k}`,
          { ...simulated, ...cadence },
          launcher('agent', true, `agent-built-sim-${k}`),
        ),
        mem: `agent-built-sim-${k}`,
        coord: coordBuilt,
      });
    agents.push({
      name: 'agent, built (simulated, former cadence: a report every second)',
      a: await startAgentProcess(
        coordBuilt,
        'footprint-sim-1s',
        { ...simulated, ...cadence, telemetryHeartbeatMs: 1000, hostMetricsIdleMs: 5000 },
        launcher('agent', true, 'agent-built-sim-1s'),
      ),
      coord: coordBuilt,
      mem: 'agent-built-sim-1s',
    });
  } else
    console.log(
      'not built (no agent/dist, coordinator/dist): run `npm run build` for the compiled rows',
    );

  const procs = [
    ...agents.map((x) => ({ name: x.name, pid: x.a.proc.child.pid ?? 0, mem: memFile(x.mem) })),
    { name: 'bare node (peer)', pid: bare.pid ?? 0, mem: memFile('bare') },
    { name: 'bare node + tsx loader (peer)', pid: bareTsx.pid ?? 0, mem: memFile('bare-tsx') },
    ...coords.map((x) => ({ name: x.name, pid: x.c.proc.child.pid ?? 0, mem: memFile(x.mem) })),
  ];
  await sleep(SETTLE_S * 1000);
  // After the settle period: read at once, the last agent started could not have announced its
  // models yet (its row showed none in two runs of session 15 and 16).
  const models = await Promise.all(
    agents.map(async (x) => {
      const r = await x.coord.api<{ models: string[] }>('GET', `/api/v1/sites/${x.a.siteId}`);
      return { agent: x.name, models: r.body.models };
    }),
  );
  const start = procs.map((p) => procStats(p.pid));
  const maxRss = start.map((s) => s.rss);
  const t0 = performance.now();
  for (let t = 0; t < WINDOW_S; t += 5) {
    await sleep(Math.min(5, WINDOW_S - t) * 1000);
    procs.forEach((p, i) => (maxRss[i] = Math.max(maxRss[i] ?? 0, procStats(p.pid).rss)));
  }
  const end = procs.map((p) => procStats(p.pid));
  const wallS = (performance.now() - t0) / 1000;
  for (const p of procs) process.kill(p.pid, 'SIGUSR2');
  await sleep(1000);
  const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
  const rows = procs.map((p, i) => ({
    process: p.name,
    'rss MiB (end)': mib(end[i]?.rss ?? 0),
    'rss MiB (max)': mib(maxRss[i] ?? 0),
    'cpu % of one core':
      Math.round((((end[i]?.cpuS ?? 0) - (start[i]?.cpuS ?? 0)) / wallS) * 1000) / 10,
    'cpu s': Math.round(((end[i]?.cpuS ?? 0) - (start[i]?.cpuS ?? 0)) * 100) / 100,
  }));
  const breakdown = procs.map((p) => {
    const m = readMem(p.mem);
    return {
      process: p.name,
      'heap used': mib(m.heapUsed ?? 0),
      'heap total': mib(m.heapTotal ?? 0),
      external: mib(m.external ?? 0),
      'array buffers': mib(m.arrayBuffers ?? 0),
      'V8 code': mib(m.codeSpace ?? 0),
      'rss anon': mib(m.rssAnon ?? 0),
      'rss file': mib(m.rssFile ?? 0),
      ORT: m.onnxruntimeMapped === undefined ? '?' : m.onnxruntimeMapped ? 'mapped' : 'no',
    };
  });
  const rss = (name: string) => rows.find((r) => r.process.startsWith(name))?.['rss MiB (end)'];
  const simRss = rows
    .filter((r) => r.process.startsWith('agent, built (simulated backend'))
    .map((r) => r['rss MiB (end)'])
    .sort((a, b) => a - b);
  const simMedian = simRss[Math.floor((simRss.length - 1) / 2)];
  await report(`idle footprint over ${Math.round(wallS)} s (same window for all)`, rows, {
    windowS: wallS,
    advertisedModels: models,
    memoryMiB: breakdown,
    builtSimAgentRssMiB: simRss,
    builtSimAgentOverBareNode:
      BUILT && rss('bare node (peer)') && simMedian !== undefined
        ? Math.round((simMedian / (rss('bare node (peer)') ?? 1)) * 100) / 100
        : null,
    loadavgBefore: load0,
    loadavgAfter: loadavg(),
  });
  console.log(
    '\nmemory at the end of the window, MiB (process.memoryUsage, V8 code space, /proc status)',
  );
  console.table(breakdown);
  for (const m of models) console.log(`advertised by ${m.agent}: ${m.models.join(', ')}`);
  if (simMedian !== undefined && rss('bare node (peer)'))
    console.log(
      `built agents on the simulated backend: ${simRss.join(', ')} MiB, median ${simMedian} = ${(simMedian / (rss('bare node (peer)') ?? 1)).toFixed(2)} × bare node`,
    );
  console.log(
    `load average before ${load0.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  bare.kill();
  bareTsx.kill();
  for (const x of agents) await x.a.proc.kill('SIGTERM');
  for (const x of coords) await x.c.proc.kill();
}

function readMem(path: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}
