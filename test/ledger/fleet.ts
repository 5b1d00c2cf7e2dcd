import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgefleetClient, type LeaseSession } from '@edgefleet/client';
import { eventually, runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { freshDatabase as freshPgDatabase } from '../support/fresh-database.js';

export const PG_URL =
  process.env['EDGEFLEET_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export type Backend = 'pglite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/** A fresh PostgreSQL database for one test (dropped by `drop`), or nothing for PGlite (the coordinator's dataDir). */
export async function freshDatabase(
  backend: Backend,
): Promise<{ settings: Record<string, unknown>; drop: () => Promise<void> }> {
  if (backend === 'pglite') return { settings: {}, drop: async () => {} };
  const db = await freshPgDatabase(PG_URL);
  return { settings: { databaseUrl: db.url }, drop: db.drop };
}

/** Port of an `http://host:port` or `host:port` or `mqtt://host:port` address. */
export const portOf = (addr: string): number => Number(/:(\d+)\/?$/.exec(addr)?.[1] ?? NaN);

/** The same coordinator again (same data, same ports: the agents keep their credentials). */
export function restartSettings(
  c: CoordinatorProc,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...extra,
    http: { port: portOf(c.http) },
    grpc: { port: portOf(c.grpc) },
    mqtt: { port: portOf(c.mqtt) },
  };
}

export interface SiteAgent {
  siteId: string;
  dir: string;
  proc: Proc | undefined;
  /** Runs the agent; `overrides` replace settings for this run only. */
  start(overrides?: Record<string, unknown>): Promise<void>;
  kill(sig?: NodeJS.Signals): Promise<void>;
}

/** Enrolls a site with a one-time code and returns a handle that runs its agent as a real process. */
export async function enrollSite(
  coord: CoordinatorProc,
  name: string,
  agentSettings: Record<string, unknown> = {},
): Promise<SiteAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'ef-ledger-agent-'));
  const codes = await coord.api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
    count: 1,
  });
  const enroll = runTs('agent/src/cli.ts', [
    'enroll',
    '--coordinator',
    coord.http,
    '--code',
    codes.body.codes[0]?.code ?? '',
    '--name',
    name,
    '--lat',
    '48.14',
    '--lon',
    '11.58',
    '--data-dir',
    dir,
  ]);
  if ((await enroll.exited) !== 0) throw new Error(`enroll failed:\n${enroll.output()}`);
  const siteId = (/enrolled as site (\S+);/.exec(enroll.output()) ?? [])[1] ?? '';
  const settings = join(dir, 'settings.json');
  const base = {
    models: ['llama-3-8b'],
    hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 4 }] } },
    backend: { kind: 'simulated', latencyMs: 2, jitterMs: 0, outputTokens: 4 },
    telemetryIntervalMs: 200,
    burnFlushIntervalMs: 100,
    reconnect: { baseMs: 100, maxMs: 500 },
    ...agentSettings,
  };
  const site: SiteAgent = {
    siteId,
    dir,
    proc: undefined,
    async start(overrides = {}) {
      writeFileSync(settings, JSON.stringify({ ...base, ...overrides }));
      site.proc = runTs('agent/src/cli.ts', ['run', '--data-dir', dir, '--config', settings]);
      await site.proc.waitFor(/agent \S+ running/, 60_000);
    },
    async kill(sig = 'SIGTERM') {
      await site.proc?.kill(sig);
      site.proc = undefined;
    },
  };
  return site;
}

export async function waitOnline(coord: CoordinatorProc, siteId: string): Promise<void> {
  await eventually(
    () => coord.api<{ state: string }>('GET', `/api/v1/sites/${siteId}`),
    (r) => r.body?.state === 'online',
    30_000,
  );
}

/** What the agent answered each InferResponse with: the burn's seq and µT. */
export type Burned = Map<number, number>;

export async function openSession(
  coord: CoordinatorProc,
  customerId: string,
  budget: number,
): Promise<{ client: EdgefleetClient; session: LeaseSession }> {
  const client = new EdgefleetClient({
    coordinator: coord.grpc,
    customerId,
    defaultTimeoutMs: 5000,
    bearerToken: coord.adminToken,
  });
  const session = await client.acquire({
    model: 'llama-3-8b',
    location: { lat: 48.2, lon: 11.6 },
    maxRttMs: 10,
    budgetMicroTokens: budget,
    ttlS: 600,
    autoRenew: false,
  });
  return { client, session };
}

/** n inferences, `parallel` at a time; every answer's (seq, µT) goes into `burned`. */
export async function inferMany(
  session: LeaseSession,
  n: number,
  burned: Burned,
  parallel = 4,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const r = await session.infer('frame', { maxOutputTokens: 4, timeoutMs: 5000 });
      if (burned.has(r.response.burn_seq))
        throw new Error(`seq ${r.response.burn_seq} answered twice`);
      burned.set(r.response.burn_seq, r.response.micro_tokens);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

interface Entry {
  kind: string;
  seq: number | null;
  amount: number;
  siteId: string | null;
}

/** Every burn posting of a site, from its statement (all pages). */
export async function siteBurns(coord: CoordinatorProc, siteId: string): Promise<Entry[]> {
  const out: Entry[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const r: { status: number; body: { items: Entry[]; nextCursor: string | null } } =
      await coord.api(
        'GET',
        `/api/v1/sites/${siteId}/statement?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
      );
    if (r.status !== 200) throw new Error(`statement: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.items.filter((e) => e.kind === 'burn' || e.kind === 'burn_debt'));
    cursor = r.body.nextCursor;
  }
  return out;
}

/**
 * The site's ledger entries summed per seq. Each seq is posted at most once per kind (hold / debt),
 * so a double post would show as two entries of one kind for one seq.
 */
export async function ledgerBySeq(
  coord: CoordinatorProc,
  siteId: string,
): Promise<{ bySeq: Burned; doubles: number[] }> {
  const bySeq: Burned = new Map();
  const seen = new Set<string>();
  const doubles: number[] = [];
  for (const e of await siteBurns(coord, siteId)) {
    const seq = e.seq ?? -1;
    if (seen.has(`${e.kind}:${seq}`)) doubles.push(seq);
    seen.add(`${e.kind}:${seq}`);
    bySeq.set(seq, (bySeq.get(seq) ?? 0) + e.amount);
  }
  return { bySeq, doubles };
}

export const sum = (m: Burned): number => [...m.values()].reduce((a, b) => a + b, 0);
export const sorted = (m: Burned): [number, number][] => [...m].sort((a, b) => a[0] - b[0]);

export { startCoordinatorProcess, eventually, type CoordinatorProc };
