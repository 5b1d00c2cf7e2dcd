import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgefleetClient, LeaseSession } from '@edgefleet/client';
import { eventually } from '../ledger/fleet.js';
import {
  CLEAN,
  CUSTOMER,
  MODEL,
  ledgerInvariants,
  metric,
  postedBurns,
  startCluster,
  waitSiteState,
  type Cluster,
} from './cluster.js';

const SITES = 3;
const SLOTS = 2;
/** Short enough that the killed replica's holds expire inside the test, long enough to outlive its restart. */
const TTL_S = 20;

interface Vehicle {
  replica: number;
  client: EdgefleetClient;
  session: LeaseSession;
  /** Every answer: burn seq → µT, and whether it came after the kill. */
  answers: { seq: number; microTokens: number; afterKill: boolean }[];
  error?: unknown;
}

/**
 * A coordinator replica SIGKILLed while vehicles infer and burns flow over the shared
 * subscription. What the test holds to:
 * - the vehicles whose leases the killed replica granted keep being served by the agents (their
 *   tokens are valid until expiry), and the surviving replica serves their holds from the shared
 *   database (leases on any replica: test/leases/any-replica.test.ts): it renews and releases them,
 *   their unspent budget returns to the customer, and their burns settle through it;
 * - the surviving replica keeps granting leases and reconciling;
 * - the ledger ends exactly as the agents answered: per site the same burn seqs with the same
 *   µT, each posted once, seqs without a gap, the accounts summing to zero, nothing negative.
 */
describe('scale-out: a replica killed mid-run changes nothing in the ledger', () => {
  let c: Cluster;

  beforeAll(async () => {
    c = await startCluster({ sites: SITES, slots: SLOTS, telemetryIntervalMs: 200 });
    const r = await c.replicas[0]?.api('POST', `/api/v1/customers/${CUSTOMER}/topup`, {
      microTokens: 1_000_000_000,
    });
    expect(r?.status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await c?.close();
  });

  it("keeps serving, settles every burn once, and releases the dead replica's holds on the survivor", async () => {
    const acquire = async (replica: number): Promise<Vehicle> => {
      const client = c.vehicle(replica);
      const session = await client.acquire({
        model: MODEL,
        location: { lat: 48.2, lon: 11.6 },
        maxRttMs: 10,
        budgetMicroTokens: 20_000_000,
        ttlS: TTL_S,
        autoRenew: false,
      });
      return { replica, client, session, answers: [] };
    };
    const vehicles = await Promise.all([acquire(0), acquire(0), acquire(1), acquire(1)]);
    const leasesOfA = new Set(
      vehicles.filter((v) => v.replica === 0).map((v) => v.session.primary?.lease_id),
    );

    let killed = false;
    let running = true;
    // Each vehicle infers until told to stop, or until its lease is about to expire (it cannot renew
    // once its replica is gone); a failure is kept and asserted below.
    const drive = async (v: Vehicle) => {
      const until = (v.session.primary?.expires_at_ms ?? 0) - 3000;
      try {
        while (running && Date.now() < until) {
          const r = await v.session.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });
          v.answers.push({
            seq: r.response.burn_seq,
            microTokens: r.response.micro_tokens,
            afterKill: killed,
          });
        }
      } catch (err) {
        v.error = err;
      }
    };
    const driving = vehicles.map(drive);

    await new Promise((r) => setTimeout(r, 1500));
    await c.replicas[0]?.proc.kill('SIGKILL');
    killed = true;
    // The survivor renews every hold at once, the dead replica's too (from the shared database), so
    // that they outlive replica 0's restart (which can take longer than TTL_S on a loaded machine).
    const fromA = vehicles.filter((v) => v.replica === 0);
    for (const v of vehicles) {
      const renewed = await c.vehicle(1).renewHold(v.session.holdId, 120);
      expect(renewed.map((l) => l.lease_id)).toContain(v.session.primary?.lease_id);
    }
    // The survivor keeps granting: a new vehicle acquires there while replica 0 is down.
    const late = await acquire(1);
    await c.vehicle(1).renewHold(late.session.holdId, 120);
    vehicles.push(late);
    const lateDriving = drive(late);
    // Replica 0 comes back on its ports; every agent's stream to it reconnects.
    const a2 = await c.restartReplica(0);
    for (const s of c.sites) await waitSiteState(a2, s.siteId, 'online');
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await Promise.all([...driving, lateDriving]);
    expect(vehicles.map((v) => v.error)).toEqual(vehicles.map(() => undefined));

    // The killed replica's vehicles were served after the kill (by the agents, on their old leases).
    expect(fromA.every((v) => v.answers.some((x) => x.afterKill))).toBe(true);
    // The survivor releases those holds; its own vehicles release normally.
    for (const v of fromA) await c.vehicle(1).releaseHold(v.session.holdId);
    await Promise.all(vehicles.filter((v) => v.replica === 1).map((v) => v.session.release()));

    // Every agent drains its outbox (all burns acknowledged) and holds no lease.
    await eventually(
      async () =>
        Promise.all(
          [...c.agentMetrics.values()].map(async (u) => [
            await metric(u, 'edgefleet_agent_outbox_depth'),
            await metric(u, 'edgefleet_agent_leases_active'),
          ]),
        ),
      (xs) => xs.every(([depth, active]) => depth === 0 && active === 0),
      TTL_S * 1000 + 20_000,
      250,
    ).catch(async (err: unknown) => {
      const chains = await c.sql('SELECT site_id, head_seq, staged_up_to FROM site_chains');
      const burns = await c.sql(
        'SELECT site_id, status, count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi FROM burns GROUP BY 1, 2',
      );
      throw new Error(
        `${String(err)}\nchains ${JSON.stringify(chains)}\nburns ${JSON.stringify(burns)}\n${c.sites.map((s) => `${s.siteId}: ${s.proc?.output().slice(-3000)}`).join('\n')}\n${c.replicas.map((r, i) => `replica ${i}: ${r.proc.output().slice(-6000)}`).join('\n')}`,
      );
    });
    // Every hold was released (the dead replica's through the survivor).
    const holds = await eventually(
      () => c.sql<{ id: string; status: string }>('SELECT id, status FROM holds'),
      (rows) => rows.every((h) => h.status !== 'pending'),
      30_000,
      250,
    );
    for (const v of vehicles)
      expect(holds.find((h) => h.id === v.session.holdId)?.status).toBe('released');

    // Per site, the agents' answers and the ledger agree by seq set and by sum; seqs have no gap.
    const answered = new Map<string, Map<number, number>>();
    for (const v of vehicles) {
      const site = v.session.primary?.site_id ?? '';
      const m = answered.get(site) ?? new Map<number, number>();
      answered.set(site, m);
      for (const x of v.answers) {
        expect(m.has(x.seq)).toBe(false);
        m.set(x.seq, x.microTokens);
      }
    }
    const ledger = await postedBurns(c);
    const sortedEntries = (m: Map<number, number> | undefined) =>
      [...(m ?? new Map<number, number>())].sort((x, y) => x[0] - y[0]);
    expect([...ledger.keys()].sort()).toEqual([...answered.keys()].sort());
    for (const [site, m] of answered) {
      expect(sortedEntries(ledger.get(site))).toEqual(sortedEntries(m));
      expect([...m.keys()].sort((x, y) => x - y)).toEqual(
        Array.from({ length: m.size }, (_, i) => i + 1),
      );
    }
    // Burns on the dead replica's leases after the kill settled against their holds (through the survivor).
    const afterKillOnA = fromA.flatMap((v) =>
      v.answers.filter((x) => x.afterKill).map((x) => `${v.session.primary?.site_id}:${x.seq}`),
    );
    const leaseOf = new Map(
      (
        await c.sql<{ k: string; lease_id: string }>(
          `SELECT site_id || ':' || seq AS k, lease_id FROM burns`,
        )
      ).map((r) => [r.k, r.lease_id]),
    );
    for (const k of afterKillOnA) expect(leasesOfA.has(leaseOf.get(k))).toBe(true);

    expect(await ledgerInvariants(c)).toEqual(CLEAN);
    // The customer paid exactly what the agents metered.
    const spent = [...answered.values()].reduce(
      (n, m) => n + [...m.values()].reduce((a, b) => a + b, 0),
      0,
    );
    const bal = await c.replicas[1]?.api<{ available: number }>(
      'GET',
      `/api/v1/customers/${CUSTOMER}/balance`,
    );
    expect(bal?.body.available).toBe(1_000_000_000 - spent);
  }, 120_000);
});
