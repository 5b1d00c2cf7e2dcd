/**
 * Inference through the edge vs the bare runtime: the same model (the PaddleOCR direction classifier
 * the agent ships, ppocr-cls) and the same input (a 1×3×48×192 FP32 text-line crop), measured side by
 * side in one run:
 *   - peer: a bare onnxruntime-node InferenceSession in this process, `session.run` alone, on the
 *     model file the agent's manifest names (its SHA-256 checked here too), intra-op threads as the agent's;
 *   - edge: `Infer` over loopback gRPC through a real agent on the ONNX backend (lease verification,
 *     tensor checks, the slot queue, session.run in the slot's worker thread or, for a lone short run,
 *     on the agent's thread (agent/src/backends/onnx/lone-runs.ts), metering and the burn
 *     appended to the outbox before the answer), called with the client SDK under a lease from a real
 *     coordinator. Coordinator and agent run in one child process of their own
 *     (support/inference-site.ts; the agent apart from the client, as in production), started once per
 *     outbox durability mode (EDGEFLEET_BENCH_DURABILITY, default both: write-before-answer, then
 *     fsync-before-answer); EDGEFLEET_BENCH_RUN_IN (auto, worker, main-thread: the agent's
 *     backend.runIn; auto = a worker per slot when EDGEFLEET_BENCH_SLOTS > 1). The child may take a while to compile and start on a loaded machine:
 *     EDGEFLEET_BENCH_START_TIMEOUT_MS (default 180000). EDGEFLEET_BENCH_CPU_PROF=<dir>: the child runs
 *     with --cpu-prof and leaves its profile (start-up and both phases) in <dir> when it exits.
 * The two alternate request by request, so load on this shared machine hits both alike. Also shown:
 * the agent's own compute_ms (its session.run) from the answers, so the overhead splits into the
 * run itself and everything around it; a bare grpc-js unary call to the same agent (no SDK) splits the
 * SDK's share from the agent's; the same bare call to a do-nothing Inference server in the agent's
 * process (the transport floor: what any gRPC hop of this request costs, with no agent logic); and
 * the time of one ~200-byte append + fsync on the same disk
 * (what fsync-before-answer adds to every answer).
 * os.loadavg() is printed with the figures. Each row adds the p50 and p99 it adds to the bare run's.
 *
 * Then saturation: N callers each with one request in flight back to back (N = EDGEFLEET_BENCH_CONCURRENCY,
 * default 2 × the agent's slots), against the bare session with N callers and against the agent with
 * N callers (bare grpc-js, no SDK), in alternating phases of EDGEFLEET_BENCH_PHASE_MS (default 2000)
 * for EDGEFLEET_BENCH_ROUNDS rounds (default 3): completed requests per second of each and their ratio.
 * The agent's slot runs EDGEFLEET_BENCH_SLOTS at once (default: the host's cores, at most 4).
 *
 *   npm run bench -- inference            (EDGEFLEET_BENCH_ITER=300 by default, _WARMUP=20, _THREADS=1)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { EdgefleetClient } from '@edgefleet/client';
import { GRPC_CHANNEL_OPTIONS, InferenceService, pb, type edgefleet } from '@edgefleet/proto';
import { ROOT, runProcess, runTs, type Proc } from '../support/processes.js';
import { report } from './report.js';

const ITER = Number(process.env.EDGEFLEET_BENCH_ITER ?? 300);
const WARMUP = Number(process.env.EDGEFLEET_BENCH_WARMUP ?? 20);
const THREADS = Number(process.env.EDGEFLEET_BENCH_THREADS ?? 1);
const SLOTS = Number(process.env.EDGEFLEET_BENCH_SLOTS ?? Math.min(4, availableParallelism()));
const CONCURRENCY = Number(process.env.EDGEFLEET_BENCH_CONCURRENCY ?? 2 * SLOTS);
const PHASE_MS = Number(process.env.EDGEFLEET_BENCH_PHASE_MS ?? 2000);
const ROUNDS = Number(process.env.EDGEFLEET_BENCH_ROUNDS ?? 3);
const MODES = (
  process.env.EDGEFLEET_BENCH_DURABILITY ?? 'write-before-answer,fsync-before-answer'
).split(',');
const RUN_IN = process.env.EDGEFLEET_BENCH_RUN_IN ?? 'auto';
const START_TIMEOUT_MS = Number(process.env.EDGEFLEET_BENCH_START_TIMEOUT_MS ?? 180_000);
/** A folder: the child (coordinator + agent) writes a V8 CPU profile there when it exits. */
const CPU_PROF = process.env.EDGEFLEET_BENCH_CPU_PROF;
const [H, W] = [48, 192];
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

/** `n` callers, each running `one` back to back until `ms` have passed: every latency, and the time taken. */
async function saturate(
  n: number,
  ms: number,
  one: () => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        await one();
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - t0 };
}

/** The model file as the agent's shipped manifest names it, hash-checked against that manifest. */
function shippedModel(name: string): { bytes: Uint8Array; inputName: string; outputName: string } {
  const manifest = JSON.parse(
    readFileSync(join(ROOT, 'agent/models', name, 'manifest.json'), 'utf8'),
  ) as { file: string; sha256: string; inputs: { name: string }[]; outputs: { name: string }[] };
  const path = manifest.file.startsWith('npm:')
    ? join(ROOT, 'node_modules', manifest.file.slice(4))
    : join(ROOT, 'agent/models', name, manifest.file);
  const bytes = readFileSync(path);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== manifest.sha256)
    throw new Error(`${path}: sha256 ${sha} ≠ manifest ${manifest.sha256}`);
  return {
    bytes,
    inputName: manifest.inputs[0]?.name ?? 'x',
    outputName: manifest.outputs[0]?.name ?? '',
  };
}

function crop(): Float32Array {
  const a = new Float32Array(3 * H * W).fill(1);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if ((y >= 10 && y <= 30 && x % 12 < 3) || (y >= 10 && y <= 12 && x < 180))
        for (let c = 0; c < 3; c++) a[c * H * W + y * W + x] = -1;
  return a;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
};

const model = shippedModel('ppocr-cls');
const data = crop();
const peer = await InferenceSession.create(model.bytes, {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  intraOpNumThreads: THREADS,
});
const dataDir = mkdtempSync(join(tmpdir(), 'ef-bench-infer-'));

/** Coordinator + agent in a child process of their own; resolves once it serves. */
async function startSite(
  mode: string,
): Promise<{ proc: Proc; grpc: string; token: string; floor: string }> {
  const entry = join(ROOT, 'test/bench/support/inference-site.ts');
  const args = [join(dataDir, mode), mode, String(THREADS), String(SLOTS), RUN_IN];
  const proc = CPU_PROF
    ? runProcess(process.execPath, [
        '--cpu-prof',
        `--cpu-prof-dir=${CPU_PROF}`,
        '--conditions=source',
        '--import',
        'tsx',
        entry,
        ...args,
      ])
    : runTs(entry, args);
  try {
    const m = await proc.waitFor(/\{"ready":.*\}/, START_TIMEOUT_MS);
    const { ready } = JSON.parse(m[0]) as {
      ready: { grpc: string; token: string; floor: string };
    };
    return { proc, ...ready };
  } catch (err) {
    await proc.kill('SIGKILL');
    throw err;
  }
}

async function measure(mode: string): Promise<string[]> {
  const site = await startSite(mode);
  const client = new EdgefleetClient({
    coordinator: site.grpc,
    customerId: 'fleet-bench',
    defaultTimeoutMs: 10_000,
    bearerToken: site.token,
  });
  try {
    return await measureAgainst(mode, client, site.floor);
  } finally {
    client.close();
    await site.proc.kill('SIGTERM');
  }
}

async function measureAgainst(
  mode: string,
  client: EdgefleetClient,
  floorEndpoint: string,
): Promise<string[]> {
  const load0 = loadavg();
  const session = await client.acquire({
    model: 'ppocr-cls',
    location: { lat: 50.1, lon: 8.7 },
    budgetMicroTokens: 100_000_000,
    ttlS: 600,
  });
  const tensor: edgefleet.v1.IInferTensor = {
    name: model.inputName,
    datatype: 'FP32',
    shape: [1, 3, H, W],
    raw_contents: new Uint8Array(data.buffer),
  };
  const lease = session.primary;
  if (!lease) throw new Error('no primary lease');
  const Ctor = grpc.makeGenericClientConstructor(
    InferenceService as unknown as grpc.ServiceDefinition,
    'Inference',
  );
  const raw = new Ctor(lease.endpoint, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS);
  const rawReq = new pb.InferRequest({
    lease_token: lease.token,
    model: 'ppocr-cls',
    inputs: [tensor],
  });
  const callInfer = (c: grpc.Client) => () =>
    new Promise<void>((resolve, reject) =>
      (
        c as unknown as Record<
          string,
          (r: unknown, md: grpc.Metadata, o: grpc.CallOptions, cb: (e: unknown) => void) => void
        >
      ).infer?.call(c, rawReq, new grpc.Metadata(), { deadline: Date.now() + 10_000 }, (e) =>
        e ? reject(e as Error) : resolve(),
      ),
    );
  const rawInfer = callInfer(raw);
  // The transport floor: the same call, to a do-nothing server in the agent's process.
  const floor = new Ctor(floorEndpoint, grpc.credentials.createInsecure(), GRPC_CHANNEL_OPTIONS);
  const floorInfer = callInfer(floor);
  const floors: number[] = [];
  const direct: number[] = [];
  const bare: number[] = [];
  const infer: number[] = [];
  const agentCompute: number[] = [];
  const fsyncs: number[] = [];
  const probe = await open(join(dataDir, 'fsync-probe.log'), 'a');
  const record = Buffer.alloc(200, 7);
  let same = 0;
  for (let i = 0; i < WARMUP + ITER; i++) {
    let t0 = performance.now();
    const out = await peer.run({ [model.inputName]: new Tensor('float32', data, [1, 3, H, W]) });
    const tBare = performance.now() - t0;
    t0 = performance.now();
    const r = await session.infer('', { tensors: [tensor], timeoutMs: 10_000 });
    const tInfer = performance.now() - t0;
    t0 = performance.now();
    await rawInfer();
    const tRaw = performance.now() - t0;
    t0 = performance.now();
    await floorInfer();
    const tFloor = performance.now() - t0;
    t0 = performance.now();
    await probe.write(record);
    await probe.sync();
    const tSync = performance.now() - t0;
    if (i < WARMUP) continue;
    fsyncs.push(tSync);
    direct.push(tRaw);
    floors.push(tFloor);
    bare.push(tBare);
    infer.push(tInfer);
    agentCompute.push(r.response.compute_ms);
    // Same model, same input: the same answer, bit for bit.
    const a = out[model.outputName]?.data as Float32Array | undefined;
    const raw = r.response.outputs[0]?.raw_contents ?? new Uint8Array(0);
    const b = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    if (a && a.length === b.length && a.every((v, k) => v === b[k])) same++;
  }
  const load1 = loadavg();

  // Saturation: alternating phases, so that load on the shared machine hits both alike.
  const sat = { bare: [] as number[], agent: [] as number[], bareMs: 0, agentMs: 0 };
  const bareRun = async () => {
    await peer.run({ [model.inputName]: new Tensor('float32', data, [1, 3, H, W]) });
  };
  for (let round = 0; round < ROUNDS; round++) {
    const b = await saturate(CONCURRENCY, PHASE_MS, bareRun);
    sat.bare.push(...b.latencies);
    sat.bareMs += b.elapsedMs;
    const a = await saturate(CONCURRENCY, PHASE_MS, rawInfer);
    sat.agent.push(...a.latencies);
    sat.agentMs += a.elapsedMs;
  }
  const load2 = loadavg();
  raw.close();
  floor.close();
  await session.release();
  await probe.close();
  const sb = stats(bare);
  const si = stats(infer);
  const sc = stats(agentCompute);
  const row = (target: string, s: ReturnType<typeof stats>) => ({
    target,
    requests: ITER,
    'p50 ms': s.p50,
    'p95 ms': s.p95,
    'p99 ms': s.p99,
    'mean ms': s.mean,
    'added p50 ms': s.p50 - sb.p50,
    'added p99 ms': s.p99 - sb.p99,
    'req/s (1 in flight)': 1000 / s.mean,
    'p50 vs bare': s.p50 / sb.p50,
  });
  const sd = stats(direct);
  await report(
    `inference (${mode}, runIn ${RUN_IN}): Infer over gRPC through the agent vs bare onnxruntime-node session.run (ppocr-cls, 1×3×48×192 FP32)`,
    [
      row('bare onnxruntime-node session.run (peer)', sb),
      row("agent's session.run (compute_ms in the answers)", sc),
      row('Infer over gRPC through the agent (SDK round trip)', si),
      row('Infer over gRPC through the agent (bare grpc-js call, no SDK)', sd),
      row(
        'floor: the same bare grpc-js call to a do-nothing server in the agent process',
        stats(floors),
      ),
      row('200 B append + fsync on the same disk (the outbox, per answer)', stats(fsyncs)),
    ],
    {
      model: 'ppocr-cls',
      durability: mode,
      runIn: RUN_IN,
      agentProcess: 'own (coordinator + agent in one child)',
      input: [1, 3, H, W],
      intraOpThreads: THREADS,
      warmup: WARMUP,
      ratioInferToBareP50: si.p50 / sb.p50,
      overheadP50Ms: si.p50 - sb.p50,
      identicalOutputs: `${same}/${ITER}`,
      loadavgBefore: load0.map((x) => Number(x.toFixed(2))),
      loadavgAfter: load1.map((x) => Number(x.toFixed(2))),
    },
  );
  const satBare = stats(sat.bare);
  const satAgent = stats(sat.agent);
  const bareRps = (sat.bare.length * 1000) / sat.bareMs;
  const agentRps = (sat.agent.length * 1000) / sat.agentMs;
  const satRow = (target: string, n: number, rps: number, s: ReturnType<typeof stats>) => ({
    target,
    callers: CONCURRENCY,
    requests: n,
    'req/s': rps,
    'vs bare': rps / bareRps,
    'p50 ms': s.p50,
    'p99 ms': s.p99,
  });
  await report(
    `inference at saturation (${mode}, runIn ${RUN_IN}): ${CONCURRENCY} callers, ${ROUNDS} × ${PHASE_MS} ms each, agent slot concurrency ${SLOTS} (ppocr-cls)`,
    [
      satRow('bare onnxruntime-node session.run (peer)', sat.bare.length, bareRps, satBare),
      satRow(
        'Infer over gRPC through the agent (bare grpc-js call)',
        sat.agent.length,
        agentRps,
        satAgent,
      ),
    ],
    {
      durability: mode,
      slots: SLOTS,
      callers: CONCURRENCY,
      throughputRatio: agentRps / bareRps,
      loadavgBefore: load1.map((x) => Number(x.toFixed(2))),
      loadavgAfter: load(),
    },
  );
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  return [
    `${mode}, 1 in flight: Infer (SDK) adds p50 +${(si.p50 - sb.p50).toFixed(2)} ms, p99 +${(si.p99 - sb.p99).toFixed(2)} ms (bare grpc-js: +${(sd.p50 - sb.p50).toFixed(2)} / +${(sd.p99 - sb.p99).toFixed(2)} ms) over bare session.run ${sb.p50.toFixed(2)} / ${sb.p99.toFixed(2)} ms (target: added p99 ≤ 1 ms); identical outputs ${same}/${ITER}; load average ${fmt(load0)} → ${fmt(load1)}`,
    `${mode}, saturation (${CONCURRENCY} callers, ${SLOTS} slots): agent ${agentRps.toFixed(1)} req/s = ${(agentRps / bareRps).toFixed(2)} × bare ${bareRps.toFixed(1)} req/s (target ≥ 0.9), agent p50 / p99 ${satAgent.p50.toFixed(2)} / ${satAgent.p99.toFixed(2)} ms; load average ${fmt(load1)} → ${fmt(load2)}`,
  ];
}

try {
  const lines: string[] = [];
  for (const mode of MODES) lines.push(...(await measure(mode)));
  for (const l of lines) console.log(l);
} finally {
  await peer.release();
  rmSync(dataDir, { recursive: true, force: true });
}
