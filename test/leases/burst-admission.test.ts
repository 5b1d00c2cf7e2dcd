import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import type { edgefleet } from '@edgefleet/proto';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { BrokerClient } from './grpc-clients.js';

const MODEL = 'llama-3-8b';
const customer = 'fleet-burst';
const START = 10_000_000;
const BUDGET = 10_000;
const BURST = 200;

interface SiteView {
  siteId: string;
  state: string;
  slotsTotal: number;
  slotsFree: number;
  activeLeases: number;
}
interface Balance {
  available: number;
  held: number;
  debt: number;
}

/**
 * A burst far larger than the fleet: every site admits at most its slots (counted on the agents'
 * side and the coordinator's), the rest get NO_SITE, and every refused Acquire's hold is released.
 */
describe('admission under a burst (coordinator + 3 agent processes with 2 slots each)', () => {
  let coord: CoordinatorProc;
  const agents: AgentProc[] = [];
  let broker: BrokerClient;

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    });
    agents.push(
      ...(await Promise.all(
        ['burst-a', 'burst-b', 'burst-c'].map((n) => startAgentProcess(coord, n)),
      )),
    );
    await eventually(
      () => coord.api<{ items: SiteView[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.filter((s) => s.state === 'online').length === 3,
      30_000,
    );
    expect(
      (await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: START }))
        .status,
    ).toBe(200);
    broker = new BrokerClient(coord.grpc, coord.adminToken);
  }, 120_000);

  afterAll(async () => {
    broker?.close();
    await Promise.all(agents.map((a) => a.proc.kill('SIGKILL')));
    await coord?.proc.kill();
  });

  it(`${BURST} concurrent Acquires for 6 slots: 6 granted, never more than a site has, the rest NO_SITE, refused holds released`, async () => {
    const results = await Promise.allSettled(
      Array.from({ length: BURST }, (_, i) =>
        broker.acquire(
          {
            customer_id: customer,
            model: MODEL,
            location: { pop_id: 'pop-fra' },
            budget_micro_tokens: BUDGET,
            ttl_s: 300,
            hedges: i % 3 === 0 ? 1 : 0,
          },
          30_000,
        ),
      ),
    );
    const granted = results
      .filter(
        (r): r is PromiseFulfilledResult<edgefleet.v1.AcquireResponse> => r.status === 'fulfilled',
      )
      .map((r) => r.value);
    const refused = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as grpc.ServiceError);
    expect(refused.map((e) => e.details).filter((d) => !d.startsWith('NO_SITE:'))).toEqual([]);

    // Coordinator's side: leases per site in the live holds.
    const perSite = new Map<string, number>();
    for (const g of granted)
      for (const l of [g.primary, ...g.hedges])
        perSite.set(l?.site_id ?? '', (perSite.get(l?.site_id ?? '') ?? 0) + 1);
    const leases = await coord.api<{ items: { leases: { site_id: string }[] }[] }>(
      'GET',
      '/api/v1/leases?limit=1000',
    );
    const coordPerSite = new Map<string, number>();
    for (const h of leases.body.items)
      for (const l of h.leases) coordPerSite.set(l.site_id, (coordPerSite.get(l.site_id) ?? 0) + 1);
    expect(coordPerSite).toEqual(perSite);
    for (const n of perSite.values()) expect(n).toBeLessThanOrEqual(2);
    const total = [...perSite.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(6); // every slot of the fleet is used: nothing lost to the burst either
    expect(granted.length + refused.length).toBe(BURST);

    // Agents' side: each agent's own count of admitted leases (from its telemetry) matches, and is full.
    const sites = await eventually(
      () => coord.api<{ items: SiteView[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.reduce((a, s) => a + s.activeLeases, 0) === total,
      10_000,
    );
    for (const s of sites.body.items) {
      expect(s.activeLeases).toBe(perSite.get(s.siteId) ?? 0);
      expect(s.activeLeases).toBeLessThanOrEqual(s.slotsTotal);
      expect(s.slotsFree).toBe(s.slotsTotal - s.activeLeases);
    }

    // Money: only the granted holds are held; every refused Acquire's hold went back.
    const bal = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body).toMatchObject({
      available: START - granted.length * BUDGET,
      held: granted.length * BUDGET,
      debt: 0,
    });
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
  }, 120_000);
});
