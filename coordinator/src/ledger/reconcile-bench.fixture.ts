/**
 * Child process of test/bench/reconcile.bench.ts (one backend per process): stages realistic batches
 * of burns from many sites and reconciles them, then bulk-inserts the very same rows into a plain
 * table of the same shape in the same database (the peer). Prints one line `RESULT {json}`.
 * argv: pglite <dataDir> | postgres <url> <schema>; env SITES, BATCHES (per site), BATCH (records),
 * INGEST: 'fast' (default: ledger.ingestBurns, the MQTT path: in-order batches decided and posted at
 * once; INFLIGHT batches outstanding, default 20) or 'stage' (ledger.stageBurns: everything staged,
 * then decided by reconcile()). VERIFY=1: each batch carries its site's Ed25519 signature (signed
 * before the clock starts, as the agent does) and is verified before it is staged or ingested, as the
 * MQTT ingest does (coordinator/src/ingest/batch-signature-gate.ts; keys in memory, as SiteKeyBook caches them).
 * The peer is a binary COPY (db/copy-binary.ts, the encoder the fast path uses) of each batch where the
 * backend has COPY FROM STDIN (PostgreSQL), else the multi-row unnest INSERT the ledger itself uses there
 * (PGlite has no COPY FROM STDIN here), one transaction per batch: `peer` in the result says which.
 * Before the clock starts, both are warmed up alike on WARMUP_SITES (default 4) sites of their own;
 * the peer's timed run brackets the ledger's (half of the batches just before it, half just after).
 * The result also carries this process's CPU time in each side's timed part (ledgerCpuMs, peerCpuMs).
 */
import { performance } from 'node:perf_hooks';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signBurnBatch, verifyBurnBatch, type BurnRecordData } from '@edgefleet/proto';
import { copyBinaryChunks, type CopyColumnType } from '../db/copy-binary.js';
import { openDb, type Db, type Queryable } from '../db/index.js';
import { BURN_COLUMNS } from './burn-record.js';
import { createLedger } from './ledger.js';
import { T0, TestChain } from './ledger.test-support.js';

/** Columns of the peer's binary COPY: the burn record's (BURN_COLUMNS order), then staged_at_ms. */
const RAW_TYPES: readonly CopyColumnType[] = [
  ...([
    'text',
    'int8',
    'text',
    'text',
    'text',
    'text',
    'int8',
    'int8',
    'int8',
    'text',
    'text',
    'text', // mig_instance_uuid
  ] as const),
  'int8',
];

const [kind, where, schema] = process.argv.slice(2);
const SITES = Number(process.env['SITES'] ?? 40);
const BATCHES = Number(process.env['BATCHES'] ?? 3);
const BATCH = Number(process.env['BATCH'] ?? 500);
const INGEST = process.env['INGEST'] === 'stage' ? 'stage' : 'fast';
const INFLIGHT = Math.max(1, Number(process.env['INFLIGHT'] ?? 20));
const VERIFY = process.env['VERIFY'] === '1';
/** Sites of the untimed warm-up (their own chains, BATCHES batches each), ledger and peer alike. */
const WARMUP_SITES = Math.max(1, Number(process.env['WARMUP_SITES'] ?? 4));

const db = await openDb(
  kind === 'postgres' ? { url: where ?? '', schema: schema ?? '' } : { dataDir: where ?? '' },
);
// PROFILE=1: time spent per statement kind (first 60 characters of the SQL), printed to stderr.
const profile = new Map<string, { n: number; ms: number }>();
async function time<T>(sql: string, run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await run();
  } finally {
    const k = sql.replace(/\s+/g, ' ').trim().slice(0, 60);
    const p = profile.get(k) ?? { n: 0, ms: 0 };
    p.n++;
    p.ms += performance.now() - t;
    profile.set(k, p);
  }
}
const timed = (q: Queryable): Queryable => {
  const copyFrom = q.copyFrom?.bind(q);
  return {
    exec: (sql) => q.exec(sql),
    query: (sql, params) => time(sql, () => q.query(sql, params)),
    ...(copyFrom
      ? {
          copyFrom: (sql: string, data: Uint8Array | Iterable<Uint8Array>) =>
            time(sql, () => copyFrom(sql, data)),
        }
      : {}),
  };
};
const ledgerDb: Db =
  process.env['PROFILE'] === '1'
    ? {
        kind: db.kind,
        close: () => db.close(),
        exec: (sql) => db.exec(sql),
        query: (sql, params) => timed(db).query(sql, params),
        tx: (fn, o) =>
          time('(transaction: BEGIN … COMMIT, JavaScript included)', () =>
            db.tx((q) => fn(timed(q)), o),
          ),
        txStatements: (steps, o) =>
          time(`txStatements: ${steps[0]?.sql ?? ''}`, () => db.txStatements(steps, o)),
      }
    : db;
const ledger = await createLedger(ledgerDb);

type Batch = { siteId: string; records: BurnRecordData[]; signature?: Uint8Array };
const siteKeys = new Map<string, KeyObject>();

/**
 * `count` sites named `{prefix}-site-{s}`, one customer each with a hold large enough for everything
 * its site burns, and their BATCHES batches of BATCH records, in the order a broker delivers them:
 * every site's first batch, then every site's second… (sites interleaved, each site's batches in the
 * order it published them: MQTT keeps a publisher's order on a topic).
 */
async function makeSites(prefix: string, count: number): Promise<Batch[]> {
  const rounds: Batch[][] = Array.from({ length: BATCHES }, () => []);
  for (let s = 0; s < count; s++) {
    const siteId = `${prefix}-site-${s}`;
    const customerId = `${prefix}-cust-${s}`;
    const holdId = `${prefix}-hold-${s}`;
    const leaseId = `${prefix}-lease-${s}`;
    await ledger.topUp(customerId, 1e12, `seed-${s}`);
    await ledger.placeHold({ holdId, customerId, microTokens: 1e11, expiresAtMs: T0 + 3_600_000 });
    await ledger.registerLease({
      leaseId,
      holdId,
      siteId,
      customerId,
      model: 'm',
      budgetMicroTokens: 1e11,
      issuedAtMs: T0,
      expiresAtMs: T0 + 3_600_000,
    });
    const chain = new TestChain(siteId);
    const key = generateKeyPairSync('ed25519');
    siteKeys.set(siteId, key.publicKey);
    for (let b = 0; b < BATCHES; b++) {
      const records = Array.from({ length: BATCH }, (_, i) =>
        chain.next(leaseId, 1 + ((s + i) % 97)),
      );
      rounds[b]?.push({
        siteId,
        records,
        ...(VERIFY
          ? { signature: signBurnBatch(key.privateKey, { site_id: siteId, records }) }
          : {}),
      });
    }
  }
  return rounds.flat();
}

/** The ingest's signature check (VERIFY=1): a batch that does not verify fails the bench. */
const verified = (b: Batch) => {
  if (!VERIFY) return;
  const v = verifyBurnBatch(siteKeys.get(b.siteId) as KeyObject, {
    site_id: b.siteId,
    records: b.records,
    signature: b.signature ?? null,
  });
  if (!v.ok) throw new Error(`batch of ${b.siteId} refused: ${v.reason}`);
};

/**
 * Batches in → posted; returns how many burns were posted at ingest. INGEST=stage: one after
 * another, each awaited (as before the fast path). INGEST=fast: as the MQTT ingest handler receives
 * them: a handler runs per message without waiting for earlier ones, and the broker keeps at most
 * INFLIGHT QoS 1 messages unacked per subscriber (mosquitto's max_inflight_messages, 20 by default),
 * so at most INFLIGHT batches are outstanding; those that arrive while a group commits go together
 * in the next one.
 */
async function ingestAll(bs: readonly Batch[]): Promise<number> {
  let postedAtIngest = 0;
  if (INGEST === 'stage') {
    for (const b of bs) {
      verified(b);
      await ledger.stageBurns(b.siteId, b.records);
    }
    return 0;
  }
  const inflight = new Set<Promise<void>>();
  for (const b of bs) {
    while (inflight.size >= INFLIGHT) await Promise.race(inflight);
    verified(b);
    const p: Promise<void> = ledger.ingestBurns(b.siteId, b.records).then((r) => {
      postedAtIngest += r.posted;
      inflight.delete(p);
    });
    inflight.add(p);
  }
  await Promise.all(inflight);
  return postedAtIngest;
}

/** The peer: each batch in a transaction of its own, one binary COPY each (PostgreSQL), else one multi-row unnest INSERT. */
async function peerAll(bs: readonly Batch[], canCopy: boolean): Promise<void> {
  for (const b of bs)
    await db.tx((q) => (canCopy ? rawCopy(q, b.records) : rawInsert(q, b.records)));
}

const batches = await makeSites('bench', SITES);
const warmBatches = await makeSites('warm', WARMUP_SITES);
const total = SITES * BATCHES * BATCH;

// Warm-up, untimed, for the ledger and for the peer alike (#17 "Fair peers"): the same code paths,
// the same statements, on sites of their own, so neither side pays the process's first JIT
// compilations, the connections' first plans or the tables' first pages in its timed run (the peer
// used to run second in a process the ledger had warmed up). Both tables keep the warm-up rows.
await ingestAll(warmBatches);
await ledger.reconcile(T0 + 60_000);
await db.exec(`CREATE TABLE bench_raw_burns (LIKE burns INCLUDING DEFAULTS)`);
const canCopy = await db.tx((q) => Promise.resolve(q.copyFrom !== undefined));
const peer = canCopy ? 'binary COPY' : 'unnest INSERT';
await peerAll(warmBatches, canCopy);

// The peer brackets the ledger in time (half of the batches just before it, half just after), so a
// change of load on a shared machine during the run weighs on both sides alike.
const half = Math.ceil(batches.length / 2);
const c0 = process.cpuUsage();
const p0 = performance.now();
await peerAll(batches.slice(0, half), canCopy);
const p1 = performance.now();
const c1 = process.cpuUsage(c0);

profile.clear(); // PROFILE=1 reports the timed ingest and reconcile only
const c2 = process.cpuUsage();
const t0 = performance.now();
const postedAtIngest = await ingestAll(batches);
const t1 = performance.now();
const run = await ledger.reconcile(T0 + 60_000);
const t2 = performance.now();
const c3 = process.cpuUsage(c2);
const profiled = [...profile];

const c4 = process.cpuUsage();
const t3 = performance.now();
await peerAll(batches.slice(half), canCopy);
const t4 = performance.now();
const c5 = process.cpuUsage(c4);
/** CPU time of this process (user + system), ms: the figure the load of a shared machine changes least. */
const cpuMs = (...cs: NodeJS.CpuUsage[]) => cs.reduce((a, c) => a + (c.user + c.system) / 1000, 0);

const posted = postedAtIngest + run.sites.reduce((a, s) => a + s.accepted, 0);
if (posted !== total) throw new Error(`posted ${posted} of ${total}`);
await ledger.checkInvariants();
await db.exec('DROP TABLE bench_raw_burns');
await ledger.close();

if (profiled.length > 0) {
  for (const [k, v] of profiled.sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    process.stderr.write(`${v.ms.toFixed(0).padStart(7)} ms ${String(v.n).padStart(6)}× ${k}\n`);
}
process.stdout.write(
  `RESULT ${JSON.stringify({ kind, ingest: INGEST, verify: VERIFY, inflight: INGEST === 'stage' ? 1 : INFLIGHT, postedAtIngest, burns: total, sites: SITES, batch: BATCH, stageMs: t1 - t0, reconcileMs: t2 - t1, rawMs: p1 - p0 + (t4 - t3), peer, ledgerCpuMs: cpuMs(c3), peerCpuMs: cpuMs(c1, c5) })}\n`,
);

/** One batch as one `COPY … FROM STDIN (FORMAT binary)`, the rows encoded as the ledger's fast path does. */
async function rawCopy(d: Queryable, rs: BurnRecordData[]): Promise<void> {
  const data = copyBinaryChunks(
    RAW_TYPES,
    rs.map((r) => [
      r.site_id,
      r.seq,
      r.lease_id,
      r.accelerator_model,
      r.accelerator_serial,
      r.slot,
      r.started_at_ms,
      r.ended_at_ms,
      r.micro_tokens,
      r.prev_hash,
      r.hash,
      r.mig_instance_uuid ?? '',
      0,
    ]),
    1000,
  );
  const n = await d.copyFrom?.(
    `COPY bench_raw_burns (${BURN_COLUMNS}, staged_at_ms) FROM STDIN (FORMAT binary)`,
    data,
  );
  if (n !== rs.length) throw new Error(`binary COPY wrote ${n} of ${rs.length} rows`);
}

async function rawInsert(d: Queryable, rs: BurnRecordData[]): Promise<void> {
  await d.query(
    `INSERT INTO bench_raw_burns (${BURN_COLUMNS}, staged_at_ms)
     SELECT *, 0 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[])`,
    [
      rs.map((r) => r.site_id),
      rs.map((r) => r.seq),
      rs.map((r) => r.lease_id),
      rs.map((r) => r.accelerator_model),
      rs.map((r) => r.accelerator_serial),
      rs.map((r) => r.slot),
      rs.map((r) => r.started_at_ms),
      rs.map((r) => r.ended_at_ms),
      rs.map((r) => r.micro_tokens),
      rs.map((r) => r.prev_hash),
      rs.map((r) => r.hash),
      rs.map((r) => r.mig_instance_uuid ?? ''),
    ],
  );
}
