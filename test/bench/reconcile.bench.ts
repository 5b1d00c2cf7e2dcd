/**
 * Ledger reconciliation throughput: burns ingested (deduplicated; with INGEST=fast in-order batches
 * decided and posted at once, see coordinator/src/ledger/reconcile-fast.ts) and reconciled (chain-verified,
 * posted double-entry with provenance, per-site reports) per second, on PGlite (on disk) and on
 * PostgreSQL (127.0.0.1:5432), in realistic batches of 500 from many sites. Peer, same run, same
 * database: the very same rows in the same batches into a plain table of the same shape, as one binary
 * COPY per batch on PostgreSQL (the fastest bulk load it has: no parsing, no constraints, no ledger),
 * and as one unnest INSERT per batch on PGlite (no COPY FROM STDIN there; the ledger uses unnest too).
 * Both are warmed up alike before the clock starts (WARMUP_SITES sites of their own, default 4), and
 * each site's batches arrive in the order it published them, as a broker delivers them; the peer's
 * timed run brackets the ledger's (half its batches just before, half just after), so a change of
 * load on a shared machine weighs on both alike.
 *
 *   npm run bench -- reconcile                  (SITES=40 BATCHES=3 BATCH=500 → 60,000 burns)
 *
 * The fast path runs twice per backend: burn batch signatures off, and on (VERIFY=1: every batch
 * signed by its site and verified before ingest, as the MQTT ingest does since #13).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runTs } from '../support/processes.js';
import { report } from './report.js';

const PG_URL = process.env['EDGEFLEET_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const FIXTURE = 'coordinator/src/ledger/reconcile-bench.fixture.ts';

interface Result {
  kind: string;
  ingest: string;
  verify: boolean;
  inflight: number;
  postedAtIngest: number;
  burns: number;
  sites: number;
  batch: number;
  stageMs: number;
  reconcileMs: number;
  rawMs: number;
  peer: string;
  /** CPU time of the fixture's process (user + system) in the ledger's timed part and the peer's: what the load of a shared machine changes least. */
  ledgerCpuMs: number;
  peerCpuMs: number;
}

async function runOne(args: string[], ingest: string, verify: boolean): Promise<Result> {
  const p = runTs(FIXTURE, args, {
    INGEST: ingest,
    VERIFY: verify ? '1' : '0',
    INFLIGHT: process.env['INFLIGHT'] ?? '20',
    SITES: process.env['SITES'] ?? '40',
    BATCHES: process.env['BATCHES'] ?? '3',
    BATCH: process.env['BATCH'] ?? '500',
    WARMUP_SITES: process.env['WARMUP_SITES'] ?? '4',
  });
  const m = await p.waitFor(/RESULT (\{.*\})\n/, 570_000);
  const code = await p.exited;
  if (code !== 0) throw new Error(`fixture exited ${code}:\n${p.output().slice(-2000)}`);
  return JSON.parse(m[1] ?? '{}') as Result;
}

// Each backend twice: INGEST=stage (every batch staged, then one reconcile run: three writes per
// burn) and INGEST=fast (ledger.ingestBurns: in-order batches decided at ingest, one write per burn).
const results: Result[] = [];
for (const [ingest, verify] of [
  ['stage', false],
  ['fast', false],
  ['fast', true],
] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'ef-recon-bench-'));
  try {
    results.push(await runOne(['pglite', dir], ingest, verify));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  try {
    results.push(await runOne(['postgres', PG_URL, schema], ingest, verify));
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
}

const perS = (n: number, ms: number) => Math.round(n / (ms / 1000));
await report(
  'ledger reconciliation (stage + reconcile vs a raw bulk load of the same rows: binary COPY on PostgreSQL)',
  results.map((r) => ({
    backend: r.kind,
    ingest: r.ingest,
    'signatures verified': r.verify ? 'yes' : 'no',
    inflight: r.inflight,
    burns: r.burns,
    'posted at ingest': r.postedAtIngest,
    sites: r.sites,
    'ingest burns/s': perS(r.burns, r.stageMs),
    'reconcile burns/s': perS(r.burns, r.reconcileMs),
    'stage+reconcile burns/s': perS(r.burns, r.stageMs + r.reconcileMs),
    peer: r.peer,
    'peer rows/s': perS(r.burns, r.rawMs),
    'ledger/peer': Number((r.rawMs / (r.stageMs + r.reconcileMs)).toFixed(3)),
  })),
  { results },
);
