import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgefleetClient, type LeaseSession } from '@edgefleet/client';
import {
  enrollSite,
  eventually,
  ledgerBySeq,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';

interface Balance {
  available: number;
  held: number;
  debt: number;
}
interface SiteView {
  state: string;
  lastTelemetryMs: number;
}
interface RunSite {
  siteId: string;
  accepted: number;
  late: number;
  outsideLease: number;
}

const SKEW_MS = 3 * 60_000;
/** Shorter than the skew: a site 3 minutes ahead that trusted its own clock would see every token as expired. */
const TTL_S = 60;
const TOPUP = 50_000_000;

async function agentMetric(agent: SiteAgent, name: string): Promise<number> {
  const url = /metrics on (\S+)/.exec(agent.proc?.output() ?? '')?.[1];
  if (!url) throw new Error('agent did not print its metrics address');
  const m = new RegExp(`^${name} (-?[\\d.e+]+)$`, 'm').exec(await (await fetch(url)).text());
  if (!m) throw new Error(`agent metrics have no ${name}`);
  return Number(m[1]);
}

/**
 * Sites whose clocks run 3 minutes ahead of or behind the coordinator (`clock.offsetMs`, the
 * agent's drill knob; the coordinator's clock is real). What must hold:
 * - the agent measures the skew at the EdgeControl welcome and follows the coordinator's clock, so
 *   lease tokens (iat/exp, coordinator time) are judged correctly — even a 60 s token on a site 3 min ahead —
 *   and its burns are stamped inside the lease window: accepted from the hold, no debt;
 * - a site that does not follow the coordinator (followCoordinator: false) stamps its burns 3 min
 *   early, outside the window's 60 s skew allowance: they are not dropped but disputed (held on the
 *   site's dispute account, never charged to the customer) and counted as outsideLease in the report;
 * - telemetry freshness is judged by the coordinator's receive time: every skewed site stays online;
 * - nothing lost, nothing counted twice, the ledger sums to zero.
 */
describe('fault: clock skew between agents and the coordinator', () => {
  let coord: CoordinatorProc;
  let client: EdgefleetClient;
  const sites: Record<'ahead' | 'behind' | 'unsynced', SiteAgent> = {} as never;
  const metrics = { enabled: true, port: 0 };
  const customer = 'fleet-skew';

  beforeAll(async () => {
    coord = await startCoordinatorProcess({ leases: { settleMs: 1500 } });
    // One model per site, so each lease goes to the site under test.
    sites.ahead = await enrollSite(coord, 'ahead', {
      models: ['m-ahead'],
      clock: { offsetMs: SKEW_MS },
      metrics,
    });
    sites.behind = await enrollSite(coord, 'behind', {
      models: ['m-behind'],
      clock: { offsetMs: -SKEW_MS },
      metrics,
    });
    sites.unsynced = await enrollSite(coord, 'unsynced', {
      models: ['m-unsynced'],
      clock: { offsetMs: -SKEW_MS, followCoordinator: false },
      metrics,
    });
    for (const s of Object.values(sites)) await s.start();
    for (const s of Object.values(sites)) await waitOnline(coord, s.siteId);
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: TOPUP });
    client = new EdgefleetClient({
      coordinator: coord.grpc,
      customerId: customer,
      defaultTimeoutMs: 5000,
      bearerToken: coord.adminToken,
    });
  }, 120_000);

  afterAll(async () => {
    client?.close();
    for (const s of Object.values(sites)) await s.kill();
    await coord?.proc.kill();
  });

  it('leases, burns and telemetry work across minutes of skew; an uncorrected clock turns burns into reported disputes, never loss nor customer debt', async () => {
    // The skew is measured (coordinator − host), as configured, give or take the welcome's round trip.
    // Online means telemetry arrived; the EdgeControl welcome that measures the skew may come later
    // on a loaded machine, so each figure is polled until it is right (or the poll times out).
    const skewMs = async (s: SiteAgent) =>
      (await agentMetric(s, 'edgefleet_agent_clock_skew_seconds')) * 1000;
    const poll = { timeout: 20_000, interval: 250 };
    await expect
      .poll(async () => Math.abs((await skewMs(sites.ahead)) + SKEW_MS), poll)
      .toBeLessThan(5000);
    await expect
      .poll(async () => Math.abs((await skewMs(sites.behind)) - SKEW_MS), poll)
      .toBeLessThan(5000);
    await expect
      .poll(async () => Math.abs((await skewMs(sites.unsynced)) - SKEW_MS), poll)
      .toBeLessThan(5000);

    const answered: Record<string, Burned> = {};
    const sessions: LeaseSession[] = [];
    for (const [name, site] of Object.entries(sites)) {
      const session = await client.acquire({
        model: `m-${name}`,
        location: { lat: 48.2, lon: 11.6 },
        budgetMicroTokens: 2_000_000,
        ttlS: TTL_S,
        autoRenew: false,
      });
      expect(session.primary?.site_id).toBe(site.siteId);
      sessions.push(session);
      const burned: Burned = new Map();
      for (let i = 0; i < 5; i++) {
        const r = await session.infer(`frame ${i}`, { maxOutputTokens: 4, timeoutMs: 5000 });
        expect(r.siteId).toBe(site.siteId);
        burned.set(r.response.burn_seq, r.microTokens);
      }
      answered[site.siteId] = burned;
    }
    // Telemetry freshness is the coordinator's receive time: skewed sites stay online and fresh.
    for (const s of Object.values(sites)) {
      const v = await coord.api<SiteView>('GET', `/api/v1/sites/${s.siteId}`);
      expect(v.body.state).toBe('online');
      expect(Math.abs(v.body.lastTelemetryMs - Date.now())).toBeLessThan(SKEW_MS / 2);
    }

    // Every burn of a followed clock posted exactly once, for the amount the vehicle was told.
    for (const s of [sites.ahead, sites.behind]) {
      const want = answered[s.siteId] ?? new Map();
      const got = await eventually(
        () => ledgerBySeq(coord, s.siteId),
        (r) => r.bySeq.size >= want.size,
        30_000,
        250,
      );
      expect(got.doubles).toEqual([]);
      expect([...got.bySeq].sort((a, b) => a[0] - b[0])).toEqual(
        [...want].sort((a, b) => a[0] - b[0]),
      );
    }
    await Promise.all(sessions.map((s) => s.release()));

    // Followed clocks: accepted from the hold. The uncorrected clock: every burn outside its lease window, disputed (never the customer's), reported.
    const runs = await eventually(
      () =>
        coord.api<{ items: { sites: RunSite[] }[] }>(
          'GET',
          '/api/v1/reconciliation/runs?limit=200',
        ),
      (r) =>
        r.body.items
          .flatMap((x) => x.sites)
          .filter((x) => x.siteId === sites.unsynced.siteId)
          .reduce((a, x) => a + x.accepted, 0) >= 5,
      30_000,
      250,
    );
    const per = (id: string) =>
      runs.body.items
        .flatMap((x) => x.sites)
        .filter((x) => x.siteId === id)
        .reduce(
          (a, x) => ({
            accepted: a.accepted + x.accepted,
            late: a.late + x.late,
            outsideLease: a.outsideLease + x.outsideLease,
          }),
          { accepted: 0, late: 0, outsideLease: 0 },
        );
    expect(per(sites.ahead.siteId)).toEqual({ accepted: 5, late: 0, outsideLease: 0 });
    expect(per(sites.behind.siteId)).toEqual({ accepted: 5, late: 0, outsideLease: 0 });
    expect(per(sites.unsynced.siteId)).toEqual({ accepted: 5, late: 0, outsideLease: 5 });

    const synced =
      sum(answered[sites.ahead.siteId] ?? new Map()) +
      sum(answered[sites.behind.siteId] ?? new Map());
    const bal = await eventually(
      () => coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`),
      (r) => r.body.held === 0,
      30_000,
      250,
    );
    expect(bal.body).toEqual(
      expect.objectContaining({ available: TOPUP - synced, held: 0, debt: 0 }),
    );
    for (const s of Object.values(sites)) {
      const earned = await coord.api<{ microTokens: number }>(
        'GET',
        `/api/v1/sites/${s.siteId}/earnings`,
      );
      expect(earned.body.microTokens).toBe(
        s === sites.unsynced ? 0 : sum(answered[s.siteId] ?? new Map()),
      );
    }
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
  }, 120_000);
});
