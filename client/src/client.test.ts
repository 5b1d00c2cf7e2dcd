import { status } from '@grpc/grpc-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EdgefleetClient } from './client.js';
import {
  AllSitesFailedError,
  ClientClosedError,
  CoordinatorUnavailableError,
  InsufficientBalanceError,
  InvalidRequestError,
  LeaseBudgetExhaustedError,
  LeaseTokenRejectedError,
  NoSiteAvailableError,
  SessionClosedError,
} from './errors.js';
import type { SessionTimers } from './session.js';
import { FakeAgent, FakeFleet } from './testing/fake-fleet.js';
import { LeaseEventKind, type LeaseEvent } from './types.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function setup(
  sites = ['a', 'b', 'c'],
  balance = 1_000_000,
  opts: { bearerToken?: string } = {},
) {
  const fleet = await FakeFleet.start(sites, { c1: balance });
  const client = new EdgefleetClient({
    coordinator: fleet.coordinator.address,
    customerId: 'c1',
    defaultTimeoutMs: 5_000,
    ...opts,
  });
  cleanups.push(
    () => client.close(),
    () => fleet.close(),
  );
  return { fleet, client };
}

const base = {
  model: 'llama-3-8b',
  location: { popId: 'pop-fra1' },
  budgetMicroTokens: 50_000,
  hedges: 2,
  autoRenew: false,
} as const;

describe('EdgefleetClient over real gRPC sockets', () => {
  it('acquire → infer → release moves the budget through the hold and reports the burn', async () => {
    const { fleet, client } = await setup(['a', 'b', 'c'], 1_000_000, { bearerToken: 'secret' });
    const session = await client.acquire({
      ...base,
      maxRttMs: 10,
      domesticOnly: true,
      acceleratorKinds: ['ascend-910b'],
      isolation: 'mig',
      ttlS: 60,
    });
    const req = fleet.coordinator.acquireRequests[0];
    expect(req?.customer_id).toBe('c1');
    expect(req?.location?.pop_id).toBe('pop-fra1');
    expect([req?.max_rtt_ms, req?.hedges, req?.domestic_only, req?.isolation, req?.ttl_s]).toEqual([
      10,
      2,
      true,
      'mig',
      60,
    ]);
    expect(req?.accelerator_kinds).toEqual(['ascend-910b']);
    expect(fleet.coordinator.authorization[0]).toBe('Bearer secret');
    expect(session.leases.map((l) => l.site_id)).toEqual(['a', 'b', 'c']);
    expect(session.primary?.site_id).toBe('a');
    expect(session.hedges).toHaveLength(2);
    expect(fleet.coordinator.balances.get('c1')).toBe(950_000);

    const r = await session.infer('hello', { maxOutputTokens: 16 });
    expect(r).toMatchObject({
      output: '[a] hello',
      siteId: 'a',
      attempts: 1,
      hedged: false,
      microTokens: 7,
      failures: [],
    });
    expect(r.response.lease_id).toBe(session.primary?.lease_id);

    const rel = await session.release();
    expect(rel).toEqual({ burnedMicroTokens: 7, releasedMicroTokens: 49_993 });
    expect(fleet.coordinator.balances.get('c1')).toBe(1_000_000 - 7);
    expect(await session.release()).toBe(rel); // idempotent, one Release call
    expect(fleet.coordinator.releaseCalls).toBe(1);
    await expect(session.infer('again')).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('acquires by lat/lon and validates options before any network call', async () => {
    const { fleet, client } = await setup();
    const s = await client.acquire({ ...base, location: { lat: 50.11, lon: 8.68 }, hedges: 0 });
    expect(fleet.coordinator.acquireRequests[0]?.location).toMatchObject({
      has_coordinates: true,
      lat: 50.11,
      lon: 8.68,
      pop_id: '',
    });
    expect(s.leases).toHaveLength(1);
    await expect(client.acquire({ ...base, budgetMicroTokens: 1.5 })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(client.acquire({ ...base, hedges: 9 })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    await expect(client.acquire({ ...base, location: { lat: 91, lon: 0 } })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(fleet.coordinator.acquireRequests).toHaveLength(1);
  });

  it("sends priority and a moving caller's velocity; validates both before any network call", async () => {
    const { fleet, client } = await setup();
    await client.acquire({
      ...base,
      priority: 5,
      location: { lat: 48.1, lon: 11.5, speedMps: 25, headingDeg: -90 },
    });
    const req = fleet.coordinator.acquireRequests[0];
    expect(req?.priority).toBe(5);
    expect(req?.location).toMatchObject({
      has_coordinates: true,
      lat: 48.1,
      lon: 11.5,
      has_velocity: true,
      speed_mps: 25,
      heading_deg: 270,
    });
    await client.acquire({ ...base, location: { lat: 48.1, lon: 11.5 } });
    expect(fleet.coordinator.acquireRequests[1]).toMatchObject({
      priority: 0,
      location: { has_velocity: false, speed_mps: 0 },
    });
    const bad = [
      { ...base, priority: 10 },
      { ...base, priority: 1.5 },
      { ...base, location: { lat: 1, lon: 1, speedMps: 25 } },
      { ...base, location: { lat: 1, lon: 1, headingDeg: 90 } },
      { ...base, location: { lat: 1, lon: 1, speedMps: 400, headingDeg: 90 } },
      { ...base, location: { lat: 1, lon: 1, speedMps: -1, headingDeg: 90 } },
      { ...base, location: { lat: 1, lon: 1, speedMps: 5, headingDeg: Number.NaN } },
    ];
    for (const o of bad)
      await expect(client.acquire(o)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(client.acquire({ ...base, priority: 10 })).rejects.toThrow(
      /priority must be an integer in 0\.\.9/,
    );
    expect(fleet.coordinator.acquireRequests).toHaveLength(2);
  });

  it('maps coordinator statuses to typed errors (balance, no site, unreachable)', async () => {
    const { client } = await setup(['a'], 100);
    const err = await client.acquire(base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientBalanceError);
    expect(err).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      data: { grpcStatus: 'FAILED_PRECONDITION', reason: 'INSUFFICIENT_BALANCE' },
    });
    expect((err as Error).message).toContain('has 100 µT available, 50000 requested');

    const empty = await setup([], 1_000_000);
    await expect(empty.client.acquire(base)).rejects.toBeInstanceOf(NoSiteAvailableError);

    const { fleet } = await setup(['a']);
    const addr = fleet.coordinator.address;
    fleet.coordinator.server.forceShutdown();
    const down = new EdgefleetClient({
      coordinator: addr,
      customerId: 'c1',
      defaultTimeoutMs: 2_000,
    });
    cleanups.push(() => down.close());
    await expect(down.acquire(base)).rejects.toBeInstanceOf(CoordinatorUnavailableError);
  });

  it('keeps one channel per endpoint across sessions and requests', async () => {
    const { client } = await setup();
    const s1 = await client.acquire(base);
    const s2 = await client.acquire(base);
    await s1.infer('x');
    await s2.infer('y');
    const ep = s1.primary?.endpoint ?? '';
    const lease = { endpoint: ep, site_id: s1.primary?.site_id ?? '', endpoint_tls: false };
    expect(client.inferenceClient(lease)).toBe(client.inferenceClient(lease));
    expect(s2.primary?.endpoint).toBe(ep);
    client.close();
    await expect(s1.infer('after close')).rejects.toBeInstanceOf(ClientClosedError);
    await expect(client.acquire(base)).rejects.toBeInstanceOf(ClientClosedError);
  });
});

describe('failover between the leases of a session', () => {
  it('a killed primary costs one fast error, not a timeout; later requests avoid it', async () => {
    const { fleet, client } = await setup();
    const session = await client.acquire(base);
    expect((await session.infer('one')).siteId).toBe('a');
    fleet.agent('a').kill();
    // The per-attempt timeout is far above anything a fast error takes: the failure reason
    // proves the SDK moved on at the connection error, without waiting for the deadline.
    const r = await session.infer('two', { timeoutMs: 25_000 });
    expect(r).toMatchObject({ siteId: 'b', output: '[b] two', attempts: 2 });
    expect(r.failures).toEqual([expect.objectContaining({ siteId: 'a', reason: 'UNAVAILABLE' })]);
    const r3 = await session.infer('three', { timeoutMs: 25_000 });
    expect(r3).toMatchObject({ siteId: 'b', attempts: 1 });
  });

  it('a primary that hangs is abandoned at the per-attempt deadline and a hedge serves the request', async () => {
    const { fleet, client } = await setup();
    fleet.agent('a').mode = 'hang';
    const session = await client.acquire(base);
    // The deadline leaves a loaded machine room to answer from b; a hangs for ever either way.
    const r = await session.infer('slow?', { timeoutMs: 2000 });
    expect(r).toMatchObject({ siteId: 'b', attempts: 2, hedged: false });
    expect(r.failures.map((f) => [f.siteId, f.reason])).toEqual([['a', 'DEADLINE_EXCEEDED']]);
    expect(fleet.agent('a').calls).toBe(1);
    const again = await session.infer('next', { timeoutMs: 2000 });
    expect(again).toMatchObject({ siteId: 'b', attempts: 1 }); // peak EWMA now ranks a behind b
  });

  it('sends a hedged request after hedgeAfterMs and cancels the loser', async () => {
    const { fleet, client } = await setup();
    fleet.agent('a').mode = 'hang';
    const session = await client.acquire({ ...base, infer: { hedgeAfterMs: 20 } });
    const r = await session.infer('hedge me', { timeoutMs: 20_000 });
    expect(r).toMatchObject({ siteId: 'b', attempts: 2, hedged: true, failures: [] });
    await vi.waitFor(() => expect(fleet.agent('a').hanging[0]?.cancelled).toBe(true));
  });

  it('moves on when a site rejects the token as expired or not its own', async () => {
    const { fleet, client } = await setup();
    fleet.agent('a').mode = {
      code: status.UNAUTHENTICATED,
      details: 'LEASE_TOKEN_EXPIRED: lease lease-2 expired 12 ms ago',
    };
    const session = await client.acquire(base);
    const r = await session.infer('x');
    expect(r.siteId).toBe('b');
    expect(r.failures[0]?.reason).toBe('LEASE_TOKEN_EXPIRED');
  });

  it('surfaces errors that are not the site fault, typed, without trying other sites', async () => {
    const { fleet, client } = await setup();
    const session = await client.acquire(base);
    fleet.agent('a').mode = {
      code: status.UNAUTHENTICATED,
      details: 'LEASE_TOKEN_FORGED: signature does not verify',
    };
    await expect(session.infer('x')).rejects.toBeInstanceOf(LeaseTokenRejectedError);
    fleet.agent('a').mode = {
      code: status.RESOURCE_EXHAUSTED,
      details: 'LEASE_BUDGET_EXHAUSTED: lease lease-2 has 0 µT left',
    };
    const err = await session.infer('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LeaseBudgetExhaustedError);
    expect(err).toMatchObject({ data: { siteId: 'a', grpcStatus: 'RESOURCE_EXHAUSTED' } });
    expect(fleet.agent('b').calls + fleet.agent('c').calls).toBe(0);
  });

  it('reports every failed site when all leases fail', async () => {
    const { fleet, client } = await setup(['a', 'b']);
    const session = await client.acquire({ ...base, hedges: 1 });
    fleet.agent('a').kill();
    fleet.agent('b').mode = { code: status.UNAVAILABLE, details: 'BACKEND_FAILED: http 503' };
    const err = await session.infer('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllSitesFailedError);
    const failures = (err as AllSitesFailedError).data['failures'] as {
      siteId: string;
      reason: string;
    }[];
    expect(failures.map((f) => f.siteId).sort()).toEqual(['a', 'b']);
    expect(failures.find((f) => f.siteId === 'b')?.reason).toBe('BACKEND_FAILED');
  });
});

describe('outlier ejection (fake clock)', () => {
  async function ejecting(sites: string[], maxEjectionPercent = 50) {
    const fleet = await FakeFleet.start(sites, { c1: 1_000_000 });
    let now = 5_000_000;
    const client = new EdgefleetClient({
      coordinator: fleet.coordinator.address,
      customerId: 'c1',
      defaultTimeoutMs: 5_000,
      now: () => now,
      outlierDetection: { maxEjectionPercent },
    });
    cleanups.push(
      () => client.close(),
      () => fleet.close(),
    );
    return { fleet, client, advance: (ms: number) => (now += ms), at: () => now };
  }

  it('a site that timed out is ejected: no first attempt and no hedge goes to it until its time is up', async () => {
    const { fleet, client, advance, at } = await ejecting(['a', 'b', 'c'], 100);
    fleet.agent('a').mode = 'hang';
    const session = await client.acquire({ ...base, infer: { hedgeAfterMs: 5 } });
    const r = await session.infer('one', { timeoutMs: 300, hedgeAfterMs: undefined });
    expect(r.failures.map((f) => [f.siteId, f.reason])).toEqual([['a', 'DEADLINE_EXCEEDED']]);
    expect(client.ejections()).toEqual([
      {
        endpoint: fleet.agent('a').endpoint,
        siteId: 'a',
        ejectedAtMs: at(),
        untilMs: at() + 30_000,
        count: 1,
      },
    ]);
    // Hedged requests (b hangs now): the hedge goes to c, never back to the ejected a.
    fleet.agent('b').mode = 'hang';
    for (let i = 0; i < 3; i++) {
      const h = await session.infer(`hedged ${i}`, { timeoutMs: 20_000 });
      expect(h.siteId).toBe('c');
    }
    expect(fleet.agent('a').calls).toBe(1);
    fleet.agent('b').mode = 'ok';
    advance(29_999);
    expect(client.ejections().map((e) => e.siteId)).toEqual(['a']);
    advance(1);
    expect(client.ejections()).toEqual([]);
    // Back in the pool; a second timeout ejects it for twice as long (here every site may be ejected).
    fleet.agent('b').kill();
    fleet.agent('c').kill();
    const back = await session
      .infer('two', { timeoutMs: 300, hedgeAfterMs: undefined })
      .catch((e: unknown) => e);
    expect(back).toBeInstanceOf(AllSitesFailedError);
    expect(fleet.agent('a').calls).toBe(2);
    expect(client.ejections().find((e) => e.siteId === 'a')).toMatchObject({
      untilMs: at() + 60_000,
      count: 2,
    });
    expect(client.outlierStats().ejections).toBeGreaterThanOrEqual(2);
  });

  it('an ejected site is still the last resort when every other lease fails', async () => {
    const { fleet, client } = await ejecting(['a', 'b']);
    fleet.agent('a').mode = 'hang';
    const session = await client.acquire({ ...base, hedges: 1 });
    await session.infer('one', { timeoutMs: 300 });
    expect(client.ejections().map((e) => e.siteId)).toEqual(['a']);
    fleet.agent('a').mode = 'ok';
    fleet.agent('b').kill();
    const r = await session.infer('two', { timeoutMs: 5_000 });
    expect(r).toMatchObject({ siteId: 'a', attempts: 2 });
    expect(r.failures.map((f) => f.siteId)).toEqual(['b']);
    // b failed too, but ejecting it would eject every known site (max ejection percent).
    expect(client.ejections().map((e) => e.siteId)).toEqual(['a']);
    expect(client.outlierStats()).toEqual({ ejections: 1, suppressed: 1 });
  });

  it('outlierDetection: false keeps the previous behaviour (no ejection)', async () => {
    const fleet = await FakeFleet.start(['a', 'b'], { c1: 1_000_000 });
    const client = new EdgefleetClient({
      coordinator: fleet.coordinator.address,
      customerId: 'c1',
      outlierDetection: false,
    });
    cleanups.push(
      () => client.close(),
      () => fleet.close(),
    );
    fleet.agent('a').mode = 'hang';
    const session = await client.acquire({ ...base, hedges: 1 });
    await session.infer('one', { timeoutMs: 300 });
    expect(client.ejections()).toEqual([]);
  });
});

describe('watch, renew, release', () => {
  it('a reroute event replaces the lease in the session; a revoke removes it', async () => {
    const { fleet, client } = await setup(['a', 'b', 'c']);
    const spare = await FakeAgent.start('d', (h, m) => fleet.coordinator.burn(h, m));
    cleanups.push(() => spare.kill());
    const session = await client.acquire({ ...base, hedges: 1 });
    const events: LeaseEvent[] = [];
    const handle = session.watch((e) => events.push(e));
    await vi.waitFor(() => expect(fleet.coordinator.watcherCount(session.holdId)).toBe(1));
    const [a, b] = session.leases;
    const replacement = fleet.coordinator.lease(session.holdId, spare);
    fleet.coordinator.push(session.holdId, {
      kind: LeaseEventKind.KIND_REROUTE,
      lease_id: a?.lease_id,
      site_id: 'a',
      reason: 'site offline',
      replacement,
    });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(session.leases.map((l) => l.site_id)).toEqual(['d', 'b']);
    expect(session.primary?.lease_id).toBe(replacement.lease_id);
    expect((await session.infer('after reroute')).siteId).toBe('d');
    expect(fleet.agent('a').calls).toBe(0);

    fleet.coordinator.push(session.holdId, {
      kind: LeaseEventKind.KIND_REVOKE,
      lease_id: b?.lease_id,
      site_id: 'b',
      reason: 'drain',
    });
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(session.leases.map((l) => l.site_id)).toEqual(['d']);
    handle.cancel();
    await vi.waitFor(() => expect(fleet.coordinator.watcherCount(session.holdId)).toBe(0));
  });

  it('schedules renewal at a third of the TTL and stops on release (injected timers)', async () => {
    const { fleet, client } = await setup();
    const scheduled: { fn: () => void; ms: number }[] = [];
    let cleared = 0;
    const timers: SessionTimers = {
      setTimeout: (fn, ms) => scheduled.push({ fn, ms }),
      clearTimeout: () => {
        cleared += 1;
      },
    };
    const renewed: number[] = [];
    const session = await client.acquire({
      ...base,
      autoRenew: true,
      ttlS: 9,
      timers,
      onRenew: (l) => renewed.push(l.length),
    });
    expect(scheduled.map((s) => s.ms)).toEqual([3_000]);
    scheduled[0]?.fn();
    await vi.waitFor(() => expect(scheduled).toHaveLength(2));
    expect(fleet.coordinator.renewCalls).toBe(1);
    expect(renewed).toEqual([3]);
    expect(scheduled[1]?.ms).toBe(3_000);
    await session.release();
    expect(cleared).toBe(1);
    expect(fleet.coordinator.renewCalls).toBe(1);
  });

  it('renews on its own with real timers (short TTL) until released', async () => {
    const { fleet, client } = await setup();
    fleet.coordinator.leaseTtlMs = 600; // renew every ~200 ms
    const session = await client.acquire({ ...base, autoRenew: true });
    const firstExpiry = session.primary?.expires_at_ms ?? 0;
    await vi.waitFor(() => expect(fleet.coordinator.renewCalls).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 20,
    });
    expect(session.primary?.expires_at_ms).toBeGreaterThan(firstExpiry);
    await session.release();
    const after = fleet.coordinator.renewCalls;
    await new Promise((r) => setTimeout(r, 700));
    expect(fleet.coordinator.renewCalls).toBe(after);
  });

  it('session.renew() extends the leases on demand', async () => {
    const { fleet, client } = await setup();
    const session = await client.acquire({ ...base, ttlS: 30 });
    const before = session.leases.map((l) => l.expires_at_ms);
    await new Promise((r) => setTimeout(r, 5));
    const leases = await session.renew();
    expect(fleet.coordinator.renewCalls).toBe(1);
    expect(leases.map((l) => l.lease_id)).toEqual(session.leases.map((l) => l.lease_id));
    leases.forEach((l, i) => expect(l.expires_at_ms).toBeGreaterThan(before[i] ?? Infinity));
  });
});
