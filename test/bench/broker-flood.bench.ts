/**
 * One site floods the embedded broker; do vehicles notice? A real coordinator process, two quiet
 * agent processes (the sites vehicles lease), and a flooding site (an enrolled site's credentials,
 * its agent stopped) in a process of its own. Vehicles run Acquire + Release in a closed loop
 * (concurrency 4) for EDGEFLEET_BENCH_SECONDS (default 10) per phase, measured side by side:
 *   - quiet: nobody floods (the peer every other phase is compared with);
 *   - 50 MB publishes: the flooder sends 50 MB PUBLISH packets back to back, reconnecting each time
 *     it is refused (the attack of issue #15: before the limit, one such publish raised Acquire +
 *     Release to 3,030 ms);
 *   - publish rate: the flooder sends small telemetry publishes as fast as its socket takes them.
 * With EDGEFLEET_BENCH_UNLIMITED=1 the same phases run again on a coordinator whose limits are set
 * out of the way (maxPacketBytes 256 MB, no rate limit): what the limits buy.
 * Each row: Acquire+Release p50/p99, its ratio to the quiet phase of the same coordinator, what the
 * broker refused (edgefleet_mqtt_limited_total) and the coordinator's RSS; the load average is printed.
 *
 *   npm run bench -- broker-flood
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { EdgefleetClient } from '@edgefleet/client';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { load } from './support/load.js';
import { procStats, promCounter } from './support/proc-stats.js';
import { report } from './report.js';

const SELF = fileURLToPath(import.meta.url);
const SECONDS = Number(process.env.EDGEFLEET_BENCH_SECONDS ?? 10);
const CUSTOMER = 'bench-flood-cust';
const MODEL = 'llama-3-8b';
const MB = 1024 * 1024;

type FloodMode = 'big' | 'rate';

/** The flooding site (child process): floods until killed. */
async function flood(url: string, siteId: string, secret: string, mode: FloodMode): Promise<void> {
  const big = Buffer.alloc(50 * MB, 1);
  const small = Buffer.from(`{"site_id":"${siteId}","ts_ms":0}`);
  const topic = `edgefleet/v1/site/${siteId}/telemetry`;
  for (;;) {
    const c = mqtt.connect(url, {
      clientId: siteId,
      username: siteId,
      password: secret,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    await new Promise<void>((resolve) => {
      c.once('close', () => resolve());
      c.once('error', () => c.end(true));
      c.once('connect', () => {
        process.send?.('flooding');
        if (mode === 'big') {
          c.publish(topic, big, { qos: 0 });
          return;
        }
        const pump = () => {
          // As fast as the socket takes them; when its buffer is full, wait for it to drain.
          for (let i = 0; i < 1000 && c.connected; i++) c.publish(topic, small, { qos: 0 });
          if (c.connected) setImmediate(pump);
        };
        pump();
      });
    });
    c.removeAllListeners();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One Acquire + Release, what a vehicle does per lease. */
async function measureOnce(client: EdgefleetClient): Promise<void> {
  const s = await client.acquire({
    model: MODEL,
    location: { popId: 'pop-fra' },
    budgetMicroTokens: 100_000,
    ttlS: 60,
    autoRenew: false,
  });
  await s.release();
}

async function measure(
  label: string,
  coord: CoordinatorProc,
  flooder: AgentProc,
  mode: FloodMode | undefined,
  client: EdgefleetClient,
): Promise<Record<string, string | number>> {
  const limited = async () =>
    promCounter(
      await (
        await fetch(`${coord.http}/metrics`, {
          headers: { authorization: `Bearer ${coord.adminToken}` },
        })
      ).text(),
      'edgefleet_mqtt_limited_total',
    );
  const before = await limited();
  const child = mode
    ? fork(SELF, ['flood', coord.mqtt, flooder.siteId, flooder.secret, mode], { stdio: 'inherit' })
    : undefined;
  // The flood is on before we measure (the child says so once connected).
  if (child)
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the flooder never connected')), 120_000);
      child.once('message', () => {
        clearTimeout(t);
        resolve();
      });
    });
  let rssPeak = 0;
  const pid = coord.proc.child.pid ?? 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, procStats(pid).rss)), 100);
  const r = await load(() => measureOnce(client), SECONDS, 4);
  clearInterval(sampler);
  child?.kill('SIGKILL');
  return {
    coordinator: label,
    phase: mode === 'big' ? '50 MB publishes' : mode === 'rate' ? 'publish rate' : 'quiet',
    ops: r.ops,
    errors: r.errors,
    p50_ms: r.p50,
    p99_ms: r.p99,
    refused_by_limits: (await limited()) - before,
    coordinator_rss_peak_mb: rssPeak / MB,
    ...(r.firstError ? { first_error: r.firstError.slice(0, 80) } : {}),
  };
}

async function run(label: string, settings: Record<string, unknown>) {
  const coord = await startCoordinatorProcess({
    routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    ...settings,
  });
  const agents: AgentProc[] = [];
  try {
    agents.push(
      ...(await Promise.all(
        ['quiet-a', 'quiet-b', 'flooder'].map((n) => startAgentProcess(coord, n)),
      )),
    );
    // The flooder is an enrolled site whose own agent is stopped (its credentials flood instead).
    const flooder = agents[2] as AgentProc;
    await flooder.proc.kill('SIGKILL');
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.filter((s) => s.state === 'online').length === 2,
      60_000,
    );
    await coord.api('POST', `/api/v1/customers/${CUSTOMER}/topup`, { microTokens: 1e12 });
    const client = new EdgefleetClient({
      coordinator: coord.grpc,
      customerId: CUSTOMER,
      defaultTimeoutMs: 10_000,
      bearerToken: coord.adminToken,
    });
    try {
      // Warm up: routing has the sites and the first offers are made before anything is measured.
      for (let i = 0; i < 3; i++) await measureOnce(client);
      const rows = [];
      for (const mode of [undefined, 'big', 'rate'] as const)
        rows.push(await measure(label, coord, flooder, mode, client));
      const quietP99 = Number(rows[0]?.p99_ms);
      return rows.map((r) => ({ ...r, p99_vs_quiet: Number(r.p99_ms) / quietP99 }));
    } finally {
      client.close();
    }
  } finally {
    await Promise.all(agents.map((a) => a.proc.kill('SIGKILL')));
    await coord.proc.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const rows = await run('limits (defaults)', {});
  if (process.env.EDGEFLEET_BENCH_UNLIMITED === '1')
    rows.push(
      ...(await run('no limits', {
        mqtt: {
          port: 0,
          limits: {
            maxPacketBytes: 256 * MB,
            byteBurst: 256 * MB,
            bytesPerSecond: 1e12,
            messagesPerSecond: 1e9,
            messageBurst: 1e9,
          },
        },
      })),
    );
  await report('broker flood: Acquire+Release latency beside a flooding site', rows, {
    seconds: SECONDS,
    loadavg_before: load0,
    loadavg_after: loadavg(),
  });
  console.log(
    `load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

if (process.argv[2] === 'flood') {
  const [, , , url, siteId, secret, mode] = process.argv;
  await flood(url ?? '', siteId ?? '', secret ?? '', (mode ?? 'big') as FloodMode);
} else {
  await main();
}
