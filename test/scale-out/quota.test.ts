import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../ledger/fleet.js';
import { CUSTOMER, MODEL, metric, startCluster, type Cluster } from './cluster.js';

const SITES = 2;
const SLOTS = 2;
const VEHICLES = 10;

/**
 * Pre-granted capacity with two replicas: each agent splits the slots it delegates between the
 * replicas (one of its two slots each), so each replica admits locally onto its own slots only; a
 * replica whose share is used falls back to the offer, which the agent refuses (the free slot is the
 * other replica's). A burst through both replicas books every slot exactly once, never more, and no
 * quota lease is refused at an agent.
 */
describe('scale-out: two replicas, each with its own share of every site’s quota', () => {
  let c: Cluster;

  beforeAll(async () => {
    c = await startCluster({
      sites: SITES,
      slots: SLOTS,
      telemetryIntervalMs: 600_000,
      coordinator: {
        liveness: { telemetryStaleMs: 900_000, offlineAfterMs: 900_000, sweepIntervalMs: 200 },
      },
      agent: { capacityQuota: { share: 1, ttlMs: 10_000 } },
    });
    const r = await c.replicas[0]?.api('POST', `/api/v1/customers/${CUSTOMER}/topup`, {
      microTokens: 1_000_000_000,
    });
    expect(r?.status).toBe(200);
    for (const rep of c.replicas)
      await eventually(
        () =>
          metric(`${rep.http}/metrics`, 'edgefleet_quota_slots_free', undefined, {
            authorization: `Bearer ${rep.adminToken}`,
          }),
        (n) => n === SITES, // one slot of each site per replica
        30_000,
      );
  }, 180_000);
  afterAll(async () => {
    await c?.close();
  });

  const onReplica = (i: number, name: string, labels?: string) => {
    const rep = c.replicas[i];
    if (!rep) throw new Error(`no replica ${i}`);
    return metric(`${rep.http}/metrics`, name, labels, {
      authorization: `Bearer ${rep.adminToken}`,
    });
  };

  it('a burst through both replicas: each admits locally only its own slots, every slot booked once, none refused at an agent', async () => {
    const vehicles = Array.from({ length: VEHICLES }, (_, i) => c.vehicle(i % 2));
    const results = await Promise.allSettled(
      vehicles.map((v) =>
        v.acquire({
          model: MODEL,
          location: { lat: 48.2, lon: 11.6 },
          maxRttMs: 10,
          budgetMicroTokens: 5_000_000,
          ttlS: 600,
          autoRenew: false,
        }),
      ),
    );
    const granted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(granted.length).toBe(SITES * SLOTS);
    const bySite = new Map<string, string[]>();
    for (const s of granted)
      for (const l of s.leases) bySite.set(l.site_id, [...(bySite.get(l.site_id) ?? []), l.slot]);
    for (const slots of bySite.values()) {
      expect(slots.length).toBeLessThanOrEqual(SLOTS);
      expect(new Set(slots).size).toBe(slots.length);
    }
    // Each replica admitted exactly its share locally (one slot of each site).
    for (const i of [0, 1])
      expect(await onReplica(i, 'edgefleet_lease_admissions_total', 'path="local"')).toBe(SITES);
    // The agents took every notified lease, and each holds exactly its slots.
    for (const url of c.agentMetrics.values()) {
      await eventually(
        () => metric(url, 'edgefleet_agent_quota_leases_total', 'outcome="admitted"'),
        (n) => n === SLOTS,
        10_000,
      );
      expect(await metric(url, 'edgefleet_agent_quota_leases_total', 'outcome="refused"')).toBe(0);
      expect(await metric(url, 'edgefleet_agent_leases_active')).toBe(SLOTS);
    }
    for (const s of granted) expect(await s.infer('frame', { maxOutputTokens: 4 })).toBeDefined();
    await Promise.all(granted.map((s) => s.release()));
  });
});
