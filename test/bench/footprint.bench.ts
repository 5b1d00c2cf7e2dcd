/**
 * The idle agent's footprint with real models loaded, beside a bare `node` in the same minute:
 *   - agent: `edgefleet-agent run` as its own process, on the ONNX backend with the three shipped
 *     PaddleOCR models loaded and warmed (cls, det, rec), enrolled with a coordinator process, its MQTT
 *     and EdgeControl links up, telemetry every second with host metrics (the production defaults),
 *     no request in flight;
 *   - peer: a bare `node` process (`setInterval` keeping it alive), and the same under the tsx loader
 *     the agent runs with here from sources (the agent's own share is the difference to that one);
 *   - the coordinator process it enrolled with (embedded PGlite ledger, embedded broker), idle but for
 *     that one site: its RSS from its start (max over the window) to the end of the window.
 * After a settle period, RSS and CPU time (user+system, /proc) of all three are read at the start and
 * the end of the same window (EDGEFLEET_BENCH_WINDOW_S, 60 by default), RSS also every 5 s (the max
 * is shown). os.loadavg() is printed with the figures: the CPU figures are only as quiet as the box.
 *
 *   npm run bench -- footprint
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { startCoordinatorProcess } from '../support/coordinator-process.js';
import { ROOT } from '../support/processes.js';
import { startAgentProcess } from '../support/site-agent.js';
import { procStats } from './support/proc-stats.js';
import { report } from './report.js';

const WINDOW_S = Number(process.env.EDGEFLEET_BENCH_WINDOW_S ?? 60);
const SETTLE_S = Number(process.env.EDGEFLEET_BENCH_SETTLE_S ?? 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const load0 = loadavg();
const coord = await startCoordinatorProcess({
  routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
});
const agent = await startAgentProcess(coord, 'footprint', {
  backend: { kind: 'onnx', executionProvider: 'cpu' },
  telemetryIntervalMs: 1000,
  hostMetrics: true,
});
const idle = 'setInterval(() => {}, 1000)';
const bare = spawn(process.execPath, ['-e', idle], { stdio: 'ignore' });
const bareTsx = spawn(process.execPath, ['--import', 'tsx', '-e', idle], {
  stdio: 'ignore',
  cwd: ROOT,
});
const procs = [
  { name: 'agent (ONNX, 3 models loaded, idle)', pid: agent.proc.child.pid ?? 0 },
  { name: 'bare node (peer)', pid: bare.pid ?? 0 },
  { name: 'bare node + tsx loader (peer)', pid: bareTsx.pid ?? 0 },
  { name: 'coordinator (PGlite, one idle site)', pid: coord.proc.child.pid ?? 0 },
];
try {
  const models = await coord.api<{ models: string[] }>('GET', `/api/v1/sites/${agent.siteId}`);
  await sleep(SETTLE_S * 1000);
  const start = procs.map((p) => procStats(p.pid));
  const maxRss = start.map((s) => s.rss);
  const t0 = performance.now();
  for (let t = 0; t < WINDOW_S; t += 5) {
    await sleep(Math.min(5, WINDOW_S - t) * 1000);
    procs.forEach((p, i) => (maxRss[i] = Math.max(maxRss[i] ?? 0, procStats(p.pid).rss)));
  }
  const end = procs.map((p) => procStats(p.pid));
  const wallS = (performance.now() - t0) / 1000;
  const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
  const rows = procs.map((p, i) => ({
    process: p.name,
    'rss MiB (end)': mib(end[i]?.rss ?? 0),
    'rss MiB (max)': mib(maxRss[i] ?? 0),
    'cpu % of one core':
      Math.round((((end[i]?.cpuS ?? 0) - (start[i]?.cpuS ?? 0)) / wallS) * 1000) / 10,
    'cpu s': Math.round(((end[i]?.cpuS ?? 0) - (start[i]?.cpuS ?? 0)) * 100) / 100,
  }));
  const agentRow = rows[0];
  const tsxRow = rows[2];
  await report(`idle agent footprint over ${Math.round(wallS)} s (same window for all)`, rows, {
    windowS: wallS,
    advertisedModels: models.body.models,
    agentMinusTsxPeerRssMiB:
      Math.round(((agentRow?.['rss MiB (end)'] ?? 0) - (tsxRow?.['rss MiB (end)'] ?? 0)) * 10) / 10,
    loadavgBefore: load0,
    loadavgAfter: loadavg(),
  });
  console.log(`advertised models: ${models.body.models.join(', ')}`);
  console.log(
    `load average before ${load0.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  bare.kill();
  bareTsx.kill();
  await agent.proc.kill('SIGTERM');
  await coord.proc.kill();
}
