import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgefleetClient, type LeaseSession } from '@edgefleet/client';
import { eventually, runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';

interface Balance {
  available: number;
  held: number;
  debt: number;
}
interface SiteView {
  state: string;
  outboxDepth: number;
  signals: { mqtt: boolean; stream: boolean };
}

/**
 * The external MQTT broker dies and comes back. Sites keep serving the leases they hold
 * (they are autonomous), burns wait in the outbox, and after the broker returns every burn is
 * reconciled exactly once: nothing lost, nothing counted twice.
 */
describe('fault: external broker outage and return', () => {
  let broker: MosquittoProc;
  let coord: CoordinatorProc;
  let agent: Proc;
  let client: EdgefleetClient;
  let siteId = '';
  const customer = 'fleet-outage';

  beforeAll(async () => {
    broker = await startMosquitto({ conf: ['max_queued_messages 100000'] });
    coord = await startCoordinatorProcess({ mqtt: { url: broker.url, sharedGroup: 'outage' } });
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    const dir = mkdtempSync(join(tmpdir(), 'ef-agent-'));
    const enroll = runTs('agent/src/cli.ts', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      codes.body.codes[0]?.code ?? '',
      '--name',
      'outage site',
      '--lat',
      '50.1',
      '--lon',
      '8.7',
      '--data-dir',
      dir,
    ]);
    expect(await enroll.exited).toBe(0);
    siteId = (/enrolled as site (\S+);/.exec(enroll.output()) ?? [])[1] ?? '';
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        models: ['llama-3-8b'],
        hook: { name: 'fake', options: { accelerators: [{ profile: 'l4', count: 2 }] } },
        backend: { kind: 'simulated', latencyMs: 20, jitterMs: 0 },
        telemetryIntervalMs: 200,
        burnFlushIntervalMs: 100,
        hostMetrics: false,
      }),
    );
    agent = runTs('agent/src/cli.ts', [
      'run',
      '--data-dir',
      dir,
      '--config',
      join(dir, 'settings.json'),
    ]);
    await agent.waitFor(/agent \S+ running/, 60_000);
    await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body?.state === 'online',
      20_000,
    );
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 5_000_000 });
    client = new EdgefleetClient({
      coordinator: coord.grpc,
      customerId: customer,
      defaultTimeoutMs: 3000,
      bearerToken: coord.adminToken,
    });
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await agent?.kill();
    await coord?.proc.kill();
    await broker?.stop();
  });

  it('keeps serving during the outage and reconciles every burn exactly once after it', async () => {
    const session: LeaseSession = await client.acquire({
      model: 'llama-3-8b',
      location: { lat: 50, lon: 8.6 },
      budgetMicroTokens: 1_000_000,
      ttlS: 300,
      autoRenew: false,
    });
    const burns: number[] = [];
    for (let i = 0; i < 3; i++)
      burns.push((await session.infer(`before ${i}`, { timeoutMs: 3000 })).response.micro_tokens);
    await eventually(
      () => coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${siteId}/earnings`),
      (r) => r.body.microTokens === burns.reduce((a, b) => a + b, 0),
    );

    await broker.stop('SIGKILL');
    // The EdgeControl stream is still up: the site is degraded (link lost), not failed.
    const during = await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body.state !== 'online',
      20_000,
    );
    expect(during.body.state).not.toBe('offline');
    expect(during.body.signals.stream).toBe(true);
    // The coordinator is alive but not ready, and says which dependency is missing.
    const notReady = await eventually(
      () => fetch(`${coord.http}/readyz`),
      (r) => r.status === 503,
      20_000,
    );
    expect(await notReady.json()).toMatchObject({
      status: 'fail',
      checks: {
        broker: { status: 'fail' },
        database: { status: 'pass' },
        grpc: { status: 'pass' },
      },
    });
    expect((await fetch(`${coord.http}/livez`)).status).toBe(200);
    for (let i = 0; i < 5; i++)
      burns.push((await session.infer(`during ${i}`, { timeoutMs: 3000 })).response.micro_tokens);

    await broker.start();
    const total = burns.reduce((a, b) => a + b, 0);
    const earned = await eventually(
      () => coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${siteId}/earnings`),
      (r) => r.body.microTokens >= total,
      60_000,
      250,
    );
    expect(earned.body.microTokens).toBe(total);
    expect((await fetch(`${coord.http}/readyz`)).status).toBe(200);
    await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body.state === 'online' && r.body.outboxDepth === 0,
      30_000,
    );

    await session.release();
    const bal = await eventually(
      () => coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`),
      (r) => r.body.held === 0,
      30_000,
    );
    expect(bal.body).toMatchObject({ available: 5_000_000 - total, held: 0, debt: 0 });
    const ledgerTotal = await coord.api<{ totalMicroTokens: number }>(
      'GET',
      '/api/v1/ledger/total',
    );
    expect(ledgerTotal.body.totalMicroTokens).toBe(0);
    const runs = await coord.api<{
      items: { sites: { siteId: string; duplicate: number; accepted: number }[] }[];
    }>('GET', '/api/v1/reconciliation/runs?limit=200');
    const mine = runs.body.items.flatMap((r) => r.sites).filter((s) => s.siteId === siteId);
    expect(mine.reduce((a, s) => a + s.accepted, 0)).toBe(burns.length);
  }, 180_000);
});
