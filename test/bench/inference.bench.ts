/**
 * Inference through the edge vs the bare runtime: the same model (the PaddleOCR direction classifier
 * the agent ships, ppocr-cls) and the same input (a 1×3×48×192 FP32 text-line crop), measured side by
 * side in one run:
 *   - peer: a bare onnxruntime-node InferenceSession in this process, `session.run` alone, on the
 *     model file the agent's manifest names (its SHA-256 checked here too), intra-op threads as the agent's;
 *   - edge: `Infer` over gRPC through a real agent process on the ONNX backend (lease verification,
 *     tensor checks, the slot queue, session.run, metering and the burn written to the durable outbox
 *     before the answer), called with the client SDK under a lease from a real coordinator process.
 * The two alternate request by request, so load on this shared machine hits both alike. Also shown:
 * the agent's own compute_ms (its session.run) from the answers, so the overhead splits into the
 * run itself and everything around it. os.loadavg() is printed with the figures.
 *
 *   npm run bench -- inference            (EDGEFLEET_BENCH_ITER=300 by default, _WARMUP=20, _THREADS=1)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { edgefleet } from '@edgefleet/proto';
import { ROOT } from '../support/processes.js';
import { startLeaseFleet } from '../support/lease-fleet.js';
import { report } from './report.js';

const ITER = Number(process.env.EDGEFLEET_BENCH_ITER ?? 300);
const WARMUP = Number(process.env.EDGEFLEET_BENCH_WARMUP ?? 20);
const THREADS = Number(process.env.EDGEFLEET_BENCH_THREADS ?? 1);
const [H, W] = [48, 192];

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
const load0 = loadavg();
const peer = await InferenceSession.create(model.bytes, {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  intraOpNumThreads: THREADS,
});
const fleet = await startLeaseFleet(['bench-onnx'], 'fleet-bench', 1_000_000_000, {
  backend: {
    kind: 'onnx',
    executionProvider: 'cpu',
    only: ['ppocr-cls'],
    intraOpThreads: THREADS,
    maxQueued: 4,
  },
});
try {
  const session = await fleet.client.acquire({
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
  const bare: number[] = [];
  const infer: number[] = [];
  const agentCompute: number[] = [];
  let same = 0;
  for (let i = 0; i < WARMUP + ITER; i++) {
    let t0 = performance.now();
    const out = await peer.run({ [model.inputName]: new Tensor('float32', data, [1, 3, H, W]) });
    const tBare = performance.now() - t0;
    t0 = performance.now();
    const r = await session.infer('', { tensors: [tensor], timeoutMs: 10_000 });
    const tInfer = performance.now() - t0;
    if (i < WARMUP) continue;
    bare.push(tBare);
    infer.push(tInfer);
    agentCompute.push(r.response.compute_ms);
    // Same model, same input: the same answer, bit for bit.
    const a = out[model.outputName]?.data as Float32Array | undefined;
    const raw = r.response.outputs[0]?.raw_contents ?? new Uint8Array(0);
    const b = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    if (a && a.length === b.length && a.every((v, k) => v === b[k])) same++;
  }
  await session.release();
  const load1 = loadavg();
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
    'req/s (1 in flight)': 1000 / s.mean,
    'p50 vs bare': s.p50 / sb.p50,
  });
  await report(
    'inference: Infer over gRPC through the agent vs bare onnxruntime-node session.run (ppocr-cls, 1×3×48×192 FP32)',
    [
      row('bare onnxruntime-node session.run (peer)', sb),
      row("agent's session.run (compute_ms in the answers)", sc),
      row('Infer over gRPC through the agent (SDK round trip)', si),
    ],
    {
      model: 'ppocr-cls',
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
  console.log(
    `Infer p50 = ${(si.p50 / sb.p50).toFixed(2)} × bare session.run p50 (+${(si.p50 - sb.p50).toFixed(2)} ms); identical outputs ${same}/${ITER}; load average ${load0.map((x) => x.toFixed(2)).join(' ')} → ${load1.map((x) => x.toFixed(2)).join(' ')}`,
  );
} finally {
  await fleet.close();
  await peer.release();
}
