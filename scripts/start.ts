/**
 * `npm start`: the coordinator on the embedded defaults (aedes broker, PGlite ledger), a fleet of
 * real agents over real MQTT and gRPC, and a trickle of vehicles. The first `--onnx-sites` sites
 * (default 3, one per region) run real models in ONNX Runtime (the PaddleOCR classifier and
 * detector shipped with the agent) and the vehicles that use them send real tensors; every other
 * site runs the simulated backend (a sleep), and says so. `npm start -- --no-sim` runs the
 * coordinator alone. Preferred ports that are taken (this machine may run Mosquitto on 1883) are
 * replaced by free ones and said so.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, describeError, sleep } from '@edgefleet/common';
import { loadCoordinatorConfig, startCoordinator } from '@edgefleet/coordinator';
import { DEFAULT_REGIONS, startSimFleet } from '@edgefleet/agent';
import { EdgefleetClient } from '@edgefleet/client';
import { formatTokens, type edgefleet } from '@edgefleet/proto';
import { fp32, plateFrame, textLineCrop } from './demo-tensors.js';

const { values } = parseArgs({
  options: {
    'no-sim': { type: 'boolean', default: false },
    sites: { type: 'string', default: '24' },
    vehicles: { type: 'string', default: '4' },
    'onnx-sites': { type: 'string', default: '3' },
    'data-dir': { type: 'string', default: './data/demo' },
    'keep-data': { type: 'boolean', default: false },
  },
});

const dataDir = resolve(values['data-dir'] as string);
if (!values['keep-data'] && !values['no-sim']) rmSync(dataDir, { recursive: true, force: true });
const adminToken =
  process.env.EDGEFLEET_ADMIN_TOKEN ?? `adm_${randomBytes(18).toString('base64url')}`; // never starts with '-'
const log = createLogger(
  'edgefleet',
  (process.env.EDGEFLEET_LOG_LEVEL as 'info' | undefined) ?? 'warn',
);

/**
 * What runs, newest last: a signal closes them in reverse order and exits. Handlers are set before
 * anything starts, so a signal during start-up (24 sites enrolling takes a while) stops the demo too;
 * whatever is still starting then ends with the process. Repeated signals are one stop: `npm start`
 * in a terminal gets Ctrl-C twice (the terminal signals the group, npm forwards its copy).
 */
const running: { name: string; close: () => Promise<void> }[] = [];
let stopping = false;
const STOP_DEADLINE_MS = 20_000;

function stopDemo(why: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`\n${why}: stopping the demo…`);
  setTimeout(() => {
    console.error(`edgefleet: the demo did not stop within ${STOP_DEADLINE_MS} ms; exiting anyway`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  void (async () => {
    for (const r of running.splice(0).reverse()) {
      try {
        await r.close();
      } catch (err) {
        console.error(`edgefleet: stopping ${r.name}: ${describeError(err)}`);
      }
    }
    process.exit(0);
  })();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => stopDemo(sig));
/** After each start-up step: once a stop began, start nothing more (the stop ends the process). */
const unlessStopping = (): Promise<void> =>
  stopping ? new Promise<void>(() => undefined) : Promise.resolve();

const pops = DEFAULT_REGIONS.flatMap((r) => r.pops.map((p) => ({ ...p, region: r.name })));
const config = loadCoordinatorConfig({
  overrides: {
    dataDir: `${dataDir}/coordinator`,
    portFallback: true,
    auth: { tokens: [{ token: adminToken, role: 'admin', name: 'demo-admin' }] },
    routing: { pops },
    leases: { settleMs: 3000 },
    reconcile: { schedule: '*/2 * * * * *' },
    // Canaries on the demo fleet: its ONNX sites compute on this host's CPU while their fake cards
    // claim GPUs, and its simulated sites answer by echo, so both get envelopes an honest demo meets.
    spotChecks: {
      models: [
        { model: 'ppocr-cls', oracle: 'onnx-fixture', referenceMs: 25 },
        { model: 'llama-3-8b', oracle: 'echo', referenceMs: 50 },
      ],
    },
  },
});
const coordinator = await startCoordinator(config, { log });
running.push({ name: 'the coordinator', close: () => coordinator.close() });
await unlessStopping();
for (const n of coordinator.notices) console.log(`note: ${n}`);

let stopVehicles = false;
const vehicleLoops: Promise<void>[] = [];

/** The models the ONNX sites load (the recognizer, 10.8 MB, is left out to keep the start quick). */
const ONNX_MODELS = ['ppocr-cls', 'ppocr-det'] as const;

type Session = Awaited<ReturnType<EdgefleetClient['acquire']>>;
interface Workload {
  model: string;
  maxRttMs: number;
  run(
    session: Session,
    vehicle: number,
    frame: number,
  ): Promise<{ microTokens: number; said: string }>;
}
const computed = (r: edgefleet.v1.IInferResponse) =>
  `${(r.compute_ms ?? 0).toFixed(2)} ms on ${r.execution_provider || '?'}`;
/** What the vehicles do, in turn: read a sign crop's direction, ask a simulated LLM, find text in a frame. */
const WORKLOADS: Workload[] = [
  {
    model: 'ppocr-cls',
    maxRttMs: 60, // three ONNX sites, one per region: the nearest may be a region away
    async run(session, _v, frame) {
      const rotated = frame % 2 === 1;
      const r = await session.infer('', { tensors: [textLineCrop(rotated)], timeoutMs: 2000 });
      const p = fp32(r.response.outputs?.[0]);
      const upright = (p[0] ?? 0) > (p[1] ?? 0);
      return {
        microTokens: r.response.micro_tokens,
        said: `crop ${rotated ? 'turned' : 'as shot'}: ${upright ? 'upright' : 'upside down'} (p=${Math.max(p[0] ?? 0, p[1] ?? 0).toFixed(3)}), ${computed(r.response)}`,
      };
    },
  },
  {
    model: 'llama-3-8b',
    maxRttMs: 25,
    async run(session, v, frame) {
      const r = await session.infer(`vehicle ${v} frame ${frame} lane detection`, {
        timeoutMs: 500,
      });
      return {
        microTokens: r.response.micro_tokens,
        said: `simulated backend, ${r.response.compute_ms.toFixed(1)} ms sleep`,
      };
    },
  },
  {
    model: 'ppocr-det',
    maxRttMs: 60,
    async run(session) {
      const r = await session.infer('', { tensors: [plateFrame(96)], timeoutMs: 2000 });
      const map = fp32(r.response.outputs?.[0]);
      const text = map.filter((x) => x > 0.3).length;
      return {
        microTokens: r.response.micro_tokens,
        said: `text map ${(r.response.outputs?.[0]?.shape ?? []).join('×')}, ${text} text pixels, ${computed(r.response)}`,
      };
    },
  },
];

console.log(`
edgefleet is up
  NOC dashboard  ${coordinator.httpUrl}/#token=${adminToken}
  REST API       ${coordinator.httpUrl}/api/v1/sites   (Authorization: Bearer ${adminToken})
  metrics        ${coordinator.httpUrl}/metrics
  gRPC           ${coordinator.grpcEndpoint}   (LeaseBroker, EdgeControl; ${coordinator.grpcTls ? `${coordinator.grpcTls.mode}, CA ${coordinator.grpcTls.files.ca}` : 'plaintext: EDGEFLEET_COORDINATOR_GRPC__TLS__MODE=mtls for TLS'})
  MQTT           ${coordinator.mqttUrl}   (embedded aedes, per-site credentials)
  ledger         ${coordinator.db.kind} under ${config.dataDir}
`);

if (!values['no-sim']) {
  const sites = Number(values.sites);
  const onnxSites = Math.min(sites, Number(values['onnx-sites']));
  console.log(
    `starting ${sites} sites in ${DEFAULT_REGIONS.length} regions: ${onnxSites} on ONNX Runtime (real PaddleOCR models), ${sites - onnxSites} on the simulated backend (a sleep, no real compute)…`,
  );
  const fleet = await startSimFleet({
    sites,
    coordinatorHttp: coordinator.httpUrl,
    token: adminToken,
    dataDir: `${dataDir}/sites`,
    log,
    telemetryIntervalMs: 1000,
    onnx: { sites: onnxSites, only: [...ONNX_MODELS] },
    onProgress: (done, total) => {
      if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0)
        process.stdout.write(`  ${done}/${total} sites enrolled and connected\n`);
    },
  });
  running.push({ name: 'the simulated sites', close: () => fleet.close() });
  await unlessStopping();
  for (const a of fleet.agents.slice(0, onnxSites))
    console.log(
      `  ${a.siteId}: ONNX Runtime, ${a.backend.executionProvider ?? '?'}: ${a.models.join(', ')}`,
    );
  if (sites > onnxSites)
    console.log(
      `  the other ${sites - onnxSites} sites: simulated backend (llama-3-8b, whisper-small)`,
    );
  const customer = 'fleet-demo';
  await coordinator.ledger.topUp(customer, 1_000_000_000, 'demo top-up');
  console.log(
    `${sites} sites enrolled; customer "${customer}" topped up with ${formatTokens(1_000_000_000)}; vehicles start now (Ctrl-C to stop)\n`,
  );
  // Vehicles authenticate to the LeaseBroker with their fleet's API key (issued once, shown once).
  const key = await coordinator.customerKeys.issue(customer, 'demo', 'demo vehicles');
  // The key names its customer: loadgen needs no --customer (it asks GET /api/v1/whoami on --api).
  console.log(
    `load test (another terminal):\n  EDGEFLEET_COORDINATOR=${coordinator.grpcEndpoint} EDGEFLEET_API=${coordinator.httpUrl} EDGEFLEET_TOKEN=${key.token}${coordinator.grpcTls ? ` EDGEFLEET_CA=${coordinator.grpcTls.files.ca}` : ''} \\\n    npx edgefleet loadgen --pops pop-fra,pop-muc --vehicles 50 --duration 30\n`,
  );
  const client = new EdgefleetClient({
    coordinator: coordinator.grpcEndpoint,
    customerId: customer,
    defaultTimeoutMs: 2000,
    bearerToken: key.token,
    ...(coordinator.grpcTls ? { ca: coordinator.grpcTls.files.ca } : {}),
  });
  running.push({
    name: 'the vehicles',
    close: async () => {
      stopVehicles = true;
      await Promise.allSettled(vehicleLoops);
      client.close();
    },
  });
  const vehicles = Number(values.vehicles);
  for (let v = 0; v < vehicles; v++) {
    const work = onnxSites > 0 ? WORKLOADS[v % WORKLOADS.length] : WORKLOADS[1];
    if (!work) continue;
    vehicleLoops.push(
      (async () => {
        await sleep(500 * v);
        while (!stopVehicles) {
          const pop = pops[Math.floor(Math.random() * pops.length)] ?? pops[0];
          try {
            const session = await client.acquire({
              model: work.model,
              location: { popId: pop?.id ?? '' },
              maxRttMs: work.maxRttMs,
              budgetMicroTokens: 50_000,
              hedges: 1,
              ttlS: 60,
              explain: true,
            });
            let burned = 0;
            const said: string[] = [];
            for (let i = 0; i < 5 && !stopVehicles; i++) {
              const r = await work.run(session, v, i);
              burned += r.microTokens;
              said.push(r.said);
              await sleep(200);
            }
            await session.release();
            console.log(
              `vehicle ${v} near ${pop?.id}: ${work.model} served by ${session.primary?.site_id ?? '?'}, burned ${burned} µT${said.length ? ` · ${said.slice(0, 2).join(' | ')}` : ''}`,
            );
          } catch (err) {
            console.log(`vehicle ${v}: ${describeError(err)}`);
          }
          await sleep(1500 + Math.random() * 1500);
        }
      })(),
    );
  }
  const stats = setInterval(() => {
    const c = coordinator.registry.countByState();
    console.log(
      `fleet: ${c.online} online, ${c.degraded} degraded, ${c.offline} offline · live leases ${coordinator.leases.liveHolds}`,
    );
  }, 10_000);
  stats.unref();
}
