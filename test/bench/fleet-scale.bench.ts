/**
 * Fleet scale: N simulated sites (real agent code: enrollment, MQTT with per-site auth,
 * EdgeControl stream, Inference server, outbox) against one coordinator process.
 * Measures time to all online, telemetry ingest, lease throughput under that load, coordinator
 * RSS/CPU, sim RSS per site. Peer, same run: N bare mqtt.js clients connecting to a bare aedes.
 *
 *   npm run bench -- fleet-scale                 (SITES=10000 by default)
 *   SITES=2000 BROKER=mosquitto npm run bench -- fleet-scale
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Aedes } from 'aedes';
import { EdgefleetClient } from '@edgefleet/client';
import { eventually, ROOT } from '../support/processes.js';
import { startCoordinatorProcess } from '../support/coordinator-process.js';
import { procStats, promCounter } from './support/proc-stats.js';
import { startMosquitto } from '../support/mosquitto.js';
import { report } from './report.js';

const SITES = Number(process.env.SITES ?? 10_000);
const BROKER = process.env.BROKER ?? 'embedded';
const TELEMETRY_MS = Number(process.env.TELEMETRY_MS ?? 10_000);
const LEASE_S = Number(process.env.LEASE_S ?? 10);
/**
 * This machine caps open files at 20,000 per process (hard limit, not raisable here), and a
 * simulated site holds about three (MQTT socket, Inference listener, outbox log), so the sites
 * are spread over several simulator processes. They share one EdgeControl channel per process.
 */
const SITES_PER_PROC = Number(process.env.SITES_PER_PROC ?? 2500);

function tsNode(entry: string, args: string[]) {
  return [
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--max-old-space-size=6144', entry, ...args],
  ] as const;
}

async function peerBareAedes(n: number): Promise<{ ms: number; brokerRss: number }> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const before = process.memoryUsage().rss;
  const children = Array.from({ length: Math.ceil(n / SITES_PER_PROC) }, (_, k) => {
    const [cmd, args] = tsNode(join(ROOT, 'test/bench/support/bare-clients.ts'), [
      url,
      String(Math.min(SITES_PER_PROC, n - k * SITES_PER_PROC)),
      String(k),
    ]);
    return spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  });
  const t0 = Date.now();
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          let buf = '';
          child.stdout.on('data', (b: Buffer) => {
            buf += b.toString();
            if (/\{"connected".*\}/.test(buf)) resolve();
          });
        }),
    ),
  );
  const r = { ms: Date.now() - t0 };
  const brokerRss = process.memoryUsage().rss - before;
  for (const child of children) child.kill('SIGTERM');
  await new Promise<void>((res) => broker.close(() => res()));
  server.close();
  return { ms: r.ms, brokerRss };
}

const mosq =
  BROKER === 'mosquitto'
    ? await startMosquitto({ conf: ['max_queued_messages 100000', 'max_connections -1'] })
    : undefined;
const coord = await startCoordinatorProcess({
  mqtt: mosq ? { url: mosq.url, sharedGroup: 'bench' } : { port: 0 },
  liveness: {
    telemetryStaleMs: TELEMETRY_MS * 3,
    offlineAfterMs: TELEMETRY_MS * 6,
    sweepIntervalMs: 1000,
  },
  reconcile: { schedule: '*/5 * * * * *' },
  limits: { maxSites: SITES + 10 },
  leases: { settleMs: 2000 },
});
const coordPid = coord.proc.child.pid ?? 0;
await new Promise((r) => setTimeout(r, 2000));
const baseRss = procStats(coordPid).rss;
const simDir = mkdtempSync(join(tmpdir(), 'ef-sim-'));
const t0 = Date.now();
const sims = Array.from({ length: Math.ceil(SITES / SITES_PER_PROC) }, (_, k) => {
  const n = Math.min(SITES_PER_PROC, SITES - k * SITES_PER_PROC);
  const [cmd, args] = tsNode(join(ROOT, 'test/bench/support/sim-fleet.ts'), [
    coord.http,
    coord.adminToken,
    simDir,
    String(n),
    String(TELEMETRY_MS),
    String(k * SITES_PER_PROC),
  ]);
  const child = spawn(cmd, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, EDGEFLEET_LOG_LEVEL: 'error' },
  });
  const state = { child, out: '' };
  child.stdout.on('data', (b: Buffer) => {
    state.out += b.toString();
    process.stderr.write(b);
  });
  return state;
});
const simDied = new Promise<never>((_, reject) => {
  for (const sp of sims)
    sp.child.once('exit', (code) =>
      reject(new Error(`a simulator process exited (${code}) before every site was online`)),
    );
});
simDied.catch(() => undefined);
const counts = await Promise.race([
  eventually(
    () => coord.api<{ counts: Record<string, number> }>('GET', '/api/v1/sites?limit=1'),
    (r) => (r.body?.counts?.online ?? 0) >= SITES,
    30 * 60_000,
    1000,
  ),
  simDied,
]);
const allOnlineMs = Date.now() - t0;
const simStartedMs = Math.max(
  ...sims.map((s) => {
    const line = /\{"started".*\}/.exec(s.out)?.[0];
    return line ? (JSON.parse(line) as { ms: number }).ms : NaN;
  }),
);

// Steady state: telemetry ingest and coordinator CPU over one window.
const metrics = async () => (await fetch(`${coord.http}/metrics`)).text();
const s0 = procStats(coordPid);
const m0 = promCounter(await metrics(), 'edgefleet_telemetry_messages_total');
const w0 = Date.now();
await new Promise((r) => setTimeout(r, Math.max(15_000, TELEMETRY_MS * 2)));
const m1 = promCounter(await metrics(), 'edgefleet_telemetry_messages_total');
const s1 = procStats(coordPid);
const windowS = (Date.now() - w0) / 1000;

// Lease throughput under that load: acquire → infer → release from 32 concurrent vehicles.
await coord.api('POST', '/api/v1/customers/bench/topup', { microTokens: 10 ** 12 });
const client = new EdgefleetClient({
  coordinator: coord.grpc,
  customerId: 'bench',
  defaultTimeoutMs: 5000,
  bearerToken: coord.adminToken,
});
const lat: number[] = [];
let errors = 0;
/** Failed cycles by error name and message, printed after the run: a failure is reported, not hidden. */
const failures = new Map<string, number>();
const until = Date.now() + LEASE_S * 1000;
const pops = ['pop-fra', 'pop-muc', 'pop-par', 'pop-lyo', 'pop-sto', 'pop-osl'];
await Promise.all(
  Array.from({ length: 32 }, async (_, v) => {
    let k = 0;
    while (Date.now() < until) {
      const t = performance.now();
      try {
        const s = await client.acquire({
          model: 'llama-3-8b',
          location: { popId: pops[(v + k++) % pops.length] ?? 'pop-fra' },
          budgetMicroTokens: 10_000,
          autoRenew: false,
        });
        lat.push(performance.now() - t);
        await s.infer('bench', { timeoutMs: 2000 });
        await s.release();
      } catch (err) {
        errors++;
        const key = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
  }),
);
client.close();
for (const [what, n] of failures) console.error(`lease cycle failed ×${n}: ${what}`);
lat.sort((a, b) => a - b);
const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
const simRss = sims.reduce(
  (a, s) => a + Number([...s.out.matchAll(/\{"rss":(\d+)\}/g)].pop()?.[1] ?? NaN),
  0,
);

for (const s of sims) s.child.kill('SIGTERM');
await Promise.all(sims.map((s) => new Promise((r) => s.child.once('exit', r))));
await coord.proc.kill();
await mosq?.stop();

const peer = await peerBareAedes(SITES);
await report(
  `fleet scale: ${SITES} simulated sites, broker=${BROKER}`,
  [
    {
      measure: 'time to all sites online (s)',
      edgefleet: allOnlineMs / 1000,
      'bare aedes + plain mqtt clients': peer.ms / 1000,
      ratio: allOnlineMs / peer.ms,
    },
    {
      measure: 'sim: all agents started (s)',
      edgefleet: simStartedMs / 1000,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'telemetry ingested (msg/s)',
      edgefleet: (m1 - m0) / windowS,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'coordinator CPU (% of one core)',
      edgefleet: ((s1.cpuS - s0.cpuS) / windowS) * 100,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'coordinator RSS, idle before any site (MiB)',
      edgefleet: baseRss / 2 ** 20,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'coordinator RSS with all sites (MiB)',
      edgefleet: s1.rss / 2 ** 20,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'RSS added per 1,000 sites (MiB)',
      edgefleet: (s1.rss - baseRss) / 2 ** 20 / (SITES / 1000),
      'bare aedes + plain mqtt clients': peer.brokerRss / 2 ** 20 / (SITES / 1000),
      ratio: (s1.rss - baseRss) / Math.max(1, peer.brokerRss),
    },
    {
      measure: 'sim RSS per site (KiB)',
      edgefleet: simRss / 1024 / SITES,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: `acquire under load (leases/s, ${LEASE_S} s, 32 vehicles)`,
      edgefleet: lat.length / LEASE_S,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'acquire p50 / p99 (ms)',
      edgefleet: `${pct(0.5).toFixed(1)} / ${pct(0.99).toFixed(1)}`,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
    {
      measure: 'lease cycles failed',
      edgefleet: errors,
      'bare aedes + plain mqtt clients': '',
      ratio: '',
    },
  ],
  { sites: SITES, broker: BROKER, simProcesses: sims.length, counts: counts.body.counts },
);
process.exit(0);
