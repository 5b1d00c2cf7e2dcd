import { Worker } from 'node:worker_threads';
import { describeError, type Logger } from '@edgefleet/common';
import type { Tensor } from '../backend.js';
import { BackendWorkerCrashedError } from './errors.js';
import {
  buffersOf,
  ownedTensor,
  type LoadReport,
  type RunRequest,
  type WorkerInit,
  type WorkerReply,
} from './worker-protocol.js';

const RESTART_DELAY_MS = 200;
/** The longest wait before starting again a slot whose restarted workers keep dying while loading. */
export const RESTART_MAX_DELAY_MS = 30_000;

/**
 * The wait before restarting a slot's worker: RESTART_DELAY_MS, doubled for each restarted worker in
 * a row that died before it had loaded, at most RESTART_MAX_DELAY_MS.
 */
export function restartDelayMs(failedStarts: number): number {
  return Math.min(RESTART_DELAY_MS * 2 ** Math.min(failedStarts, 20), RESTART_MAX_DELAY_MS);
}

/**
 * The models the slots serve: a model counts as loaded only if every worker loaded it (a run may go
 * to any of them); otherwise it is reported with the first failing worker's reason. Ordered as the
 * first worker reported them.
 */
export function mergeLoadReports(all: readonly (readonly LoadReport[])[]): LoadReport[] {
  const out = new Map<string, LoadReport>();
  for (const reports of all)
    for (const r of reports) {
      const prev = out.get(r.name);
      if (!prev || (prev.ok && !r.ok)) out.set(r.name, r);
      else if (prev.ok && r.ok && r.warmMs > prev.warmMs) out.set(r.name, r);
    }
  // A model some worker did not report at all was not loaded there.
  for (const [name, r] of out)
    if (r.ok && all.some((reports) => !reports.some((x) => x.name === name)))
      out.set(name, { name, ok: false, reason: 'not loaded by every worker' });
  return [...out.values()];
}

interface Slot {
  index: number;
  worker: Worker;
  inflight: Map<number, { resolve: (r: RunResult) => void; reject: (e: Error) => void }>;
}

export interface RunResult {
  tensors: Tensor[];
  /** session.run alone, measured inside the worker. */
  ms: number;
}

/**
 * The worker under src/ (tsx registered in the worker, as the agent runs from source) or dist/.
 * The worker loads nothing from the agent but its own modules, onnxruntime-node and @edgefleet/common.
 */
function spawnWorker(init: WorkerInit): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts'))
    return new Worker(new URL('./onnx-worker.js', self), { workerData: init });
  const url = new URL('./onnx-worker.ts', self).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(boot, {
    eval: true,
    workerData: init,
    execArgv: [
      ...process.execArgv.filter((a) => !a.startsWith('--inspect')),
      '--conditions=source',
    ],
  });
}

/**
 * One worker thread per slot, each with its own sessions of every model (onnx-worker.ts): N slots
 * compute in parallel, and the agent's gRPC and outbox work runs beside them. The slot's WorkQueue
 * admits at most N runs, so a run finds an idle worker except while one restarts. A worker that dies
 * fails its requests with BackendWorkerCrashedError and is started again.
 */
export class WorkerSlots {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiters: { resolve: (s: Slot) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  private started = false;
  private closed = false;
  /** Workers started again after one died. */
  restarts = 0;
  /** Per slot, restarted workers in a row that died while loading (restartDelayMs). */
  private readonly failedStarts: number[] = [];

  private constructor(
    private readonly init: WorkerInit,
    private readonly log: Logger | undefined,
  ) {}

  /** Starts `count` workers; resolves once all have loaded, with their load reports merged (mergeLoadReports). */
  static async start(
    init: WorkerInit,
    count: number,
    log?: Logger,
  ): Promise<{ slots: WorkerSlots; reports: LoadReport[] }> {
    const pool = new WorkerSlots(init, log);
    try {
      const all = await Promise.all(Array.from({ length: count }, (_, i) => pool.spawn(i)));
      pool.started = true;
      return { slots: pool, reports: mergeLoadReports(all) };
    } catch (err) {
      await pool.close();
      throw err;
    }
  }

  get size(): number {
    return this.slots.length;
  }

  async run(model: string, tensors: readonly Tensor[], fetches: string[]): Promise<RunResult> {
    const owned = tensors.map(ownedTensor);
    const slot = await this.acquire();
    const id = this.nextId++;
    return new Promise<RunResult>((resolve, reject) => {
      slot.inflight.set(id, { resolve, reject });
      const req: RunRequest = { id, model, tensors: owned, fetches };
      slot.worker.postMessage(req, buffersOf(owned));
    });
  }

  /** Stops a slot's worker as a crash would (tests and drills): its requests fail, it restarts. */
  kill(index: number): Promise<number> {
    const slot = this.slots[index];
    if (!slot) throw new RangeError(`no slot ${index}`);
    return slot.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new Error('ONNX backend closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('ONNX backend closed'));
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    if (this.slots[slot.index] !== slot || this.closed) return; // a worker since replaced
    const w = this.waiters.shift();
    if (w) w.resolve(slot);
    else this.idle.push(slot);
  }

  /** Starts slot `index`'s worker; resolves with its load reports once it has loaded (and is idle). */
  private spawn(index: number): Promise<LoadReport[]> {
    const worker = spawnWorker(this.init);
    const slot: Slot = { index, worker, inflight: new Map() };
    this.slots[index] = slot;
    return new Promise((resolve, reject) => {
      let loaded = false;
      let cause = 'exited';
      worker.on('message', (m: WorkerReply) => {
        if (m.kind === 'loaded') {
          loaded = true;
          this.failedStarts[index] = 0;
          resolve(m.reports);
          this.release(slot);
          return;
        }
        const p = slot.inflight.get(m.id);
        if (!p) return;
        slot.inflight.delete(m.id);
        if (m.kind === 'result') p.resolve({ tensors: m.tensors, ms: m.ms });
        else p.reject(new Error(m.message));
        this.release(slot);
      });
      worker.on('error', (err) => {
        cause = describeError(err);
      });
      worker.on('exit', (code) => {
        const reason = `${cause}, exit code ${code}`;
        if (!loaded)
          reject(
            new Error(`ONNX Runtime worker of slot ${index} stopped while loading (${reason})`),
          );
        this.onExit(slot, reason, loaded);
      });
    });
  }

  private onExit(slot: Slot, reason: string, loaded: boolean): void {
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    const err = this.closed
      ? new Error('ONNX backend closed')
      : new BackendWorkerCrashedError(slot.index, reason);
    for (const p of slot.inflight.values()) p.reject(err);
    slot.inflight.clear();
    if (this.closed || !this.started) return;
    this.restarts++;
    const failed = loaded ? 0 : (this.failedStarts[slot.index] ?? 0) + 1;
    this.failedStarts[slot.index] = failed;
    const delayMs = restartDelayMs(failed);
    this.log?.error(
      { slot: slot.index, reason, delayMs },
      'ONNX Runtime worker stopped; restarting it',
    );
    setTimeout(() => {
      if (this.closed) return;
      this.spawn(slot.index).catch((e: unknown) =>
        this.log?.error(
          { slot: slot.index, err: describeError(e) },
          'ONNX Runtime worker restart failed',
        ),
      );
    }, delayMs).unref();
  }
}
