import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EdgefleetClient } from '@edgefleet/client';
import {
  enrollSite,
  eventually,
  freshDatabase,
  portOf,
  startCoordinatorProcess,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';

export const CUSTOMER = 'so-cust';
/** What ledgerInvariants returns for a sound ledger. */
export const CLEAN = { total: '0', negative: [], mismatched: [], unbalanced: [] };
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
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<T[]>;
  /** The settings a replica was started with (to start it again on the same ports). */
  replicaSettings(i: number): Record<string, unknown>;
  /** Starts replica i again (same data directory, HTTP and gRPC ports) after it was killed. */
  restartReplica(i: number): Promise<CoordinatorProc>;
  /** A vehicle: a LeaseBroker client of replica i. */
  vehicle(i: number): EdgefleetClient;
  close(): Promise<void>;
}

export async function startCluster(o: {
  sites: number;
  slots: number;
  telemetryIntervalMs: number;
  coordinator?: Record<string, unknown>;
  /** Extra agent settings (e.g. capacityQuota), given to every agent at start. */
  agent?: Record<string, unknown>;
}): Promise<Cluster> {
  const db = await freshDatabase('postgres');
  const mosquitto = await startMosquittoRetrying();
  const replicas: CoordinatorProc[] = [];
  const sites: SiteAgent[] = [];
  const clients: EdgefleetClient[] = [];
  const pool = new pg.Pool({ connectionString: String(db.settings['databaseUrl']), max: 2 });
  const base = (i: number): Record<string, unknown> => ({
    ...db.settings,
    mqtt: {
      url: mosquitto.url,
      sharedGroup: 'edgefleet-coordinators',
      clientId: `ef-so-${i}-${randomBytes(4).toString('hex')}`,
    },
    leases: { settleMs: 1500, offerTimeoutMs: 10_000 },
    ...o.coordinator,
  });
  const settings: Record<string, unknown>[] = [];
  const cluster: Cluster = {
    replicas,
    sites,
    mosquitto,
    slots: o.slots,
    agentMetrics: new Map(),
    async sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
      return (await pool.query<T>(text, params)).rows;
    },
    replicaSettings: (i) => settings[i] ?? {},
    async restartReplica(i) {
      const prev = replicas[i] as CoordinatorProc;
      const r = await startCoordinatorProcess(
        { ...settings[i], http: { port: portOf(prev.http) }, grpc: { port: portOf(prev.grpc) } },
        prev.dataDir,
      );
      replicas[i] = r;
      return r;
    },
    vehicle(i) {
      const r = replicas[i] as CoordinatorProc;
      const c = new EdgefleetClient({
        coordinator: r.grpc,
        customerId: CUSTOMER,
        defaultTimeoutMs: 15_000,
        bearerToken: r.adminToken,
      });
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
    sites.push(
      ...(await Promise.all(
        Array.from({ length: o.sites }, (_, i) =>
          enrollSite(a, `scale-out site ${i}`, {
            hook: {
              name: 'fake',
              options: { accelerators: [{ profile: 'h100-80gb-sxm', count: o.slots }] },
            },
            telemetryIntervalMs: o.telemetryIntervalMs,
            hostMetrics: false,
            metrics: { enabled: true, port: 0 },
          }),
        ),
      )),
    );
    // Replica 1 loads the enrolled sites from the shared database and signs with the same keys.
    const dirB = mkdtempSync(join(tmpdir(), 'ef-coord-'));
    cpSync(join(a.dataDir, 'keys'), join(dirB, 'keys'), { recursive: true });
    settings.push(base(1));
    replicas.push(await startCoordinatorProcess(settings[1], dirB));
    const endpoints = replicas.map((r) => r.grpc);
    await Promise.all(
      sites.map(async (s) => {
        await s.start({ ...o.agent, coordinator: { endpoints } });
        const url = /metrics on (\S+)/.exec(s.proc?.output() ?? '')?.[1];
        if (!url) throw new Error(`agent ${s.siteId} printed no metrics URL`);
        cluster.agentMetrics.set(s.siteId, url);
      }),
    );
    // Online on both replicas = an EdgeControl stream to each (and telemetry, fanned out, at each).
    for (const r of replicas) for (const s of sites) await waitSiteState(r, s.siteId, 'online');
    return cluster;
  } catch (err) {
    await cluster.close();
    throw err;
  }
}

/** A private broker; its free port can be taken by another process before mosquitto binds it: try again. */
async function startMosquittoRetrying(): Promise<MosquittoProc> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startMosquitto();
    } catch (err) {
      if (attempt >= 3 || !/Address already in use/.test(String(err))) throw err;
    }
  }
}

export async function waitSiteState(
  r: CoordinatorProc,
  siteId: string,
  state: string,
  timeoutMs = 30_000,
): Promise<void> {
  await eventually(
    () => r.api<{ state: string }>('GET', `/api/v1/sites/${siteId}`),
    (x) => x.body?.state === state,
    timeoutMs,
    100,
  );
}

/** One value of a Prometheus text exposition (sum over label sets when `labels` is omitted). */
export async function metric(
  url: string,
  name: string,
  labels?: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(url, { headers })).text();
  let total = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm'))) {
    if (labels === undefined || m[1] === `{${labels}}`) total += Number(m[2]);
  }
  return total;
}

/** A replica's count of one lease-reject reason (edgefleet_lease_rejects_total). */
export function rejects(r: CoordinatorProc, reason: string): Promise<number> {
  return metric(`${r.http}/metrics`, 'edgefleet_lease_rejects_total', `reason="${reason}"`, {
    authorization: `Bearer ${r.adminToken}`,
  });
}

/**
 * Ledger invariants: the accounts sum to zero; no customer/hold/site account is negative; every
 * burn transfer (an aggregate over the burns of one hold or one debt on one site) posts exactly the
 * burns that name it, by count and by amount (a burn row, one per (site, seq), names at most one
 * transfer per kind: so no burn is posted twice); and per site the transfers add up to the burn rows.
 */
export async function ledgerInvariants(
  c: Cluster,
): Promise<{ total: string; negative: unknown[]; mismatched: unknown[]; unbalanced: unknown[] }> {
  const [total] = await c.sql<{ s: string }>(
    'SELECT COALESCE(sum(balance), 0)::text AS s FROM accounts',
  );
  const negative = await c.sql(
    `SELECT id, balance FROM accounts WHERE kind IN ('customer', 'hold', 'held', 'slice', 'site') AND balance < 0`,
  );
  const mismatched = await c.sql(
    `SELECT t.id, t.kind, t.amount, t.burn_count, count(b.seq) AS n,
            sum(CASE WHEN t.kind = 'burn' THEN b.posted_from_hold ELSE b.posted_as_debt END) AS posted
       FROM transfers t LEFT JOIN burns b ON b.site_id = t.site_id AND (CASE WHEN t.kind = 'burn' THEN b.transfer_id ELSE b.debt_transfer_id END) = t.id
      WHERE t.kind IN ('burn', 'burn_debt')
      GROUP BY t.id, t.kind, t.amount, t.burn_count
     HAVING count(b.seq) <> COALESCE(t.burn_count, 1) OR sum(CASE WHEN t.kind = 'burn' THEN b.posted_from_hold ELSE b.posted_as_debt END) IS DISTINCT FROM t.amount`,
  );
  const unbalanced = await c.sql(
    `SELECT t.site_id, t.s AS transfers, b.s AS burns FROM
       (SELECT site_id, sum(amount) AS s FROM transfers WHERE kind IN ('burn', 'burn_debt') GROUP BY site_id) t
       FULL JOIN (SELECT site_id, sum(posted_from_hold + posted_as_debt) AS s FROM burns GROUP BY site_id HAVING sum(posted_from_hold + posted_as_debt) > 0) b ON b.site_id = t.site_id
     WHERE t.s IS DISTINCT FROM b.s`,
  );
  return { total: total?.s ?? '', negative, mismatched, unbalanced };
}

/** Per site, each posted burn's seq → µT posted for it (from the hold and as debt), from the ledger's burn rows. */
export async function postedBurns(c: Cluster): Promise<Map<string, Map<number, number>>> {
  const rows = await c.sql<{ site_id: string; seq: string; amount: string }>(
    `SELECT site_id, seq::text, (posted_from_hold + posted_as_debt)::text AS amount FROM burns WHERE transfer_id IS NOT NULL OR debt_transfer_id IS NOT NULL`,
  );
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const m = out.get(r.site_id) ?? new Map<number, number>();
    out.set(r.site_id, m);
    m.set(Number(r.seq), Number(r.amount));
  }
  return out;
}
