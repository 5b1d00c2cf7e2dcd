import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Tensor } from '../backend.js';
import { createOnnxBackend, type OnnxBackend } from './onnx-backend.js';
import { mergeLoadReports, restartDelayMs, RESTART_MAX_DELAY_MS } from './worker-slots.js';

function crop(value: number): Tensor {
  const a = new Float32Array(3 * 48 * 192).fill(value);
  return { name: 'x', datatype: 'FP32', shape: [1, 3, 48, 192], data: new Uint8Array(a.buffer) };
}
const req = (t: Tensor) => ({ model: 'ppocr-cls', input: '', maxOutputTokens: 0, tensors: [t] });
const floats = (t: Tensor | undefined) =>
  Array.from(new Float32Array(new Uint8Array(t!.data).buffer));

describe('ONNX backend, session.run in a worker thread per slot', () => {
  let w: OnnxBackend;
  let m: OnnxBackend;
  beforeAll(async () => {
    const o = { only: ['ppocr-cls'], executionProvider: 'cpu', intraOpThreads: 1 } as const;
    w = await createOnnxBackend({ ...o, concurrency: 2 });
    m = await createOnnxBackend({ ...o, runIn: 'main-thread' });
  });
  afterAll(async () => {
    await Promise.all([w.close(), m.close()]);
  });

  it("'auto' runs on a worker per slot with several slots, on the JavaScript thread with one", async () => {
    const one = await createOnnxBackend({ only: ['ppocr-cls'], executionProvider: 'cpu' });
    try {
      expect([one.runIn, one.workers, one.intraOpThreads]).toEqual([
        'main-thread',
        undefined,
        undefined,
      ]);
    } finally {
      await one.close();
    }
  });

  it('gives each worker slot cores ÷ slots intra-op threads unless configured', async () => {
    const two = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      concurrency: 2,
    });
    try {
      expect(two.runIn).toBe('worker');
      expect(two.intraOpThreads).toBe(Math.max(1, Math.floor(availableParallelism() / 2)));
    } finally {
      await two.close();
    }
  });

  it('answers bit for bit what the same session on the JavaScript thread answers, billing the run measured in the worker', async () => {
    expect([w.runIn, m.runIn, w.workers?.size]).toEqual(['worker', 'main-thread', 2]);
    expect(w.intraOpThreads).toBe(1); // as configured
    for (const v of [0, 0.5, -1]) {
      const [a, b] = await Promise.all([w.infer(req(crop(v))), m.infer(req(crop(v)))]);
      expect(floats(a.tensors?.[0])).toEqual(floats(b.tensors?.[0]));
      expect(a.computeMs).toBeGreaterThan(0);
    }
  });

  it('leaves the caller its input (a copy is transferred) and keeps the JavaScript thread free during runs', async () => {
    const t = crop(0.25);
    const runs = await Promise.all(Array.from({ length: 12 }, () => w.infer(req(t))));
    expect(runs).toHaveLength(12);
    expect(t.data.byteLength).toBe(3 * 48 * 192 * 4); // not detached
    // A setImmediate queued as a run starts fires before it answers only if the run left this
    // thread: never on the JavaScript thread (session.run is synchronous there), on a worker mostly.
    const worker = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      intraOpThreads: 1,
      runIn: 'worker',
    });
    onTestFinished(() => worker.close());
    const firedDuring = async (b: OnnxBackend) => {
      let fired = 0;
      for (let i = 0; i < 12; i++) {
        let now = false;
        const run = b.infer(req(t));
        setImmediate(() => (now = true));
        await run;
        if (now) fired++;
      }
      return fired;
    };
    expect(await firedDuring(m)).toBe(0);
    expect(await firedDuring(worker)).toBeGreaterThan(0);
  });

  it("'auto' runs a lone short run on the JavaScript thread once its model's runs prove short, bit for bit, and parallel runs, and lone ones soon after, on the workers", async () => {
    // A bound no run misses on a loaded test host: which runs are short is not what is tested here.
    const w = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      intraOpThreads: 1,
      concurrency: 2,
      loneRunMaxMs: 10_000,
      // Nor which lone runs come soon enough after runs in company: every one here does.
      loneQuietMs: 600_000,
    });
    onTestFinished(() => w.close());
    const lone = w.loneRuns!;
    for (let i = 0; i < 40 && !lone.canRun('ppocr-cls'); i++) {
      await w.infer(req(crop(0)));
      await new Promise((r) => setTimeout(r, 5)); // the session here loads in the background
    }
    expect(lone.canRun('ppocr-cls')).toBe(true);
    const before = lone.served;
    const [a, b] = [await w.infer(req(crop(0.75))), await m.infer(req(crop(0.75)))];
    expect(lone.served).toBe(before + 1);
    expect(floats(a.tensors?.[0])).toEqual(floats(b.tensors?.[0]));
    expect(a.computeMs).toBeGreaterThan(0);
    // Three at once: the first starts alone (on this thread); the two that find it running go to the workers.
    const three = await Promise.all([0, 1, 2].map(() => w.infer(req(crop(-0.5)))));
    expect(lone.served).toBe(before + 2);
    // Within loneQuietMs of runs in company, a lone run goes to a worker too.
    await w.infer(req(crop(0)));
    expect(lone.served).toBe(before + 2);
    for (const r of three) expect(floats(r.tensors?.[0])).toEqual(floats(three[0]?.tensors?.[0]));
  });

  it('fails the requests of a worker that dies with BACKEND_WORKER_CRASHED, restarts it, and serves again', async () => {
    const b = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      intraOpThreads: 1,
      runIn: 'worker',
    });
    try {
      const running = b.infer(req(crop(0)));
      await b.workers!.kill(0);
      await expect(running).rejects.toMatchObject({ code: 'BACKEND_WORKER_CRASHED' });
      expect(b.workers!.restarts).toBe(1);
      const again = await b.infer(req(crop(0))); // waits for the restarted worker
      expect(again.tensors?.[0]?.shape).toEqual([1, 2]);
    } finally {
      await b.close();
    }
  });

  it('drops queued work whose caller aborted without running it, on worker slots too', async () => {
    const b = await createOnnxBackend({
      only: ['ppocr-cls'],
      executionProvider: 'cpu',
      intraOpThreads: 1,
      runIn: 'worker',
      maxQueued: 1,
    });
    try {
      const running = b.infer(req(crop(0)));
      const ac = new AbortController();
      const queued = b.infer({ ...req(crop(0)), signal: ac.signal });
      await expect(b.infer(req(crop(0)))).rejects.toMatchObject({ code: 'BACKEND_QUEUE_FULL' });
      ac.abort();
      await expect(queued).rejects.toMatchObject({ code: 'QUEUED_WORK_CANCELLED' });
      await expect(running).resolves.toMatchObject({ executionProvider: 'cpu' });
      expect([b.queue.queued, b.queue.active]).toEqual([0, 0]);
    } finally {
      await b.close();
    }
  });
});

describe('worker slots: load reports and restart back-off', () => {
  it('counts a model as loaded only if every worker loaded it', () => {
    const merged = mergeLoadReports([
      [
        { name: 'a', ok: true, warmMs: 3 },
        { name: 'b', ok: true, warmMs: 1 },
        { name: 'c', ok: true, warmMs: 1 },
      ],
      [
        { name: 'a', ok: true, warmMs: 5 },
        { name: 'b', ok: false, reason: 'MODEL_LOAD_FAILED: out of memory' },
      ],
    ]);
    expect(merged).toEqual([
      { name: 'a', ok: true, warmMs: 5 },
      { name: 'b', ok: false, reason: 'MODEL_LOAD_FAILED: out of memory' },
      { name: 'c', ok: false, reason: 'not loaded by every worker' },
    ]);
  });

  it('backs off a slot whose restarted workers keep dying while loading, up to a cap', () => {
    expect([0, 1, 2, 3].map(restartDelayMs)).toEqual([200, 400, 800, 1600]);
    expect(restartDelayMs(50)).toBe(RESTART_MAX_DELAY_MS);
    expect(restartDelayMs(10_000)).toBe(RESTART_MAX_DELAY_MS);
  });
});
