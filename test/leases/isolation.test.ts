import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { BrokerClient } from './grpc-clients.js';

const MODEL = 'llama-3-8b';
const customer = 'fleet-isolation';

/**
 * Isolation as routing and the agent read it: a caller that names none takes any kind of slot
 * (here a time-sliced one), a caller that names one gets only that kind. Routing and admission
 * must agree: a site routing calls eligible must not then refuse the offer for its isolation.
 */
describe('isolation: routing and agent admission agree (coordinator + a time-sliced site)', () => {
  let coord: CoordinatorProc;
  let agent: AgentProc;
  let broker: BrokerClient;

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    });
    agent = await startAgentProcess(coord, 'timeslice-site', { sharesPerAccelerator: 4 });
    await eventually(
      () => coord.api<{ items: { state: string; slotsTotal: number }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.some((s) => s.state === 'online' && s.slotsTotal === 8),
      30_000,
    );
    expect(
      (await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 1_000_000 }))
        .status,
    ).toBe(200);
    broker = new BrokerClient(coord.grpc, coord.adminToken);
  }, 120_000);

  afterAll(async () => {
    broker?.close();
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
  });

  const acquire = (isolation: string) =>
    broker.acquire(
      {
        customer_id: customer,
        model: MODEL,
        location: { pop_id: 'pop-fra' },
        budget_micro_tokens: 1000,
        ttl_s: 60,
        isolation,
      },
      20_000,
    );

  it('no isolation named: granted on the time-sliced site', async () => {
    const r = await acquire('');
    expect(r.primary?.site_id).toBe(agent.siteId);
    expect(r.primary?.slot).not.toBe('');
  });

  it('time-slice named: granted; whole named: NO_SITE, rejected for isolation by routing (not offered and refused)', async () => {
    expect((await acquire('timeslice')).primary?.site_id).toBe(agent.siteId);
    const err = await acquire('whole').then(
      () => undefined,
      (e: unknown) => e as grpc.ServiceError,
    );
    expect(err?.details).toMatch(/^NO_SITE:/);
    const explain = await coord.api<{ rejected: Record<string, number>; eligible: number }>(
      'GET',
      `/api/v1/routing/explain?model=${MODEL}&pop_id=pop-fra&isolation=whole`,
    );
    expect(explain.status).toBe(200);
    expect(explain.body.eligible).toBe(0);
    expect(explain.body.rejected.isolation).toBe(1);
  });
});
