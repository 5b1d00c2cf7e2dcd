/**
 * Acquire over gRPC with 10,000 sites registered, and the routing decision alone.
 *
 *   npm run bench -- acquire            (SITES=10000 NEAR=50 SECONDS=5 WARMUP=5 CONCURRENCY=64)
 *   PGLITE=worker|main-thread npm run bench -- acquire   (where the coordinator's PGlite runs; default: the config's)
 *   SLICES=0 npm run bench -- acquire   (every hold placed in the database at Acquire, not against a slice)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench -- acquire
 *                                       (the ledger on that PostgreSQL server, in a fresh database; the
 *                                       server CPU per Acquire then adds its postgres processes' CPU)
 *   ACQUIRE_ONLY=1 CPU_PROFILE=/tmp/acq.cpuprofile node --conditions=source --import tsx test/bench/acquire.bench.ts
 *                                       (only the Acquire runs, with a CPU profile of the coordinator's process during
 *                                       the offer path's run; CPU_PROFILE_RUN=local: during the site-quota run)
 *
 * Three processes, as in a deployment: this one is the coordinator (in-process: PGlite ledger in a
 * temp dir, embedded broker, gRPC server); the vehicles (the load generator, acquire-load.worker.ts)
 * run in a child process, and the NEAR sites' agents (lightweight EdgeControl streams that admit
 * every offer) in another. The fleet is SITES sites around 200 PoPs (a grid over Europe); the NEAR
 * sites around the bench PoP hold real streams, the other sites are registered and online in the
 * registry (status, stream flag and telemetry applied directly, telemetry never going stale)
 * but are farther from the bench PoP, so Acquires route to the NEAR sites while every decision
 * runs over the whole 10,000-site registry. Each Acquire places a real ledger hold and lease row.
 * Peers, same run: a raw grpc-js unary echo at the same concurrency, its server in a child process
 * of its own (as the coordinator's is) and its client in a child process like the load generator's
 * (the gRPC floor), and the full-scan route() over the same registry (what the index saves). The
 * "alone" rows run in this process. For Acquire and the echo, the CPU time per op of each side (each
 * server process's process.cpuUsage(), all its threads, diffed around the measured window; the
 * client's process likewise), and the ops/s that CPU cost allows on this machine's cores
 * (acquireCpuCeilingPerS, echoCpuCeilingPerS): what the run would reach if CPU were the only limit. */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema, route, startCoordinator } from '@edgefleet/coordinator';
import { pb } from '@edgefleet/proto';
import {
  MEASURING,
  type AgentsJob,
  type EchoServerMessage,
  type LoadJob,
} from './acquire-load.worker.js';
import { freshDatabase } from '../support/fresh-database.js';
import { eventually } from '../support/processes.js';
import { load, type LoadResult } from './support/load.js';
import { procStats } from './support/proc-stats.js';
import { report } from './report.js';

/** The LeaseBroker requires a key; an operator token acts for any customer. */
const BENCH_TOKEN = 'bench-operator-token-0123456789';

const SITES = Number(process.env.SITES ?? 10_000);
const NEAR = Number(process.env.NEAR ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);
/** Seconds of load before each measured run: until then V8 is still compiling the Acquire path (hundreds of TurboFan jobs on its helper threads, which on 2 cores take CPU from the run). */
const WARMUP = Number(process.env.WARMUP ?? 5);
const DECISIONS = Number(process.env.DECISIONS ?? 20_000);
const MODEL = 'llama';
/** Only the Acquire run (for profiling the coordinator's side). */
const ACQUIRE_ONLY = process.env.ACQUIRE_ONLY === '1';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Where the server side of a measured run lives: its CPU time is marked at the start and read at the end. */
interface ServerCpu {
  mark(): void;
  /** CPU µs since mark(), all the server process's threads. */
  read(): Promise<number>;
}

/** This process (the coordinator's): every thread of it (event loop, PGlite worker, GC helpers, libuv's pool). */
const thisProcess = (): ServerCpu => {
  let cpu0 = process.cpuUsage();
  return {
    mark: () => (cpu0 = process.cpuUsage()),
    read: () => {
      const d = process.cpuUsage(cpu0);
      return Promise.resolve(d.user + d.system);
    },
  };
};

/**
 * DATABASE_URL=postgres://…: the ledger on that PostgreSQL server (a fresh database is created on it
 * for the run and dropped after) instead of embedded PGlite.
 */
const DATABASE_URL = process.env.DATABASE_URL;

/** CPU µs of every process on this host named `postgres` (the server's backends), from /proc. */
function postgresCpuUs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      total += procStats(Number(pid)).cpuS * 1e6;
    } catch {
      // the process ended between readdir and read: it no longer counts
    }
  }
  return total;
}

/**
 * The coordinator's side of the server: this process, and with DATABASE_URL the PostgreSQL server's
 * processes on this host too (they do the ledger's work PGlite's worker thread does in-process), so
 * the CPU per Acquire is comparable between the two.
 */
const coordinatorSide = (): ServerCpu => {
  const own = thisProcess();
  if (!DATABASE_URL) return own;
  let pg0 = postgresCpuUs();
  return {
    mark: () => {
      own.mark();
      pg0 = postgresCpuUs();
    },
    read: async () => (await own.read()) + (postgresCpuUs() - pg0),
  };
};

/**
 * Runs one load job in a child process of its own (the vehicles' side) and returns what it measured,
 * with the CPU time the server's process spent per op over the same measured window.
 */
function inWorker(
  job: LoadJob,
  server: ServerCpu = thisProcess(),
): Promise<LoadResult & { serverCpuUsPerOp: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL('./acquire-load.worker.ts', import.meta.url)),
      ['--load-worker'],
      {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    let result: Promise<LoadResult & { serverCpuUsPerOp: number }> | undefined;
    let marked = false;
    child.on('message', (m: LoadResult | typeof MEASURING) => {
      if (m === MEASURING) {
        server.mark();
        marked = true;
        return;
      }
      result = server
        .read()
        .then((cpuUs) => ({ ...m, serverCpuUsPerOp: marked ? cpuUs / Math.max(1, m.ops) : NaN }));
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      result
        ? result.then(resolve, reject)
        : reject(new Error(`load process exited with ${code} and no result`)),
    );
    child.send(job);
  });
}

/** The peer's raw grpc-js echo server in a child process of its own (as the coordinator is one). */
function startEchoServer(): Promise<{ endpoint: string; cpu: ServerCpu; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL('./acquire-load.worker.ts', import.meta.url)),
      ['--echo-server'],
      {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    let reading: ((cpuUs: number) => void) | undefined;
    child.on('message', (m: EchoServerMessage) => {
      if ('endpoint' in m)
        resolve({
          endpoint: m.endpoint,
          cpu: {
            mark: () => child.send('cpu-start'),
            read: () =>
              new Promise<number>((res) => {
                reading = res;
                child.send('cpu-read');
              }),
          },
          stop: () => child.send('stop'),
        });
      else reading?.(m.cpuUs);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
}

/** The NEAR sites' agents in a child process of their own; stop() ends their streams. */
function startAgents(job: AgentsJob): Promise<{ stop: () => void; grantQuotas: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(new URL('./acquire-load.worker.ts', import.meta.url)),
      ['--agents'],
      {
        execArgv: ['--conditions=source', '--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    child.once('message', () =>
      resolve({ stop: () => child.send('stop'), grantQuotas: () => child.send('quota') }),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`agents process exited with ${code}`)));
    child.send(job);
  });
}

/** The ledger's row counts that an Acquire can add to (leases: the view, one per lease granted). */
async function durableRows(db: Awaited<ReturnType<typeof startCoordinator>>['db']): Promise<{
  holds: number;
  leaseRows: number;
  leases: number;
  accounts: number;
  transfers: number;
}> {
  const [r] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM holds) AS holds, (SELECT count(*) FROM lease_rows) AS lease_rows,
            (SELECT count(*) FROM leases) AS leases, (SELECT count(*) FROM accounts) AS accounts,
            (SELECT count(*) FROM transfers) AS transfers`,
  );
  const n = (k: string): number => Number(r?.[k] ?? 0);
  return {
    holds: n('holds'),
    leaseRows: n('lease_rows'),
    leases: n('leases'),
    accounts: n('accounts'),
    transfers: n('transfers'),
  };
}

/** CPU_PROFILE=file.cpuprofile: a CPU profile of the coordinator's process during the Acquire run only. */
async function startProfile(): Promise<{ stop: () => Promise<void> } | undefined> {
  const file = process.env.CPU_PROFILE;
  if (!file) return undefined;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main(): Promise<void> {
  const database = DATABASE_URL ? await freshDatabase(DATABASE_URL) : undefined;
  const popGrid: { id: string; lat: number; lon: number }[] = [];
  for (let i = 0; i < 200; i++)
    popGrid.push({ id: `pop-${i}`, lat: 37 + Math.floor(i / 20) * 2.2, lon: -8 + (i % 20) * 1.6 });
  const benchPop = popGrid[0] as { id: string; lat: number; lon: number };
  const config = coordinatorConfigSchema.parse({
    dataDir: mkdtempSync(join(tmpdir(), 'ef-bench-acq-')),
    http: { port: 0 },
    grpc: { port: 0 },
    mqtt: { port: 0 },
    reconcile: { enabled: false },
    ledger: { slices: { enabled: process.env.SLICES !== '0' } },
    liveness: { telemetryStaleMs: 3_600_000, offlineAfterMs: 7_200_000 },
    leases: { settleMs: 60_000, defaultTtlS: 600 },
    routing: { pops: popGrid },
    limits: { maxSites: SITES + 10 },
    auth: { tokens: [{ token: BENCH_TOKEN, role: 'operator', name: 'bench' }] },
    ...(process.env.PGLITE !== undefined ? { pglite: process.env.PGLITE } : {}),
    ...(database ? { databaseUrl: database.url } : {}),
  });
  const c = await startCoordinator(config, { log: createLogger('bench', 'error') });
  const tariff = [
    { startHour: 0, endHour: 7, pricePerKwh: 0.09 },
    { startHour: 7, endHour: 24, pricePerKwh: 0.24 },
  ];
  const telemetry = (siteId: string, pop: string, rtt: number) =>
    new pb.Telemetry({
      site_id: siteId,
      models: [MODEL],
      site_power_w: 2800,
      accelerators: [
        {
          model: 'NVIDIA H100 80GB HBM3',
          profile_id: 'h100-80gb-sxm',
          vendor: 'nvidia',
          slots_total: 1000,
          slots_free: 1000,
          multiplier: 1,
          isolation: 'whole',
        },
      ],
      rtt: [{ pop_id: pop, rtt_ms: rtt }],
    });

  // NEAR enrolled sites with real EdgeControl streams that admit everything.
  const codes = await c.sites.issueCodes(NEAR, 3_600_000, 'bench');
  const near: { siteId: string; secret: string }[] = [];
  for (let i = 0; i < NEAR; i++) {
    const { site, secret } = await c.sites.enroll({
      code: codes[i]?.code ?? '',
      name: `near-${i}`,
      region: 'bench',
      lat: benchPop.lat + (i % 7) * 0.05,
      lon: benchPop.lon + Math.floor(i / 7) * 0.05,
      tariff,
    });
    c.registry.upsertEnrolled(site);
    near.push({ siteId: site.siteId, secret });
  }
  const agents = await startAgents({
    kind: 'agents',
    endpoint: c.grpcEndpoint,
    model: MODEL,
    sites: near,
  });
  for (const [i, s] of near.entries()) {
    c.registry.applyStatus(
      new pb.SiteStatus({ site_id: s.siteId, inference_endpoint: '127.0.0.1:1' }),
      'online',
    );
    c.registry.applyTelemetry(telemetry(s.siteId, benchPop.id, 1 + (i % 10) * 0.3));
  }
  // The rest of the fleet: registered and online around the other PoPs.
  for (let i = NEAR; i < SITES; i++) {
    const pop = popGrid[1 + (i % (popGrid.length - 1))] as { id: string; lat: number; lon: number };
    const siteId = `far-${i}`;
    c.registry.upsertEnrolled({
      siteId,
      region: pop.id,
      lat: pop.lat + ((i * 7) % 10) * 0.04,
      lon: pop.lon + ((i * 13) % 10) * 0.04,
      tariff,
    });
    c.registry.setStream(siteId, true, {
      endpoint: '127.0.0.1:1',
      models: [MODEL],
      slotsTotal: 1000,
      slotsFree: 1000,
    });
    c.registry.applyStatus(
      new pb.SiteStatus({ site_id: siteId, inference_endpoint: '127.0.0.1:1' }),
      'online',
    );
    c.registry.applyTelemetry(telemetry(siteId, pop.id, 1 + (i % 10) * 0.4));
  }
  const deadline = Date.now() + 20_000;
  while (c.hub.connectedCount < NEAR && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const online = c.registry.countByState().online;
  if (c.hub.connectedCount < NEAR || online < SITES)
    throw new Error(`setup: ${c.hub.connectedCount}/${NEAR} streams, ${online}/${SITES} online`);

  // Acquire over gRPC, and the raw echo peer at the same concurrency.
  await c.ledger.topUp('bench', 10 ** 15, 'bench-topup');
  const rowsBefore = await durableRows(c.db);
  const profiled = process.env.CPU_PROFILE_RUN === 'local' ? 'local' : 'offer';
  let profiler = profiled === 'offer' ? await startProfile() : undefined;
  const acquireJob: LoadJob = {
    kind: 'acquire',
    endpoint: c.grpcEndpoint,
    token: BENCH_TOKEN,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    concurrency: CONCURRENCY,
    request: {
      customer_id: 'bench',
      model: MODEL,
      location: { pop_id: benchPop.id },
      max_rtt_ms: 10,
      budget_micro_tokens: 1000,
      ttl_s: 600,
    },
  };
  const acq = await inWorker(acquireJob, coordinatorSide());
  await profiler?.stop();
  profiler = undefined;
  // The same Acquire once the NEAR sites' agents pre-grant capacity: admitted locally, no offer.
  const admissions = async () =>
    Object.fromEntries(
      (await c.metrics.leaseAdmissions.get()).values.map((v) => [String(v.labels.path), v.value]),
    ) as Record<string, number | undefined>;
  agents.grantQuotas();
  await eventually(
    () => Promise.resolve(c.hub.quotas.summary().sites),
    (sites) => sites >= NEAR,
    20_000,
    50,
  );
  const before = await admissions();
  if (profiled === 'local') profiler = await startProfile();
  const acqLocal = await inWorker(acquireJob, coordinatorSide());
  await profiler?.stop();
  const after = await admissions();
  const localShare =
    ((after.local ?? 0) - (before.local ?? 0)) /
    Math.max(
      1,
      (after.local ?? 0) + (after.offer ?? 0) - (before.local ?? 0) - (before.offer ?? 0),
    );
  // What the Acquires (warm-up included) left in the ledger, per lease granted.
  const rowsAfter = await durableRows(c.db);
  const granted = Math.max(1, rowsAfter.leases - rowsBefore.leases);
  const rowsPerAcquire = {
    granted,
    holds: (rowsAfter.holds - rowsBefore.holds) / granted,
    leaseRows: (rowsAfter.leaseRows - rowsBefore.leaseRows) / granted,
    accounts: (rowsAfter.accounts - rowsBefore.accounts) / granted,
    transfers: (rowsAfter.transfers - rowsBefore.transfers) / granted,
  };
  console.log(`durable rows per Acquire: ${JSON.stringify(rowsPerAcquire)}`);
  const shutdown = async () => {
    agents.stop();
    await c.close();
    await database?.drop();
  };
  if (ACQUIRE_ONLY) {
    console.log(
      JSON.stringify({ acquire: acq, acquireLocal: acqLocal, localShare, rowsPerAcquire }),
    );
    await shutdown();
    return;
  }
  // Where an Acquire's time goes: its two ledger writes alone, at the same concurrency.
  let n = 0;
  const holdOnly = await load(
    () =>
      c.ledger.placeHold({
        holdId: `hb-${n++}`,
        customerId: 'bench',
        microTokens: 1000,
        expiresAtMs: Date.now() + 600_000,
      }),
    SECONDS,
    CONCURRENCY,
  );
  let m = 0;
  const leaseOnly = await load(
    () =>
      c.ledger.registerLease({
        leaseId: `lb-${m}`,
        holdId: `hb-${m++ % Math.max(1, n)}`,
        siteId: near[0]?.siteId ?? '',
        customerId: 'bench',
        model: MODEL,
        budgetMicroTokens: 1000,
        issuedAtMs: Date.now(),
        expiresAtMs: Date.now() + 600_000,
      }),
    SECONDS,
    CONCURRENCY,
  );
  let k = 0;
  const offerOnly = await load(
    () =>
      c.hub.offer(
        near[k++ % NEAR]?.siteId ?? '',
        {
          lease_id: `lo-${k}`,
          hold_id: 'h',
          model: MODEL,
          budget_micro_tokens: 1000,
          expires_at_ms: Date.now() + 600_000,
          isolation: 'whole',
        },
        5000,
      ),
    SECONDS,
    CONCURRENCY,
  );
  for (const r of [holdOnly, leaseOnly, offerOnly])
    if (r.firstError) console.error(`${r.errors} errors, the first: ${r.firstError}`);
  const echo = await startEchoServer();
  const raw = await inWorker(
    {
      kind: 'echo',
      endpoint: echo.endpoint,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      concurrency: CONCURRENCY,
    },
    echo.cpu,
  );
  echo.stop();

  // Routing decision alone, over the whole registry: the indexed path Acquire uses, and the full scan.
  // Last: the full scan blocks this event loop for seconds, long enough for the agents' keepalive to give up.
  const req = new pb.AcquireRequest({
    customer_id: 'bench',
    model: MODEL,
    location: { pop_id: benchPop.id },
    max_rtt_ms: 10,
    budget_micro_tokens: 1000,
  });
  const ctx = {
    pops: new Map(popGrid.map((p) => [p.id, p])),
    weights: config.routing.weights,
    nearBestFraction: config.routing.nearBestFraction,
    geoPathFactor: config.routing.geoPathFactor,
    hourUtc: new Date().getUTCHours(),
    random: Math.random,
    keep: 5,
  };
  const time = (fn: () => unknown, n: number) => {
    const us: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      fn();
      us.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    return us;
  };
  time(() => c.leases.routeOnly(req, 5), 2000);
  const indexed = time(() => c.leases.routeOnly(req, 5), DECISIONS);
  const geoReq = new pb.AcquireRequest({
    ...req,
    location: { has_coordinates: true, lat: benchPop.lat + 0.1, lon: benchPop.lon + 0.1 },
  });
  time(() => c.leases.routeOnly(geoReq, 5), 2000);
  const indexedGeo = time(() => c.leases.routeOnly(geoReq, 5), DECISIONS);
  const routeReq = {
    model: MODEL,
    location: { popId: benchPop.id },
    maxRttMs: 10,
    domesticOnly: false,
    acceleratorKinds: [],
    isolation: '',
  };
  const full = time(() => route(c.registry.all(), routeReq, ctx), Math.min(DECISIONS, 3000));
  const visited = c.leases.routeOnly(req, 5).visited ?? 0;

  const rows: Record<string, string | number>[] = [
    {
      what: `Acquire over gRPC (hold + offer + sign), ${CONCURRENCY} in flight`,
      sites: SITES,
      'ops/s': Math.round(acq.perS),
      'p50 ms': acq.p50,
      'p99 ms': acq.p99,
      errors: acq.errors,
      'server CPU µs/op': Math.round(acq.serverCpuUsPerOp),
      'client CPU µs/op': Math.round(acq.cpuUsPerOp),
    },
    {
      what: `Acquire over gRPC against site quotas (hold + local admit + sign), ${CONCURRENCY} in flight`,
      sites: SITES,
      'ops/s': Math.round(acqLocal.perS),
      'p50 ms': acqLocal.p50,
      'p99 ms': acqLocal.p99,
      errors: acqLocal.errors,
      'server CPU µs/op': Math.round(acqLocal.serverCpuUsPerOp),
      'client CPU µs/op': Math.round(acqLocal.cpuUsPerOp),
    },
    {
      what: `  its ledger hold alone (group commit), ${CONCURRENCY} in flight`,
      sites: 0,
      'ops/s': Math.round(holdOnly.perS),
      'p50 ms': holdOnly.p50,
      'p99 ms': holdOnly.p99,
      errors: holdOnly.errors,
    },
    {
      what: `  its lease row alone (group commit), ${CONCURRENCY} in flight`,
      sites: 0,
      'ops/s': Math.round(leaseOnly.perS),
      'p50 ms': leaseOnly.p50,
      'p99 ms': leaseOnly.p99,
      errors: leaseOnly.errors,
    },
    {
      what: `  its EdgeControl offer round trip alone, ${CONCURRENCY} in flight`,
      sites: 0,
      'ops/s': Math.round(offerOnly.perS),
      'p50 ms': offerOnly.p50,
      'p99 ms': offerOnly.p99,
      errors: offerOnly.errors,
    },
    {
      what: `raw grpc-js unary echo (peer), ${CONCURRENCY} in flight`,
      sites: 0,
      'ops/s': Math.round(raw.perS),
      'p50 ms': raw.p50,
      'p99 ms': raw.p99,
      errors: raw.errors,
      'server CPU µs/op': Math.round(raw.serverCpuUsPerOp),
      'client CPU µs/op': Math.round(raw.cpuUsPerOp),
    },
    {
      what: 'routing decision, indexed, caller at a PoP',
      sites: SITES,
      'ops/s': Math.round(1e6 / mean(indexed)),
      'p50 µs': pct(indexed, 50),
      'p99 µs': pct(indexed, 99),
      errors: 0,
    },
    {
      what: 'routing decision, indexed, caller by lat/lon',
      sites: SITES,
      'ops/s': Math.round(1e6 / mean(indexedGeo)),
      'p50 µs': pct(indexedGeo, 50),
      'p99 µs': pct(indexedGeo, 99),
      errors: 0,
    },
    {
      what: 'routing decision, full scan route() (peer)',
      sites: SITES,
      'ops/s': Math.round(1e6 / mean(full)),
      'p50 µs': pct(full, 50),
      'p99 µs': pct(full, 99),
      errors: 0,
    },
  ];
  await report('Leases and routing', rows, {
    acquireToEchoRatio: acq.perS / raw.perS,
    acquireLocalToEchoRatio: acqLocal.perS / raw.perS,
    acquireLocalServerCpuUsPerOp: acqLocal.serverCpuUsPerOp,
    acquireLocalShare: localShare,
    // Ops/s if the server and client processes had every core to themselves and kept them busy: the
    // cores' CPU seconds per second over what one op costs both (the agents' process not counted).
    acquireCpuCeilingPerS: (cpus().length * 1e6) / (acq.serverCpuUsPerOp + acq.cpuUsPerOp),
    echoCpuCeilingPerS: (cpus().length * 1e6) / (raw.serverCpuUsPerOp + raw.cpuUsPerOp),
    offerAloneToAcquire: offerOnly.perS / acq.perS,
    decisionP99Us: pct(indexed, 99),
    decisionGeoP99Us: pct(indexedGeo, 99),
    fullScanP99Us: pct(full, 99),
    sitesVisitedPerDecision: visited,
    targets: {
      acquiresPerS: 5000,
      decisionP99Us: 200,
      acquireToEchoRatio: 0.6,
      acquireServerCpuUsPerOp: 250,
    },
    ledger: DATABASE_URL ? 'postgresql (server CPU includes its postgres processes)' : 'pglite',
  });
  await shutdown();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
