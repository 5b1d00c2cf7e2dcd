import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerClient } from '../leases/grpc-clients.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const PG_URL = process.env['EDGEFLEET_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface ReadyBody {
  status: string;
  checks: Record<string, { status: string; reason?: string }>;
}

/** What no reply may carry: node-postgres' and the server's own wording of the failure. */
const DRIVER_TEXT =
  /ECONN|terminat|administrator command|Connection terminated|127\.0\.0\.1|57P01|ef_outage_/i;

/**
 * The ledger database goes away under a running coordinator (PostgreSQL through a TCP forwarder
 * that stops accepting, its backends ended with pg_terminate_backend) and comes back. While it is
 * away the coordinator is alive (/livez 200) but not ready (/readyz 503 naming the database),
 * REST answers 503 DATABASE_UNAVAILABLE with Retry-After and Acquire UNAVAILABLE with the same
 * code, neither with the driver's text; once it is back everything answers again.
 */
describe('fault: the ledger database goes away and comes back', () => {
  const dbName = `ef_outage_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  let proxy: TcpProxy;
  let coord: CoordinatorProc;
  let agent: AgentProc;
  let broker: BrokerClient;
  const customer = 'fleet-db-outage';

  const acquire = () =>
    broker.acquire(
      {
        customer_id: customer,
        model: 'llama-3-8b',
        location: { pop_id: 'pop-fra' },
        budget_micro_tokens: 1_000,
        ttl_s: 60,
      },
      10_000,
    );

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const target = new URL(PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(PG_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    url.pathname = `/${dbName}`;
    coord = await startCoordinatorProcess({
      databaseUrl: url.toString(),
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    });
    agent = await startAgentProcess(coord, 'outage site', {
      models: ['llama-3-8b'],
      hook: { name: 'fake', options: { accelerators: [{ profile: 'l4', count: 2 }] } },
      backend: { kind: 'simulated', latencyMs: 5, jitterMs: 0 },
      telemetryIntervalMs: 200,
      hostMetrics: false,
    });
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.some((s) => s.state === 'online'),
      30_000,
    );
    const topup = await coord.api('POST', `/api/v1/customers/${customer}/topup`, {
      microTokens: 1_000_000,
    });
    expect(topup.status).toBe(200);
    broker = new BrokerClient(coord.grpc, coord.adminToken);
  }, 120_000);

  afterAll(async () => {
    broker?.close();
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
    await proxy?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  it('ready, and Acquire grants, while the database answers', async () => {
    const r = await fetch(`${coord.http}/readyz`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as ReadyBody).checks.database?.status).toBe('pass');
    const lease = await acquire();
    expect(lease.primary?.site_id).toBe(agent.siteId);
  });

  it('database away: /livez 200, /readyz 503 (database), REST 503 + Retry-After, Acquire UNAVAILABLE, no driver text', async () => {
    await proxy.refuse();
    const ended = await admin.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1',
      [dbName],
    );
    expect(ended.rows.length).toBeGreaterThan(0);

    expect((await fetch(`${coord.http}/livez`)).status).toBe(200);

    const ready = await eventually(
      () => fetch(`${coord.http}/readyz`),
      (r) => r.status === 503,
      15_000,
    );
    const body = (await ready.json()) as ReadyBody;
    expect(body.status).toBe('fail');
    expect(body.checks.database).toMatchObject({ status: 'fail', reason: 'DATABASE_UNAVAILABLE' });
    expect(body.checks.broker?.status).toBe('pass');
    expect(body.checks.grpc?.status).toBe('pass');

    const res = await fetch(`${coord.http}/api/v1/customers/${customer}/balance`, {
      headers: { authorization: `Bearer ${coord.adminToken}` },
    });
    const text = await res.text();
    expect(res.status, text).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(
      'DATABASE_UNAVAILABLE',
    );
    expect(text).not.toMatch(DRIVER_TEXT);

    const err = (await acquire().then(
      () => undefined,
      (e: unknown) => e,
    )) as grpc.ServiceError | undefined;
    expect(err, 'Acquire must fail while the ledger is away').toBeDefined();
    expect(err?.code, err?.details).toBe(grpc.status.UNAVAILABLE);
    expect(err?.details).toMatch(/^DATABASE_UNAVAILABLE: /);
    expect(err?.details).not.toMatch(DRIVER_TEXT);

    expect(coord.proc.output(), 'the coordinator is still running').not.toMatch(
      /edgefleet-coordinator: /,
    );
  }, 60_000);

  it('database back: /readyz 200 again, REST and Acquire answer', async () => {
    await proxy.restore();
    await eventually(
      () => fetch(`${coord.http}/readyz`),
      (r) => r.status === 200,
      20_000,
    );
    const bal = await coord.api<{ available: number }>(
      'GET',
      `/api/v1/customers/${customer}/balance`,
    );
    expect(bal.status).toBe(200);
    const lease = await eventually(
      () => acquire().catch((e: unknown) => e as grpc.ServiceError),
      (x) => !(x instanceof Error),
      20_000,
    );
    expect((lease as Awaited<ReturnType<typeof acquire>>).primary?.site_id).toBe(agent.siteId);
  }, 60_000);
});
