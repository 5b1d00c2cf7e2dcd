import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgefleetClient } from '@edgefleet/client';
import {
  LeaseEventKind,
  type InferResult,
  type LeaseEvent,
  type LeaseSession,
} from '@edgefleet/client';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { eventually } from '../support/processes.js';
import type { AgentProc } from '../support/site-agent.js';
import { SiteClient } from './grpc-clients.js';

const MODEL = 'llama-3-8b';
const customer = 'fleet-failover';
const TIMEOUT_MS = 1000;

/**
 * Millisecond failover, end to end: the SDK holds a primary and two hedges on real agent
 * processes; the primary's agent is SIGKILLed while the vehicle keeps sending frames. No request
 * fails (the SDK moves to a hedge within one request timeout at most), and Watch reports the
 * coordinator's reroute with a replacement lease on a live site.
 */
describe('failover (coordinator + 4 agent processes, SDK with hedges=2 and Watch)', () => {
  let fleet: LeaseFleet;
  let agents: AgentProc[] = [];
  let client: EdgefleetClient;
  let session: LeaseSession;

  beforeAll(async () => {
    fleet = await startLeaseFleet(['fo-a', 'fo-b', 'fo-c', 'fo-d'], customer, 50_000_000);
    ({ agents, client } = fleet);
  }, 120_000);

  afterAll(async () => {
    await session?.release().catch(() => undefined);
    await fleet?.close();
  });

  it('keeps serving through a SIGKILL of the primary; Watch reports the reroute to a live site within 3 s', async () => {
    session = await client.acquire({
      model: MODEL,
      location: { popId: 'pop-fra' },
      budgetMicroTokens: 5_000_000,
      hedges: 2,
      ttlS: 120,
      autoRenew: false,
    });
    expect(session.hedges).toHaveLength(2);
    const holdSites = session.leases.map((l) => l.site_id);
    const events: { at: number; ev: LeaseEvent }[] = [];
    const w = session.watch((ev) => events.push({ at: Date.now(), ev }));
    // The lease the SDK actually sends to (its peak-EWMA pick; usually the coordinator's primary).
    const warm = await session.infer('warm-up', { timeoutMs: TIMEOUT_MS });
    const primary = session.leases.find((l) => l.site_id === warm.siteId);
    const victim = agents.find((a) => a.siteId === primary?.site_id) as AgentProc;
    expect(victim).toBeDefined();

    // A vehicle sending frames back to back while the primary dies under it.
    const results: (InferResult & { elapsedMs: number })[] = [];
    const errors: unknown[] = [];
    let stop = false;
    const frames = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          const t0 = performance.now();
          const r = await session.infer(`frame ${i}`, { timeoutMs: TIMEOUT_MS });
          results.push({ ...r, elapsedMs: performance.now() - t0 });
        } catch (err) {
          errors.push(err);
        }
      }
    })();
    await eventually(
      () => Promise.resolve(results.length),
      (n) => n >= 5,
      5000,
    );
    const servedBefore = results.length;
    const killedAt = Date.now();
    victim.proc.child.kill('SIGKILL');
    await victim.proc.exited;

    const reroute = await eventually(
      () => Promise.resolve(events.find((e) => e.ev.kind === LeaseEventKind.KIND_REROUTE)),
      (e) => e !== undefined,
      10_000,
    );
    await eventually(
      () => Promise.resolve(results.length),
      (n) => n >= servedBefore + 20,
      10_000,
    );
    stop = true;
    await frames;
    w.cancel();

    expect(errors).toEqual([]);
    const after = results.slice(servedBefore);
    const firstAfterKill = after.find((r) => r.siteId !== primary?.site_id);
    expect(firstAfterKill).toBeDefined();
    // Every request that met the dead primary failed over within one per-attempt timeout at most
    // (a generous bound: a refused connection fails fast, a black hole costs one timeout).
    for (const r of after) expect(r.elapsedMs).toBeLessThan(TIMEOUT_MS + 500);
    expect(after.filter((r) => r.siteId === primary?.site_id).length).toBeLessThan(after.length);

    // The coordinator noticed and rerouted: a replacement lease on a live site outside the hold.
    const ev = reroute?.ev as LeaseEvent;
    expect(ev.site_id).toBe(primary?.site_id);
    expect(ev.lease_id).toBe(primary?.lease_id);
    const replacement = ev.replacement;
    expect(replacement?.site_id).toBeTruthy();
    expect(holdSites).not.toContain(replacement?.site_id);
    expect(
      agents.some((a) => a.siteId === replacement?.site_id && a.proc.child.exitCode === null),
    ).toBe(true);
    expect((reroute?.at ?? Infinity) - killedAt).toBeLessThan(3000);
    // The SDK took the replacement into its lease set, and it works.
    expect(session.leases.map((l) => l.site_id)).toContain(replacement?.site_id);
    expect(session.leases.map((l) => l.site_id)).not.toContain(primary?.site_id);
    const direct = new SiteClient(replacement?.endpoint ?? '');
    try {
      expect(await direct.code(replacement?.token ?? '', MODEL)).toBe('OK');
    } finally {
      direct.close();
    }
  }, 90_000);
});
