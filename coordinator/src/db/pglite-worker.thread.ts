/**
 * The PGlite worker thread: owns the one PGlite instance and answers query/exec/close messages in
 * arrival order (one at a time, so BEGIN … COMMIT sent by the main thread stays together). It
 * imports nothing from the workspace, only PGlite and Node, so it loads the same way under tsx,
 * vitest and the compiled build.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import {
  ROLLBACK_FAILED,
  UNSAFE_INTEGER,
  type WireError,
  type WorkerInit,
  type WorkerReply,
  type WorkerRequest,
} from './pglite-worker.protocol.js';

const INT8_OID = 20;

/** Same rule as int8.ts (BIGINT → number, refused beyond 2^53); the main thread rebuilds the error class. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw Object.assign(new Error(`BIGINT ${text} does not fit a JavaScript number exactly`), {
      name: UNSAFE_INTEGER,
      value: text,
    });
  return n;
}

function toWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err)) {
    if (
      (typeof v === 'string' || typeof v === 'number') &&
      k !== 'name' &&
      k !== 'message' &&
      k !== 'stack'
    )
      fields[k] = v;
  }
  return { name: err.name, message: err.message, fields };
}

/** The statements of an open transaction, then COMMIT; ROLLBACK if one fails (flagged on the error if that fails too). */
async function runTx(
  pg: PGlite,
  steps: { sql: string; params: unknown[] }[],
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  try {
    for (const s of steps) out.push((await pg.query(s.sql, s.params)).rows);
    await pg.exec('COMMIT');
    return out;
  } catch (err) {
    // After a failed COMMIT there is no transaction left: ROLLBACK is then only a warning.
    await pg.exec('ROLLBACK').catch((rollbackErr: unknown) => {
      if (err instanceof Error)
        Object.assign(err, {
          [ROLLBACK_FAILED]:
            rollbackErr instanceof Error ? rollbackErr.message : String(rollbackErr),
        });
    });
    throw err;
  }
}

const port = parentPort;
if (port === null) throw new Error('pglite-worker.thread must run in a worker thread');
const { location, settings, templateTar } = workerData as WorkerInit;

async function main(p: NonNullable<typeof parentPort>): Promise<void> {
  let pg: PGlite;
  try {
    pg = new PGlite(location, {
      parsers: { [INT8_OID]: parseInt8 },
      postgresqlconf: [...settings],
      ...(templateTar !== undefined ? { loadDataDir: new Blob([readFileSync(templateTar)]) } : {}),
    });
    await pg.waitReady;
  } catch (err) {
    p.postMessage({ id: 0, ready: false, error: toWire(err) } satisfies WorkerReply);
    return;
  }
  let chain: Promise<void> = Promise.resolve();
  p.on('message', (req: WorkerRequest) => {
    chain = chain.then(async () => {
      try {
        if (req.op !== 'close' && req.begin !== undefined) await pg.exec(req.begin);
        if (req.op === 'tx') {
          p.postMessage({
            id: req.id,
            ok: true,
            rows: await runTx(pg, req.steps),
          } satisfies WorkerReply);
        } else if (req.op === 'query') {
          const res = await pg.query(req.sql, req.params);
          p.postMessage({ id: req.id, ok: true, rows: res.rows } satisfies WorkerReply);
        } else if (req.op === 'exec') {
          await pg.exec(req.sql);
          p.postMessage({ id: req.id, ok: true, rows: [] } satisfies WorkerReply);
        } else {
          await pg.close();
          p.postMessage({ id: req.id, ok: true, rows: [] } satisfies WorkerReply);
          p.close();
        }
      } catch (err) {
        p.postMessage({ id: req.id, ok: false, error: toWire(err) } satisfies WorkerReply);
      }
    });
  });
  p.postMessage({ id: 0, ready: true } satisfies WorkerReply);
}

await main(port);
