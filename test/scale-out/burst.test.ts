import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimFleet } from '@edgefleet/agent';
import type { LeaseSession } from '@edgefleet/client';
import { enrollSite, eventually } from '../ledger/fleet.js';
import { runTs } from '../support/processes.js';
import {
  CLEAN,
  CUSTOMER,
  MODEL,
  ledgerInvariants,
  metric,
  postedBurns,
  rejects,
  startCluster,
  waitSiteState,
  type Cluster,
} from './cluster.js';

const SITES = 3;
const SLOTS = 2;
const VEHICLES = 10;
const INFERS = 3;

const acquireOpts = (hedges = 0) => ({
  model: MODEL,
  location: { lat: 48.2, lon: 11.6 },
  maxRttMs: 10,
  budgetMicroTokens: 5_000_000,
  ttlS: 600,
  autoRenew: false,
  hedges,
});

/**
 * Two coordinator replicas offering leases to the same sites at once. Each agent holds an
 * EdgeControl stream to both replicas and admits every offer through one admission table, so
 * however stale a replica's view of the others' grants, no site holds more leases than slots;
 * an offer a site refuses moves the Acquire on to the next candidate.
 *
 * Agents send telemetry only when they connect (the interval is 10 minutes): a replica learns
 * about the other's grants only from the agents' answers to its own offers and from lease-ended
 * notices, which is the worst case for double-booking.
 */
describe('scale-out: two replicas granting leases on the same sites', () => {
  let c: Cluster;

  beforeAll(async () => {
    c = await startCluster({
      sites: SITES,
      slots: SLOTS,
      telemetryIntervalMs: 600_000,
      // No capacity quotas: this file is about offers between replicas with stale views (it counts
      // the refusals), and with the default quota one replica's delegated slots would be refused to
      // the other's offers. test/scale-out/quota.test.ts covers the burst against quotas.
      agent: { capacityQuota: { share: 0 } },
      coordinator: {
        liveness: { telemetryStaleMs: 900_000, offlineAfterMs: 900_000, sweepIntervalMs: 200 },
      },
    });
    const r = await c.replicas[0]?.api('POST', `/api/v1/customers/${CUSTOMER}/topup`, {
      microTokens: 1_000_000_000,
    });
    expect(r?.status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await c?.close();
  });

  /** Leases holding a slot at each agent, as the agents themselves count them. */
  const agentActive = async () =>
    new Map(
      await Promise.all(
        [...c.agentMetrics].map(
          async ([site, url]) =>
            [site, await metric(url, 'edgefleet_agent_leases_active')] as const,
        ),
      ),
    );

  it('a burst from both replicas books every slot exactly once and never more', async () => {
    const vehicles = Array.from({ length: VEHICLES }, (_, i) => c.vehicle(i % 2));
    // Watch the agents' own counts while the burst runs.
    let watching = true;
    let peakAgent = 0;
    const watcher = (async () => {
      while (watching) {
        for (const n of (await agentActive()).values()) peakAgent = Math.max(peakAgent, n);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.allSettled(vehicles.map((v) => v.acquire(acquireOpts())));
    watching = false;
    await watcher;

    const granted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as { code?: string }] : [],
    );
    // Demand (10) is above supply (3 × 2): every slot is booked, none twice, the rest are told no site is available.
    expect(granted.length).toBe(SITES * SLOTS);
    expect(failed.map((e) => e.code)).toEqual(
      Array.from({ length: VEHICLES - SITES * SLOTS }, () => 'NO_SITE'),
    );
    // Both replicas granted some: the burst really was served from two places.
    const grantedBy = [0, 1].map(
      (i) => results.filter((r, j) => j % 2 === i && r.status === 'fulfilled').length,
    );
    expect(grantedBy.every((n) => n > 0)).toBe(true);

    // The agents' answers: per site at most SLOTS leases, each in its own slot.
    const bySite = new Map<string, string[]>();
    for (const s of granted)
      for (const l of s.leases) bySite.set(l.site_id, [...(bySite.get(l.site_id) ?? []), l.slot]);
    for (const slots of bySite.values()) {
      expect(slots.length).toBeLessThanOrEqual(SLOTS);
      expect(new Set(slots).size).toBe(slots.length);
    }
    expect(peakAgent).toBeLessThanOrEqual(SLOTS);
    const active = await agentActive();
    for (const s of c.sites) expect(active.get(s.siteId)).toBe(bySite.get(s.siteId)?.length ?? 0);

    // The ledger's lease rows (every row is live: nothing was released yet, so the final count is the peak).
    const rows = await c.sql<{ id: string; site_id: string }>('SELECT id, site_id FROM leases');
    expect(rows.map((r) => r.id).sort()).toEqual(
      granted.flatMap((s) => s.leases.map((l) => l.lease_id)).sort(),
    );
    const perSite = new Map<string, number>();
    for (const r of rows) perSite.set(r.site_id, (perSite.get(r.site_id) ?? 0) + 1);
    for (const n of perSite.values()) expect(n).toBeLessThanOrEqual(SLOTS);

    // Burns on every granted lease, then every hold released through the replica that granted it.
    await Promise.all(
      granted.map(async (s) => {
        for (let i = 0; i < INFERS; i++)
          await s.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });
      }),
    );
    await Promise.all(granted.map((s) => s.release()));
    await eventually(agentActive, (m) => [...m.values()].every((n) => n === 0), 20_000);
    // Every burn posted once, holds settled: the ledger sums to zero and nothing is negative.
    await eventually(
      () => c.sql<{ n: string }>(`SELECT count(*)::text AS n FROM holds WHERE status = 'pending'`),
      (r) => r[0]?.n === '0',
      30_000,
      200,
    );
    const posted = await postedBurns(c);
    expect([...posted.values()].reduce((n, m) => n + m.size, 0)).toBe(granted.length * INFERS);
    expect(await ledgerInvariants(c)).toEqual(CLEAN);
  }, 90_000);

  it('an offer a full site refuses moves the Acquire on to the next candidate', async () => {
    const b = c.replicas[1] as Cluster['replicas'][number];
    const va = c.vehicle(0);
    const vb = c.vehicle(1);
    // Replica A books every slot: two holds with two hedges each = one lease on every site, twice.
    const full: LeaseSession[] = [
      await va.acquire(acquireOpts(2)),
      await va.acquire(acquireOpts(2)),
    ];
    expect(full.map((s) => s.leases.length)).toEqual([SITES, SITES]);
    // Replica B has not heard of those grants (no telemetry since): it offers to every site and each refuses.
    const before = await rejects(b, 'agent_no_capacity');
    await expect(vb.acquire(acquireOpts())).rejects.toMatchObject({ code: 'NO_SITE' });
    expect(await rejects(b, 'agent_no_capacity')).toBe(before + SITES);

    // A releases one hold: one free slot per site, and both replicas hear of it (lease ended, slots free).
    await (full[0] as LeaseSession).release();
    await eventually(agentActive, (m) => [...m.values()].every((n) => n === SLOTS - 1), 20_000);
    // A takes two of the three free slots; B still believes all three sites have one.
    const two = await va.acquire(acquireOpts(1));
    expect(two.leases.length).toBe(2);
    const freeSite = c.sites
      .map((s) => s.siteId)
      .find((id) => !two.leases.some((l) => l.site_id === id));
    // B wants three leases: two sites refuse, the third admits; the Acquire succeeds with what was admitted.
    const before2 = await rejects(b, 'agent_no_capacity');
    const got = await vb.acquire(acquireOpts(2));
    expect(got.leases.map((l) => l.site_id)).toEqual([freeSite]);
    expect(await rejects(b, 'agent_no_capacity')).toBe(before2 + SITES - 1);
    expect([...(await agentActive()).values()]).toEqual(Array.from({ length: SITES }, () => SLOTS));

    await Promise.all([full[1] as LeaseSession, two, got].map((s) => s.release()));
    await eventually(agentActive, (m) => [...m.values()].every((n) => n === 0), 20_000);
    await eventually(
      () => c.sql<{ n: string }>(`SELECT count(*)::text AS n FROM holds WHERE status = 'pending'`),
      (r) => r[0]?.n === '0',
      30_000,
      200,
    );
    expect(await ledgerInvariants(c)).toEqual(CLEAN);
  }, 60_000);

  it('a site enrolled through one replica after the other started is known to both', async () => {
    const [a, b] = c.replicas as [Cluster['replicas'][number], Cluster['replicas'][number]];
    // Replica A loaded its sites when it started; this one enrolls through B afterwards.
    const late = await enrollSite(b, 'scale-out late site', {
      hook: {
        name: 'fake',
        options: { accelerators: [{ profile: 'h100-80gb-sxm', count: SLOTS }] },
      },
      telemetryIntervalMs: 600_000,
      hostMetrics: false,
    });
    c.sites.push(late);
    expect((await a.api('GET', `/api/v1/sites/${late.siteId}`)).status).toBe(404);
    await late.start({ coordinator: { endpoints: c.replicas.map((r) => r.grpc) } });
    // A reads it from the shared database when its EdgeControl stream says hello.
    await waitSiteState(a, late.siteId, 'online');
    await waitSiteState(b, late.siteId, 'online');
    // A offers it leases over that stream (one lease per site: the late site is one of them).
    const s = await c.vehicle(0).acquire(acquireOpts(SITES));
    const onLate = s.leases.find((l) => l.site_id === late.siteId);
    expect(onLate).toBeDefined();
    const r = await s.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });
    expect(r.response.micro_tokens).toBeGreaterThan(0);
    await s.release();
  }, 60_000);

  it('a simulated fleet (edgefleet-agent sim) streams to every replica too', async () => {
    const [a, b] = c.replicas as [Cluster['replicas'][number], Cluster['replicas'][number]];
    const fleet = await startSimFleet({
      sites: 2,
      coordinatorHttp: a.http,
      token: a.adminToken,
      dataDir: mkdtempSync(join(tmpdir(), 'ef-so-sim-')),
      endpoints: [a.grpc, b.grpc],
      models: [MODEL],
      telemetryIntervalMs: 500,
      offset: 900,
    });
    try {
      for (const agent of fleet.agents) {
        await eventually(
          async () => agent.control.status(),
          (st) => st.every((x) => x.up),
          20_000,
        );
        expect(agent.control.status()).toEqual([
          { target: a.grpc, up: true },
          { target: b.grpc, up: true },
        ]);
        for (const r of c.replicas) await waitSiteState(r, agent.siteId, 'online');
      }
    } finally {
      await fleet.close();
    }
  }, 60_000);

  it('edgefleet-agent doctor checks the EdgeControl stream to every replica', async () => {
    const site = c.sites[0] as Cluster['sites'][number];
    const p = runTs('agent/src/cli.ts', [
      'doctor',
      '--data-dir',
      site.dir,
      '--config',
      join(site.dir, 'settings.json'),
      '--json',
    ]);
    await p.exited;
    const out = p.output();
    const checks = (
      JSON.parse(out.slice(out.indexOf('{'))) as { checks: { name: string; level: string }[] }
    ).checks;
    expect(checks.filter((x) => x.name.startsWith('gRPC EdgeControl'))).toEqual(
      c.replicas.map((r) => ({
        name: `gRPC EdgeControl ${r.grpc}`,
        level: 'pass',
        ok: true,
        detail: expect.stringContaining(`${r.grpc} welcomed site ${site.siteId}`) as string,
      })),
    );
    // The check did not take the live agent's EdgeControl stream away on either replica. (Its MQTT
    // login does take over the agent's session for a moment: the client id is the site id. The
    // agent reconnects by itself, so the site is back online shortly.)
    for (const r of c.replicas) {
      const v = await r.api<{ signals: { stream: boolean } }>(
        'GET',
        `/api/v1/sites/${site.siteId}`,
      );
      expect(v.body.signals.stream).toBe(true);
    }
    for (const r of c.replicas) await waitSiteState(r, site.siteId, 'online', 20_000);
  }, 60_000);
  // Last: it revokes a site for good.
  it('a tariff set and a site revoked through one replica take effect on the other without a restart', async () => {
    const [a, b] = c.replicas as [Cluster['replicas'][number], Cluster['replicas'][number]];
    const [keep, gone] = c.sites as [Cluster['sites'][number], Cluster['sites'][number]];
    const tariff = [{ startHour: 0, endHour: 24, pricePerKwh: 0.4321 }];
    expect((await a.api('PUT', `/api/v1/sites/${keep.siteId}/tariff`, tariff)).status).toBe(200);
    const seen = await eventually(
      () =>
        b.api<{ pricePerKwhNow: number; tariff: unknown }>('GET', `/api/v1/sites/${keep.siteId}`),
      (r) => r.body.pricePerKwhNow === 0.4321,
      10_000,
      200,
    );
    expect(seen.body.tariff).toEqual(tariff);

    await waitSiteState(b, gone.siteId, 'online');
    const r = await a.api<{ already: boolean }>('POST', `/api/v1/sites/${gone.siteId}/revoke`);
    expect(r.status).toBe(200);
    expect(r.body.already).toBe(false);
    // B drops the site (its stream too) and refuses it from then on; A already has.
    await eventually(
      () => b.api('GET', `/api/v1/sites/${gone.siteId}`),
      (x) => x.status === 404,
      10_000,
      200,
    );
    expect((await a.api('GET', `/api/v1/sites/${gone.siteId}`)).status).toBe(404);
    await new Promise((res) => setTimeout(res, 2000)); // the agent's reconnects are refused, not re-admitted
    expect((await b.api('GET', `/api/v1/sites/${gone.siteId}`)).status).toBe(404);
    // Leases through B now never land on the revoked site.
    const s = await c.vehicle(1).acquire(acquireOpts(SITES));
    expect(s.leases.map((l) => l.site_id)).not.toContain(gone.siteId);
    expect(s.leases.map((l) => l.site_id)).toContain(keep.siteId);
    await s.release();
  }, 60_000);
});
