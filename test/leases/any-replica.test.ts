import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgefleetClient, type LeaseEvent } from '@edgefleet/client';
import { pb } from '@edgefleet/proto';
import { eventually } from '../ledger/fleet.js';
import {
  CLEAN,
  CUSTOMER,
  MODEL,
  ledgerInvariants,
  metric,
  startCluster,
  type Cluster,
} from '../scale-out/cluster.js';

const TOP_UP = 1_000_000_000;
const acquireOpts = {
  model: MODEL,
  location: { lat: 48.2, lon: 11.6 },
  maxRttMs: 10,
  budgetMicroTokens: 5_000_000,
  ttlS: 30,
  autoRenew: false,
} as const;

/** Every event of a Watch stream, and whether (and how) the stream ended. */
function watchAll(client: EdgefleetClient, holdId: string) {
  const w = { events: [] as LeaseEvent[], ended: false, error: undefined as unknown };
  const stream = client.watchHold(holdId);
  stream.on('data', (e: LeaseEvent) => w.events.push(e));
  stream.on('end', () => (w.ended = true));
  stream.on('error', (err: unknown) => (w.error = err));
  return { w, cancel: () => stream.cancel() };
}

const released = (w: { events: LeaseEvent[] }) =>
  w.events.some((e) => e.kind === pb.LeaseEvent.Kind.KIND_REVOKE && e.reason === 'released');

/**
 * Leases on any replica: two coordinator processes (A = replica 0, B = replica 1) on one fresh
 * PostgreSQL database and a private Mosquitto, with real agents streaming to both. The database is
 * the source of truth for holds: a hold granted by A is renewed, released and watched on B; two
 * Releases on two replicas resolve to one; A killed mid-lease loses nothing (the vehicle's SDK,
 * given both replicas, moves to B, and Renew and Release there succeed); the accounts sum to zero.
 */
describe('leases on any replica (two coordinator processes, PostgreSQL)', () => {
  let c: Cluster;

  beforeAll(async () => {
    c = await startCluster({
      sites: 2,
      slots: 2,
      telemetryIntervalMs: 200,
      coordinator: { liveness: { changePollMs: 200, sweepIntervalMs: 200 } },
    });
    const r = await c.replicas[0]?.api('POST', `/api/v1/customers/${CUSTOMER}/topup`, {
      microTokens: TOP_UP,
    });
    expect(r?.status).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await c?.close();
  });

  it('a hold acquired on A is renewed, watched and released on B; A learns of the release', async () => {
    const onA = c.vehicle(0);
    const onB = c.vehicle(1);
    const session = await onA.acquire(acquireOpts);
    const holdId = session.holdId;
    const first = session.leases.map((l) => ({ id: l.lease_id, exp: l.expires_at_ms }));
    const watchB = watchAll(onB, holdId);
    const watchA = watchAll(onA, holdId);
    await session.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });

    // Renew on B: the same leases, a later expiry, fresh tokens the agent accepts.
    await new Promise((r) => setTimeout(r, 50));
    const renewed = await onB.renewHold(holdId, 60);
    expect(renewed.map((l) => l.lease_id).sort()).toEqual(first.map((l) => l.id).sort());
    for (const l of renewed) {
      expect(l.expires_at_ms).toBeGreaterThan(first[0]?.exp ?? 0);
      expect(l.site_id).not.toBe('');
      expect(l.endpoint).not.toBe('');
    }
    const [row] = await c.sql<{ expires_at_ms: string }>(
      'SELECT expires_at_ms::text FROM holds WHERE id = $1',
      [holdId],
    );
    expect(Number(row?.expires_at_ms)).toBe(renewed[0]?.expires_at_ms);
    // The session infers with the tokens B signed.
    await session.renew().catch(() => undefined); // A renews too: both replicas serve the hold
    const r = await session.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });
    expect(r.response.micro_tokens).toBeGreaterThan(0);

    // Release on B; the second Release (on A) and a Renew (on A) find no live hold.
    const rel = await onB.releaseHold(holdId);
    expect(rel.releasedMicroTokens + rel.burnedMicroTokens).toBeLessThanOrEqual(
      acquireOpts.budgetMicroTokens,
    );
    await expect(onA.releaseHold(holdId)).rejects.toMatchObject({ code: 'UNKNOWN_HOLD' });
    await expect(onA.renewHold(holdId, 60)).rejects.toMatchObject({ code: 'UNKNOWN_HOLD' });

    // Watch on B sees the lease end (and its stream closes); A's watcher learns it from the database.
    await eventually(
      async () => ({ b: watchB.w, a: watchA.w }),
      (x) => released(x.b) && x.b.ended && released(x.a) && x.a.ended,
      20_000,
      100,
    );
    expect(watchB.w.error).toBeUndefined();
    // The agents hold no lease of it any more.
    await eventually(
      () =>
        Promise.all(
          [...c.agentMetrics.values()].map((u) => metric(u, 'edgefleet_agent_leases_active')),
        ),
      (xs) => xs.every((n) => n === 0),
      20_000,
      200,
    );
  }, 120_000);

  it('two Releases of one hold on two replicas: one wins, the other answers UNKNOWN_HOLD; a Renew after it is refused', async () => {
    const session = await c.vehicle(0).acquire(acquireOpts);
    const outcomes = await Promise.allSettled([
      c.vehicle(0).releaseHold(session.holdId),
      c.vehicle(1).releaseHold(session.holdId),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'UNKNOWN_HOLD' });
    for (const i of [0, 1])
      await expect(c.vehicle(i).renewHold(session.holdId, 60)).rejects.toMatchObject({
        code: 'UNKNOWN_HOLD',
      });
    // A Watch of a released hold, on either replica, is refused the same way.
    const w = watchAll(c.vehicle(1), session.holdId);
    await eventually(
      async () => w.w,
      (x) => x.error !== undefined,
      10_000,
      50,
    );
    expect(String((w.w.error as Error).message)).toMatch(/UNKNOWN_HOLD/);
  }, 60_000);

  it('another customer cannot renew, release or watch the hold on any replica', async () => {
    const session = await c.vehicle(0).acquire(acquireOpts);
    const stranger = new EdgefleetClient({
      coordinator: c.replicas[1]?.grpc ?? '',
      customerId: 'someone-else',
      defaultTimeoutMs: 15_000,
      bearerToken: await customerKey('someone-else'),
    });
    try {
      await expect(stranger.renewHold(session.holdId, 60)).rejects.toMatchObject({
        code: 'UNKNOWN_HOLD',
      });
      await expect(stranger.releaseHold(session.holdId)).rejects.toMatchObject({
        code: 'UNKNOWN_HOLD',
      });
      const w = watchAll(stranger, session.holdId);
      await eventually(
        async () => w.w,
        (x) => x.error !== undefined,
        10_000,
        50,
      );
      expect(String((w.w.error as Error).message)).toMatch(/UNKNOWN_HOLD/);
    } finally {
      stranger.close();
    }
    await session.release();
  }, 60_000);

  it('A killed mid-lease: the SDK moves to B, Renew and Release there succeed, the accounts sum to zero', async () => {
    const [a, b] = c.replicas;
    // One SDK client given both replicas (grpc pick_first over the two addresses: A first).
    const vehicle = new EdgefleetClient({
      coordinator: `ipv4:${a?.grpc ?? ''},${b?.grpc ?? ''}`,
      customerId: CUSTOMER,
      defaultTimeoutMs: 15_000,
      bearerToken: await customerKey(CUSTOMER),
    });
    try {
      const session = await vehicle.acquire(acquireOpts);
      const granted = await c.sql<{ id: string }>('SELECT id FROM holds WHERE id = $1', [
        session.holdId,
      ]);
      expect(granted).toHaveLength(1);
      await session.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });
      const watchB = watchAll(c.vehicle(1), session.holdId);

      await a?.proc.kill('SIGKILL');
      // The next Renew goes to B (the channel finds A gone and moves to the next address).
      const before = session.primary?.expires_at_ms ?? 0;
      const leases = await eventually(
        () => session.renew().catch(() => [] as const),
        (ls) => ls.length > 0 && (ls[0]?.expires_at_ms ?? 0) > before,
        30_000,
        200,
      );
      expect(leases.length).toBeGreaterThan(0);
      const r = await session.infer('frame', { maxOutputTokens: 4, timeoutMs: 10_000 });
      expect(r.response.micro_tokens).toBeGreaterThan(0);
      const rel = await session.release();
      expect(rel.burnedMicroTokens + rel.releasedMicroTokens).toBeGreaterThan(0);
      await eventually(
        async () => watchB.w,
        (w) => released(w) && w.ended,
        20_000,
        100,
      );
    } finally {
      vehicle.close();
    }

    // Every hold closes (settle window), every burn settles through B: the accounts sum to zero
    // and the customer paid exactly what was posted.
    await eventually(
      () => c.sql<{ n: number }>("SELECT count(*)::int AS n FROM holds WHERE status = 'pending'"),
      (rows) => rows[0]?.n === 0,
      30_000,
      250,
    );
    await eventually(
      () =>
        Promise.all(
          [...c.agentMetrics.values()].map((u) => metric(u, 'edgefleet_agent_outbox_depth')),
        ),
      (xs) => xs.every((n) => n === 0),
      30_000,
      250,
    );
    expect(await ledgerInvariants(c)).toEqual(CLEAN);
    const [spent] = await c.sql<{ s: string }>(
      "SELECT COALESCE(sum(amount), 0)::text AS s FROM transfers WHERE kind IN ('burn', 'burn_debt')",
    );
    const bal = await c.replicas[1]?.api<{ available: number }>(
      'GET',
      `/api/v1/customers/${CUSTOMER}/balance`,
    );
    expect(bal?.body.available).toBe(TOP_UP - Number(spent?.s));
  }, 120_000);

  /**
   * A customer API key issued through replica 1 (stored in the shared database; every replica
   * follows the key feed), once each replica still running accepts it.
   */
  async function customerKey(customerId: string): Promise<string> {
    const res = await c.replicas[1]?.api<{ token: string }>(
      'POST',
      `/api/v1/customers/${customerId}/api-keys`,
      {},
    );
    expect(res?.status).toBe(201);
    const token = res?.body.token ?? '';
    for (const r of c.replicas) {
      if (r.proc.child.exitCode !== null || r.proc.child.signalCode !== null) continue;
      const probe = new EdgefleetClient({
        coordinator: r.grpc,
        customerId,
        defaultTimeoutMs: 15_000,
        bearerToken: token,
      });
      try {
        // Authenticated = the hold is unknown (not a refused key).
        await eventually(
          () =>
            probe.renewHold('h-probe', 1).then(
              () => '',
              (err: { code?: string }) => err.code ?? '',
            ),
          (code) => code === 'UNKNOWN_HOLD',
          20_000,
          100,
        );
      } finally {
        probe.close();
      }
    }
    return token;
  }
});
