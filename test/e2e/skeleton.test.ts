import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgefleetClient, InsufficientBalanceError, type LeaseSession } from '@edgefleet/client';
import { eventually, runTs, type Proc } from '../support/processes.js';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';

interface Balance {
  customerId: string;
  available: number;
  held: number;
  debt: number;
}
interface SiteView {
  siteId: string;
  state: string;
  outboxDepth: number;
  slotsFree: number;
  slotsTotal: number;
  models: string[];
}

/**
 * The walking skeleton, end to end over real sockets: the coordinator and an agent run as
 * separate processes; the agent enrolls with a one-time code; a client acquires a lease,
 * infers, and the burns are reconciled into the ledger to the micro-token.
 */
describe('walking skeleton: telemetry → lease → inference → burn → reconciled ledger', () => {
  let coord: CoordinatorProc;
  let agent: Proc | undefined;
  let client: EdgefleetClient;
  let siteId = '';
  const agentDir = mkdtempSync(join(tmpdir(), 'ef-agent-'));
  const customer = 'fleet-acme';

  beforeAll(async () => {
    coord = await startCoordinatorProcess();
    // The fleet's API key, issued by an operator: the LeaseBroker binds every call to its customer.
    const key = await coord.api<{ token: string; customerId: string }>(
      'POST',
      `/api/v1/customers/${customer}/api-keys`,
      { note: 'e2e fleet' },
    );
    expect(key.status).toBe(201);
    client = new EdgefleetClient({
      coordinator: coord.grpc,
      customerId: customer,
      defaultTimeoutMs: 3000,
      bearerToken: key.body.token,
    });
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await agent?.kill();
    await coord?.proc.kill();
  });

  it('enrolls a site with a single-use code and stores its credentials 0600', async () => {
    const codes = await coord.api<{ codes: { code: string }[] }>(
      'POST',
      '/api/v1/enrollment-codes',
      { count: 1 },
    );
    expect(codes.status).toBe(201);
    const code = codes.body.codes[0]?.code ?? '';
    const enroll = runTs('agent/src/cli.ts', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      code,
      '--name',
      'Munich Edge 1',
      '--lat',
      '48.14',
      '--lon',
      '11.58',
      '--region',
      'eu-central',
      '--data-dir',
      agentDir,
    ]);
    expect(await enroll.exited).toBe(0);
    siteId = (/enrolled as site (\S+);/.exec(enroll.output()) ?? [])[1] ?? '';
    expect(siteId).toMatch(/^munich-edge-1-[0-9a-f]{6}$/);
    expect(statSync(join(agentDir, 'credentials.json')).mode & 0o777).toBe(0o600);

    const again = runTs('agent/src/cli.ts', [
      'enroll',
      '--coordinator',
      coord.http,
      '--code',
      code,
      '--name',
      'x',
      '--lat',
      '1',
      '--lon',
      '1',
      '--data-dir',
      join(agentDir, 'second'),
    ]);
    expect(await again.exited).toBe(1);
    expect(again.output()).toContain('ENROLLMENT_CODE_INVALID');
  }, 60_000);

  it('runs the agent: MQTT telemetry + status, EdgeControl stream → site online in the registry', async () => {
    const settings = join(agentDir, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        models: ['llama-3-8b'],
        hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 2 }] } },
        backend: { kind: 'simulated', latencyMs: 30, jitterMs: 0, outputTokens: 8 },
        telemetryIntervalMs: 200,
        burnFlushIntervalMs: 100,
        hostMetrics: true,
      }),
    );
    agent = runTs('agent/src/cli.ts', ['run', '--data-dir', agentDir, '--config', settings]);
    await agent.waitFor(/agent \S+ running/, 60_000);
    const site = await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body?.state === 'online',
      20_000,
    );
    expect(site.body.models).toEqual(['llama-3-8b']);
    expect(site.body.slotsTotal).toBe(2);
  }, 90_000);

  let session: LeaseSession;
  const startBalance = 10_000_000;
  const budget = 2_000_000;

  it('acquires a lease: routed, offered, admitted, signed; the budget is held on the balance', async () => {
    const topup = await coord.api<Balance>('POST', `/api/v1/customers/${customer}/topup`, {
      microTokens: startBalance,
    });
    expect(topup.body).toEqual({ customerId: customer, available: startBalance, held: 0, debt: 0 });

    await expect(
      client.acquire({
        model: 'llama-3-8b',
        location: { lat: 48.2, lon: 11.6 },
        maxRttMs: 10,
        budgetMicroTokens: startBalance + 1,
        autoRenew: false,
      }),
    ).rejects.toBeInstanceOf(InsufficientBalanceError);

    session = await client.acquire({
      model: 'llama-3-8b',
      location: { lat: 48.2, lon: 11.6 },
      maxRttMs: 10,
      budgetMicroTokens: budget,
      ttlS: 120,
      explain: true,
      autoRenew: false,
    });
    const lease = session.primary;
    expect(lease?.site_id).toBe(siteId);
    expect(lease?.token).toMatch(/^ef2\./); // per-site MAC: the agent announced accepts_mac_tokens
    expect(lease?.expires_at_ms).toBeGreaterThan(Date.now());
    expect(lease?.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
    const bal = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body).toEqual({
      customerId: customer,
      available: startBalance - budget,
      held: budget,
      debt: 0,
    });
    // The slot the lease took reaches the coordinator in the agent's next telemetry: reports are
    // change-driven, so it does not wait for the heartbeat.
    await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body?.slotsFree === 1,
      20_000,
    );
  });

  let burned = 0;
  let lastSeq = 0;

  it('infers on the agent with the lease token; each request is metered into a chained burn', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await session.infer(`frame ${i}: pedestrian ahead?`, {
        maxOutputTokens: 8,
        timeoutMs: 3000,
      });
      expect(r.siteId).toBe(siteId);
      expect(r.response.micro_tokens).toBeGreaterThan(0);
      expect(r.response.burn_seq).toBe(lastSeq + 1);
      lastSeq = r.response.burn_seq;
      burned += r.response.micro_tokens;
    }
    // 30 ms on a whole H100-class slot ≈ 8 µT per request (30/1000/3600 × 1e6 = 8.33).
    expect(burned).toBeGreaterThanOrEqual(3 * 8);
  });

  it('reconciles on the cron schedule: site earnings rise and the hold falls by exactly the burned µT; the agent drops acked records', async () => {
    const earned = await eventually(
      () => coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${siteId}/earnings`),
      (r) => r.body.microTokens === burned,
      20_000,
    );
    expect(earned.body.microTokens).toBe(burned);
    const bal = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body).toEqual({
      customerId: customer,
      available: startBalance - budget,
      held: budget - burned,
      debt: 0,
    });
    const site = await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body.outboxDepth === 0,
      10_000,
    );
    expect(site.body.outboxDepth).toBe(0);
    const runs = await coord.api<{
      items: { sites: { siteId: string; accepted: number; ackedSeq: number }[] }[];
    }>('GET', '/api/v1/reconciliation/runs?limit=50');
    const mine = runs.body.items.flatMap((r) => r.sites).filter((s) => s.siteId === siteId);
    expect(mine.reduce((a, s) => a + s.accepted, 0)).toBe(3);
    expect(Math.max(...mine.map((s) => s.ackedSeq))).toBe(lastSeq);
    const total = await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total');
    expect(total.body.totalMicroTokens).toBe(0);
  });

  it('release voids the rest of the hold back to the customer after the settle window', async () => {
    await session.release();
    await eventually(
      () => coord.api<SiteView>('GET', `/api/v1/sites/${siteId}`),
      (r) => r.body?.slotsFree === 2, // the freed slot, reported by the agent
      20_000,
    );
    const bal = await eventually(
      () => coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`),
      (r) => r.body.held === 0,
      20_000,
    );
    expect(bal.body).toEqual({
      customerId: customer,
      available: startBalance - burned,
      held: 0,
      debt: 0,
    });
    const earned = await coord.api<{ microTokens: number }>(
      'GET',
      `/api/v1/sites/${siteId}/earnings`,
    );
    expect(earned.body.microTokens).toBe(burned);
    const total = await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total');
    expect(total.body.totalMicroTokens).toBe(0);
  });
});
