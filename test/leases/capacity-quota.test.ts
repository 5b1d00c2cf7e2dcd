import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signLeaseToken,
  signingKeyFromPem,
  type edgefleet,
  type LeaseClaims,
} from '@edgefleet/proto';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { eventually } from '../support/processes.js';
import { startAgentProcess, type AgentProc } from '../support/site-agent.js';
import { BrokerClient, SiteClient } from './grpc-clients.js';

const MODEL = 'llama-3-8b';
const customer = 'fleet-quota';

/**
 * Pre-granted site capacity over real processes: an agent delegates its 2 slots to the coordinator
 * (capacityQuota.share 1), which then admits Acquires against them with no offer round trip (the
 * coordinator's own count of admissions by path says which), and the leases serve Infer. The quota
 * bounds it; a released lease gives its slot back; and the agent still refuses, at Infer, a valid
 * token beyond its real capacity.
 */
describe('pre-granted site capacity (coordinator + 1 agent process granting its 2 slots)', () => {
  let coord: CoordinatorProc;
  let agent: AgentProc;
  let broker: BrokerClient;
  let site: SiteClient | undefined;
  const held: edgefleet.v1.AcquireResponse[] = [];

  const admissions = async () => {
    const text = await fetch(`${coord.http}/metrics`, {
      headers: { authorization: `Bearer ${coord.adminToken}` },
    }).then((r) => r.text());
    const n = (path: string) =>
      Number(
        new RegExp(`edgefleet_lease_admissions_total\\{path="${path}"\\} (\\d+)`).exec(text)?.[1] ??
          0,
      );
    const quotaSlotsFree = Number(/^edgefleet_quota_slots_free (\d+)/m.exec(text)?.[1] ?? -1);
    const quotaSites = Number(/^edgefleet_quota_sites (\d+)/m.exec(text)?.[1] ?? -1);
    return { local: n('local'), offer: n('offer'), quotaSlotsFree, quotaSites };
  };
  const acquire = () =>
    broker.acquire({
      customer_id: customer,
      model: MODEL,
      location: { pop_id: 'pop-fra' },
      budget_micro_tokens: 1_000_000,
      ttl_s: 120,
    });
  const siteOf = (l: edgefleet.v1.ILease) => (site ??= new SiteClient(l.endpoint ?? ''));
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[2] ?? '', 'base64url').toString()) as LeaseClaims;

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
      // The revocation test stops the agent process for longer than its grant's ttl: the site must
      // stay routable meanwhile (no pings, telemetry not stale yet) so that only the quota lapses.
      liveness: { pingIntervalMs: 0, telemetryStaleMs: 60_000 },
    });
    agent = await startAgentProcess(coord, 'quota-a', {
      capacityQuota: { share: 1, ttlMs: 6_000 },
    });
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.filter((s) => s.state === 'online').length === 1,
      30_000,
    );
    expect(
      (await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 100_000_000 }))
        .status,
    ).toBe(200);
    broker = new BrokerClient(coord.grpc, coord.adminToken);
    await eventually(admissions, (a) => a.quotaSlotsFree === 2, 30_000);
  }, 120_000);

  afterAll(async () => {
    broker?.close();
    site?.close();
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
  });

  it('admits an Acquire against the live quota with no offer round trip, and the lease serves Infer', async () => {
    const before = await admissions();
    const r = await acquire();
    held.push(r);
    const after = await admissions();
    expect(after.local - before.local).toBe(1);
    expect(after.offer - before.offer).toBe(0);
    const p = r.primary as edgefleet.v1.Lease;
    expect(p.site_id).toBe(agent.siteId);
    expect(p.slot).toMatch(/^\S+\/\d+$/);
    expect(p.accelerator_model).not.toBe('');
    expect(await siteOf(p).code(p.token, MODEL)).toBe('OK');
  });

  it('admits no more than the quota: the second slot locally, then NO_SITE; the agent holds exactly 2', async () => {
    const before = await admissions();
    held.push(await acquire());
    expect(await siteOf(held[1]?.primary ?? {}).code(held[1]?.primary?.token ?? '', MODEL)).toBe(
      'OK',
    );
    const refused = await acquire().then(
      () => 'granted',
      (e: grpc.ServiceError) => e.details,
    );
    expect(refused).toMatch(/^NO_SITE:/);
    const after = await admissions();
    expect(after.local - before.local).toBe(1);
    const sites = await eventually(
      () =>
        coord.api<{ items: { activeLeases: number; slotsFree: number }[] }>('GET', '/api/v1/sites'),
      (s) => s.body.items[0]?.activeLeases === 2,
      10_000,
    );
    expect(sites.body.items[0]?.slotsFree).toBe(0);
  });

  it('refuses at Infer a valid token beyond its real capacity (SITE_AT_CAPACITY), never over-admitting', async () => {
    const p = held[0]?.primary as edgefleet.v1.Lease;
    const kid = p.token.split('.')[1] ?? '';
    const keys = readdirSync(join(coord.dataDir, 'keys')).map((f) =>
      signingKeyFromPem(
        f.slice('lease-signing-'.length, -'.pem'.length),
        readFileSync(join(coord.dataDir, 'keys', f), 'utf8'),
      ),
    );
    const key = keys.find((k) => k.kid === kid) ?? keys[0];
    expect(key).toBeDefined();
    // Signed by the coordinator's key, for this site, but a lease the agent was never told of.
    const token = signLeaseToken(key as NonNullable<typeof key>, {
      ...claimsOf(p.token),
      lid: 'l-beyond-capacity',
    });
    expect(await siteOf(p).code(token, MODEL)).toBe('RESOURCE_EXHAUSTED/SITE_AT_CAPACITY');
  });

  it('gives a released lease’s slot back to the quota: the next Acquire is local again', async () => {
    const first = held.shift() as edgefleet.v1.AcquireResponse;
    await broker.release(first.primary?.hold_id ?? '');
    await eventually(
      () => coord.api<{ items: { slotsFree: number }[] }>('GET', '/api/v1/sites'),
      (s) => (s.body.items[0]?.slotsFree ?? 0) >= 1,
      10_000,
    );
    const before = await admissions();
    const r = await acquire();
    held.push(r);
    const after = await admissions();
    expect(after.local - before.local).toBe(1);
    expect(after.offer - before.offer).toBe(0);
    const p = r.primary as edgefleet.v1.Lease;
    expect(await siteOf(p).code(p.token, MODEL)).toBe('OK');
  });

  it('admits nothing locally once the grant lapses (the agent stopped renewing it): the lease is offered instead', async () => {
    await broker.release(held.shift()?.primary?.hold_id ?? '');
    await eventually(
      () => coord.api<{ items: { slotsFree: number }[] }>('GET', '/api/v1/sites'),
      (s) => (s.body.items[0]?.slotsFree ?? 0) >= 1,
      10_000,
    );
    agent.proc.child.kill('SIGSTOP');
    try {
      await eventually(admissions, (a) => a.quotaSites === 0, 20_000);
      const before = await admissions();
      const refused = await acquire().then(
        () => 'granted',
        (e: grpc.ServiceError) => e.details,
      );
      // The stopped agent cannot answer the offer: it times out and nothing is granted.
      expect(refused).toMatch(/^NO_SITE:/);
      const after = await admissions();
      expect(after.local - before.local).toBe(0);
      expect(after.offer - before.offer).toBe(1);
    } finally {
      agent.proc.child.kill('SIGCONT');
    }
    await eventually(admissions, (a) => a.quotaSites === 1, 20_000);
    const before = await admissions();
    held.push(await acquire());
    expect((await admissions()).local - before.local).toBe(1);
  }, 60_000);
});

/** Half the slots delegated: the quota first, then the offer round trip for the rest, then NO_SITE. */
describe('pre-granted site capacity, half the slots (coordinator + 1 agent process, share 0.5 of 2)', () => {
  let coord: CoordinatorProc;
  let agent: AgentProc;
  let broker: BrokerClient;

  const admissions = async () => {
    const text = await fetch(`${coord.http}/metrics`, {
      headers: { authorization: `Bearer ${coord.adminToken}` },
    }).then((r) => r.text());
    const n = (re: RegExp) => Number(re.exec(text)?.[1] ?? -1);
    return {
      local: Math.max(0, n(/edgefleet_lease_admissions_total\{path="local"\} (\d+)/)),
      offer: Math.max(0, n(/edgefleet_lease_admissions_total\{path="offer"\} (\d+)/)),
      quotaSlotsFree: n(/^edgefleet_quota_slots_free (\d+)/m),
    };
  };

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      routing: { pops: [{ id: 'pop-fra', lat: 50.1, lon: 8.7 }] },
    });
    agent = await startAgentProcess(coord, 'quota-half', {
      capacityQuota: { share: 0.5, ttlMs: 6_000 },
    });
    await eventually(
      () => coord.api<{ items: { state: string }[] }>('GET', '/api/v1/sites'),
      (r) => r.body.items.filter((s) => s.state === 'online').length === 1,
      30_000,
    );
    expect(
      (await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 100_000_000 }))
        .status,
    ).toBe(200);
    broker = new BrokerClient(coord.grpc, coord.adminToken);
    await eventually(admissions, (a) => a.quotaSlotsFree === 1, 30_000);
  }, 120_000);

  afterAll(async () => {
    broker?.close();
    await agent?.proc.kill('SIGKILL');
    await coord?.proc.kill();
  });

  it('admits the first lease locally, offers the second (the agent admits it on its undelegated slot), then NO_SITE', async () => {
    const acquire = () =>
      broker.acquire({
        customer_id: customer,
        model: MODEL,
        location: { pop_id: 'pop-fra' },
        budget_micro_tokens: 1_000_000,
        ttl_s: 120,
      });
    const a0 = await admissions();
    const first = await acquire();
    const a1 = await admissions();
    expect([a1.local - a0.local, a1.offer - a0.offer]).toEqual([1, 0]);
    const second = await acquire();
    const a2 = await admissions();
    expect([a2.local - a1.local, a2.offer - a1.offer]).toEqual([0, 1]);
    expect(second.primary?.slot).not.toBe(first.primary?.slot);
    const third = await acquire().then(
      () => 'granted',
      (e: grpc.ServiceError) => e.details,
    );
    expect(third).toMatch(/^NO_SITE:/);
    const site = new SiteClient(first.primary?.endpoint ?? '');
    try {
      for (const r of [first, second])
        expect(await site.code(r.primary?.token ?? '', MODEL)).toBe('OK');
    } finally {
      site.close();
    }
  });
});
