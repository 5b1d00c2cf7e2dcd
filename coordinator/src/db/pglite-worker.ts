import { initPgliteOutOfProcess, PGLITE_SETTINGS, pgliteTemplateTar } from './pglite-init.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { messages } from '@electric-sql/pglite';
import { EdgefleetError } from '@edgefleet/common';
import { UnsafeIntegerError } from './int8.js';
import { Mutex } from './mutex.js';
import {
  ROLLBACK_FAILED,
  UNSAFE_INTEGER,
  type WireError,
  type WorkerCall,
  type WorkerInit,
  type WorkerReply,
  type WorkerRequest,
} from './pglite-worker.protocol.js';
import { withRetries } from './retry.js';
import { pgliteLocation, singleConnectionDb } from './single-connection.js';
import type { Db, Queryable, Row } from './types.js';

/** The PGlite worker thread died (or could not start): every call pending on it, and every later one, fails with this. */
export class PgliteWorkerError extends EdgefleetError {
  constructor(message: string, data: Record<string, unknown> = {}, cause?: unknown) {
    super('DB_WORKER_FAILED', message, data, cause !== undefined ? { cause } : undefined);
  }
}

/** Symbol of a test-only method on the returned Db that terminates the thread as a crash would. */
const KILL_FOR_TESTS = Symbol.for('edgefleet.pgliteWorker.kill');

/** A failed statement as the in-thread PGlite throws it: pglite's DatabaseError with code, detail, constraint, …; the BIGINT refusal as UnsafeIntegerError. */
function fromWire(e: WireError): Error {
  if (e.name === UNSAFE_INTEGER) return new UnsafeIntegerError(String(e.fields['value'] ?? ''));
  if (e.name === 'error' || typeof e.fields['code'] === 'string') {
    const err = new messages.DatabaseError(
      e.message,
      typeof e.fields['length'] === 'number' ? e.fields['length'] : 0,
      'error',
    );
    return Object.assign(err, e.fields);
  }
  const err = new Error(e.message);
  err.name = e.name;
  return Object.assign(err, e.fields);
}

/**
 * Starts the thread's module: the compiled .js beside this one in dist; from source (tsx, vitest)
 * the .ts, through a two-line bootstrap that registers tsx's loader in the new thread first (Node 20
 * applies neither the parent's loader hooks nor an `--import` of them to a worker thread). tsx is
 * resolved from here, as common/launcher.js does, so it works from any working directory.
 */
function startThread(init: WorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./pglite-worker.thread.js', import.meta.url), { workerData: init });
  // tsx's ESM API (its CJS build cannot register ESM hooks from an eval'd worker).
  const tsxApi = pathToFileURL(
    join(
      dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
      'dist/esm/api/index.mjs',
    ),
  ).href;
  const thread = new URL('./pglite-worker.thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(thread)}); }).catch((err) => { throw err; });`;
  return new Worker(boot, { eval: true, workerData: init });
}

/**
 * Embedded PGlite in a worker thread, so its parsing, planning, WASM and synchronous file I/O run
 * beside the event loop instead of on it. Same contract as openPglite: one connection, one FIFO
 * mutex around every statement and every transaction (BEGIN … COMMIT/ROLLBACK sent as separate
 * messages, nothing else in between), serialization failures retried.
 */
export async function openPgliteWorker(
  dataDir: string | undefined,
  onFatal?: (err: Error) => void,
): Promise<Db> {
  const location = await pgliteLocation(dataDir);
  await initPgliteOutOfProcess(location);
  const templateTar = pgliteTemplateTar(location);
  const worker = startThread({
    location,
    settings: [...PGLITE_SETTINGS],
    ...(templateTar !== undefined ? { templateTar } : {}),
  });
  const pending = new Map<
    number,
    { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }
  >();
  let nextId = 1;
  let dead: PgliteWorkerError | undefined;
  let ready!: { resolve: () => void; reject: (err: Error) => void };
  const started = new Promise<void>((resolve, reject) => (ready = { resolve, reject }));

  let opened = false;
  let closeCalled = false;
  const fail = (err: PgliteWorkerError): void => {
    const first = dead === undefined;
    dead ??= err;
    if (first && opened && !closeCalled) onFatal?.(dead);
    ready.reject(dead);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  worker.on('message', (msg: WorkerReply) => {
    if (msg.id === 0 && 'ready' in msg) {
      if (msg.ready) ready.resolve();
      else
        fail(
          new PgliteWorkerError(
            `PGlite did not open at ${location}: ${msg.error.message}`,
            { location },
            fromWire(msg.error),
          ),
        );
      return;
    }
    const p = pending.get(msg.id);
    if (p === undefined) return;
    pending.delete(msg.id);
    if (pending.size === 0) worker.unref();
    if ('ok' in msg && msg.ok) p.resolve(msg.rows);
    else if ('error' in msg) p.reject(fromWire(msg.error));
  });
  worker.on('error', (err) =>
    fail(new PgliteWorkerError(`PGlite worker thread crashed: ${err.message}`, { location }, err)),
  );
  worker.on('exit', (code) =>
    fail(
      new PgliteWorkerError(`PGlite worker thread exited (code ${code})`, {
        location,
        exitCode: code,
      }),
    ),
  );

  const send = (req: WorkerCall): Promise<unknown[]> => {
    if (dead !== undefined) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<unknown[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Held open only while a call waits on it, so a forgotten close() does not keep the process up.
      if (pending.size === 1) worker.ref();
      worker.postMessage({ ...req, id } satisfies WorkerRequest);
    });
  };
  const direct: Queryable = {
    async query<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      return (await send({ op: 'query', sql, params: [...params] })) as T[];
    },
    async exec(sql: string): Promise<void> {
      await send({ op: 'exec', sql });
    },
  };

  try {
    await started;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  worker.unref();
  opened = true;
  const mutex = new Mutex();
  const db = singleConnectionDb(mutex, {
    direct,
    async transaction(fn, opts) {
      // BEGIN rides on the transaction's first statement; nothing sent, nothing to end.
      let begin: string | undefined =
        opts?.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN';
      const carry = (): { begin?: string } => {
        const b = begin;
        begin = undefined;
        return b !== undefined ? { begin: b } : {};
      };
      const inTx: Queryable = {
        async query<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
          return (await send({ op: 'query', sql, params: [...params], ...carry() })) as R[];
        },
        async exec(sql: string): Promise<void> {
          await send({ op: 'exec', sql, ...carry() });
        },
      };
      let out: Awaited<ReturnType<typeof fn>>;
      try {
        out = await fn(inTx);
      } catch (err) {
        if (begin !== undefined) throw err; // nothing was sent: no transaction to end
        // Sent even if BEGIN itself failed: ROLLBACK outside a transaction is only a warning.
        await direct.exec('ROLLBACK').catch((rollbackErr: unknown) => {
          // Worker gone: its error is already what every call sees, report the original one.
          // Worker alive but ROLLBACK failed: the connection state is unknown, say so.
          if (dead === undefined)
            throw new PgliteWorkerError(
              `ROLLBACK failed after: ${(err as Error).message}`,
              { location, original: (err as Error).message },
              rollbackErr,
            );
        });
        throw err;
      }
      if (begin !== undefined) return out;
      await direct.exec('COMMIT');
      return out;
    },
    txStatements(steps, opts) {
      const begin =
        opts?.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN';
      const call: WorkerCall = {
        op: 'tx',
        begin,
        steps: steps.map((s) => ({ sql: s.sql, params: [...(s.params ?? [])] })),
      };
      return withRetries(async () => {
        // Posted under the mutex, so it lands between whole transactions, but the mutex is not held
        // for the reply: the thread runs the message whole (BEGIN … COMMIT) before the next one, so
        // another txStatements may be queued behind it meanwhile (group commit with two batches in flight).
        const posted = await mutex.run(async () => ({ reply: send(call) }));
        try {
          return (await posted.reply) as Row[][];
        } catch (err) {
          const rollback = (err as Record<string, unknown>)[ROLLBACK_FAILED];
          if (typeof rollback === 'string')
            throw new PgliteWorkerError(
              `ROLLBACK failed after: ${(err as Error).message}`,
              { location, original: (err as Error).message, rollback },
              err,
            );
          throw err;
        }
      });
    },
    closing: () => {
      closeCalled = true;
    },
    async close() {
      if (dead !== undefined) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await send({ op: 'close' });
      worker.ref(); // until it has exited (the reply above left it unref'd)
      await exited;
    },
  });
  // Tests only: terminates the thread as a crash would (pglite-worker.test.ts).
  return Object.assign(db, { [KILL_FOR_TESTS]: async () => void (await worker.terminate()) });
}
