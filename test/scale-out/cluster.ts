import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EdgefleetClient } from '@edgefleet/client';
import { enrollSite, eventually, freshDatabase, portOf, startCoordinatorProcess, type CoordinatorProc, type SiteAgent } from '../ledger/fleet.js';
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';

export const CUSTOMER = 'so-cust';
export const MODEL = 'llama-3-8b';

/**
 * Two coordinator replicas (real processes) on one fresh PostgreSQL database and a private
 * Mosquitto, burns on a shared subscription ($share/edgefleet-coordinators/…: each batch goes to
 * one replica), telemetry to both. Sites are enrolled through replica 0; replica 1 starts with the
 * same lease-signing keys (a copy of replica 0's keys directory: every replica must sign with a key
 * every agent trusts). Each agent runs as its own process with `coordinator.endpoints` naming both
 * replicas, so it holds one EdgeControl stream to each.
 */
export interface Cluster {
  replicas: CoordinatorProc[];
  sites: SiteAgent[];
  mosquitto: MosquittoProc;
  slots: number;
  /** The agents' Prometheus /metrics URLs, by site id. */
  agentMetrics: Map<string, string>;
  /** One query on the shared database. */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The settings a replica was started with (to start it again on the same ports). */
  replicaSettings(i: number): Record<string, unknown>;
  /** Starts replica i again (same data directory, HTTP and gRPC ports) after it was killed. */
  restartReplica(i: number): Promise<CoordinatorProc>;
  /** A vehicle: a LeaseBroker client of replica i. */
  vehicle(i: number): EdgefleetClient;
  close(): Promise<void>;
}

export async function startCluster(o: { sites: number; slots: number; telemetryIntervalMs: number; coordinator?: Record<string, unknown> }): Promise<Cluster> {
  const db = await freshDatabase('postgres');
  const mosquitto = await startMosquitto();
  const replicas: CoordinatorProc[] = [];
  const sites: SiteAgent[] = [];
  const clients: EdgefleetClient[] = [];
  const pool = new pg.Pool({ connectionString: String(db.settings['databaseUrl']), max: 2 });
  const base = (i: number): Record<string, unknown> => ({
    ...db.settings,
    mqtt: { url: mosquitto.url, sharedGroup: 'edgefleet-coordinators', clientId: `ef-so-${i}-${randomBytes(4).toString('hex')}` },
    leases: { settleMs: 1500, offerTimeoutMs: 10_000 },
    ...o.coordinator,
  });
  const settings: Record<string, unknown>[] = [];
  const cluster: Cluster = {
    replicas, sites, mosquitto, slots: o.slots, agentMetrics: new Map(),
    async sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
      return (await pool.query<T>(text, params)).rows;
    },
    replicaSettings: (i) => settings[i] ?? {},
    async restartReplica(i) {
      const prev = replicas[i] as CoordinatorProc;
      const r = await startCoordinatorProcess({ ...settings[i], http: { port: portOf(prev.http) }, grpc: { port: portOf(prev.grpc) } }, prev.dataDir);
      replicas[i] = r;
      return r;
    },
    vehicle(i) {
      const r = replicas[i] as CoordinatorProc;
      const c = new EdgefleetClient({ coordinator: r.grpc, customerId: CUSTOMER, defaultTimeoutMs: 15_000, bearerToken: r.adminToken });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      await Promise.all(sites.map((s) => s.kill('SIGKILL')));
      await Promise.all(replicas.map((r) => r.proc.kill('SIGKILL')));
      await pool.end();
      await mosquitto.stop();
      await db.drop();
    },
  };
  try {
    settings.push(base(0));
    replicas.push(await startCoordinatorProcess(settings[0]));
    const a = replicas[0] as CoordinatorProc;
    sites.push(...(await Promise.all(Array.from({ length: o.sites }, (_, i) => enrollSite(a, `scale-out site ${i}`, {
      hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: o.slots }] } },
      telemetryIntervalMs: o.telemetryIntervalMs,
      hostMetrics: false,
      metrics: { enabled: true, port: 0 },
    })))));
    // Replica 1 loads the enrolled sites from the shared database and signs with the same keys.
    const dirB = mkdtempSync(join(tmpdir(), 'ef-coord-'));
    cpSync(join(a.dataDir, 'keys'), join(dirB, 'keys'), { recursive: true });
    settings.push(base(1));
    replicas.push(await startCoordinatorProcess(settings[1], dirB));
    const endpoints = replicas.map((r) => r.grpc);
    await Promise.all(sites.map(async (s) => {
      await s.start({ coordinator: { endpoints } });
      const url = /metrics on (\S+)/.exec(s.proc?.output() ?? '')?.[1];
      if (!url) throw new Error(`agent ${s.siteId} printed no metrics URL`);
      cluster.agentMetrics.set(s.siteId, url);
    }));
    // Online on both replicas = an EdgeControl stream to each (and telemetry, fanned out, at each).
    for (const r of replicas) for (const s of sites) await waitSiteState(r, s.siteId, 'online');
    return cluster;
  } catch (err) {
    await cluster.close();
    throw err;
  }
}

export async function waitSiteState(r: CoordinatorProc, siteId: string, state: string, timeoutMs = 30_000): Promise<void> {
  await eventually(() => r.api<{ state: string }>('GET', `/api/v1/sites/${siteId}`), (x) => x.body?.state === state, timeoutMs, 100);
}

/** One value of a Prometheus text exposition (sum over label sets when `labels` is omitted). */
export async function metric(url: string, name: string, labels?: string, headers: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(url, { headers })).text();
  let total = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm'))) {
    if (labels === undefined || m[1] === `{${labels}}`) total += Number(m[2]);
  }
  return total;
}

/** A replica's count of one lease-reject reason (edgefleet_lease_rejects_total). */
export function rejects(r: CoordinatorProc, reason: string): Promise<number> {
  return metric(`${r.http}/metrics`, 'edgefleet_lease_rejects_total', `reason="${reason}"`, { authorization: `Bearer ${r.adminToken}` });
}

/** Ledger invariants: the accounts sum to zero, no customer/hold/site account is negative, no burn posted twice. */
export async function ledgerInvariants(c: Cluster): Promise<{ total: string; negative: unknown[]; twice: unknown[] }> {
  const [total] = await c.sql<{ s: string }>('SELECT COALESCE(sum(balance), 0)::text AS s FROM accounts');
  const negative = await c.sql(`SELECT id, balance FROM accounts WHERE kind IN ('customer', 'hold', 'site') AND balance < 0`);
  const twice = await c.sql(`SELECT site_id, burn_seq, kind, count(*) FROM transfers WHERE kind IN ('burn', 'burn_debt') GROUP BY 1, 2, 3 HAVING count(*) > 1`);
  return { total: total?.s ?? '', negative, twice };
}
