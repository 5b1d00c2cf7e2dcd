import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgefleetClient } from '@edgefleet/client';
import { LeaseEventKind, type LeaseEvent, type LeaseSession } from '@edgefleet/client';
import type { CoordinatorProc } from '../support/coordinator-process.js';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { eventually, runTs } from '../support/processes.js';
import type { AgentProc } from '../support/site-agent.js';

const MODEL = 'llama-3-8b';
const customer = 'fleet-revoke';

/**
 * A NOC operator revokes a site (a stolen or decommissioned box), end to end with real processes:
 * the coordinator closes the site's EdgeControl stream and MQTT connection and refuses its
 * credentials from then on, the site leaves the fleet, and a vehicle holding a lease there is told
 * on Watch and moved to another site.
 */
describe('site revocation (coordinator + 2 agent processes, SDK with Watch)', () => {
  let fleet: LeaseFleet;
  let coord: CoordinatorProc;
  let agents: AgentProc[] = [];
  let client: EdgefleetClient;
  let session: LeaseSession | undefined;

  beforeAll(async () => {
    fleet = await startLeaseFleet(['rv-a', 'rv-b'], customer, 10_000_000);
    ({ coord, agents, client } = fleet);
  }, 120_000);

  afterAll(async () => {
    await session?.release().catch(() => undefined);
    await fleet?.close();
  });

  it('cuts the site off, refuses its credentials, and moves its lease to another site', async () => {
    session = await client.acquire({
      model: MODEL,
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 2_000_000,
      hedges: 0,
      ttlS: 120,
      autoRenew: false,
    });
    const events: LeaseEvent[] = [];
    const w = session.watch((ev) => events.push(ev));
    const primary = session.leases[0]?.site_id ?? '';
    const victim = agents.find((a) => a.siteId === primary) as AgentProc;
    const other = agents.find((a) => a.siteId !== primary) as AgentProc;
    expect(victim).toBeDefined();
    await session.infer('before', { timeoutMs: 2000 });

    const r = await coord.api<{ siteId: string; revokedAtMs: number; already: boolean }>(
      'POST',
      `/api/v1/sites/${primary}/revoke`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ siteId: primary, already: false });

    // The vehicle is told and moved to the other site.
    const moved = await eventually(
      () =>
        Promise.resolve(
          events.find((e) => e.lease_id === session?.leases[0]?.lease_id || e.site_id === primary),
        ),
      (e) => e !== undefined,
      10_000,
    );
    expect(moved?.kind).toBe(LeaseEventKind.KIND_REROUTE);
    expect(moved?.replacement?.site_id).toBe(other.siteId);
    w.cancel();

    // The site is gone from the fleet, and its agent hears why and keeps being refused.
    expect((await coord.api('GET', `/api/v1/sites/${primary}`)).status).toBe(404);
    await victim.proc.waitFor(/site revoked by the NOC.*the coordinator refused this site/, 15_000);
    // Its MQTT credentials no longer work.
    const err = await mqtt
      .connectAsync(coord.mqtt, {
        clientId: primary,
        username: primary,
        password: victim.secret,
        reconnectPeriod: 0,
        connectTimeout: 5000,
      })
      .then(
        async (c) => {
          await c.endAsync();
          return undefined;
        },
        (e: unknown) => e,
      );
    expect(String(err)).toMatch(/Not authorized|Bad username or password/i);
    // New leases go elsewhere; the other site is untouched.
    const again = await client.acquire({
      model: MODEL,
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 500_000,
      hedges: 0,
      ttlS: 30,
      autoRenew: false,
    });
    expect(again.leases.map((l) => l.site_id)).toEqual([other.siteId]);
    await again.release();
  }, 60_000);

  it('answers a second revocation with when it happened, and 404 for an unknown site', async () => {
    const sites = await coord.api<{ items: { siteId: string }[] }>('GET', '/api/v1/sites');
    const revoked = agents.find(
      (a) => !sites.body.items.some((s) => s.siteId === a.siteId),
    ) as AgentProc;
    // Through the operator's CLI, as the NOC would.
    const env = { EDGEFLEET_API: coord.http, EDGEFLEET_TOKEN: coord.adminToken };
    const again = runTs('client/src/cli.ts', ['site', 'revoke', revoked.siteId, '--json'], env);
    expect(await again.exited).toBe(0);
    const out = again.output();
    expect(JSON.parse(out.slice(out.indexOf('{')))).toMatchObject({
      siteId: revoked.siteId,
      already: true,
    });
    const unknown = runTs('client/src/cli.ts', ['site', 'revoke', 'no-such-site'], env);
    expect(await unknown.exited).toBe(1);
    expect(unknown.output()).toContain('NOT_FOUND');
  });
});
