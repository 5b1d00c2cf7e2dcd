import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs, type Proc } from '../support/processes.js';
import {
  BACKENDS,
  enrollSite,
  eventually,
  freshDatabase,
  inferMany,
  openSession,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';

interface Reputation {
  siteId: string;
  reputation: number;
  drained: boolean;
  passes: number;
  wrong: number;
  slow: number;
  lastDetail: string | null;
}
interface Balance {
  available: number;
  held: number;
  debt: number;
}

const TOPUP = 50_000_000;
const AGENT_SETTINGS = {
  models: ['llama-3-8b'],
  hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 4 }] } },
  telemetryIntervalMs: 200,
  burnFlushIntervalMs: 100,
  reconnect: { baseMs: 100, maxMs: 500 },
};

/** Runs an enrolled site's agent with a lying backend (dishonest-agent.fixture.ts). */
async function startLiar(site: SiteAgent, lie: 'wrong' | 'sleep'): Promise<Proc> {
  const file = join(site.dir, 'settings.json');
  writeFileSync(file, JSON.stringify(AGENT_SETTINGS));
  const proc = runTs('test/verification/dishonest-agent.fixture.ts', [site.dir, file, lie]);
  await proc.waitFor(/agent \S+ running/, 120_000);
  return proc;
}

/**
 * Issue 13, item 6, end to end: the coordinator's canaries (ordinary leases on the spot-check
 * account, Infer through the site's gRPC port as a vehicle calls it) catch a site whose backend
 * answers wrong and one that sleeps instead of computing (and bills the sleep): their reputation
 * falls, they are drained (not routable) and their earnings are held on their dispute accounts; the
 * honest site keeps its reputation and serves the vehicles; the vehicles' customer pays exactly
 * what its own leases burned (canaries are paid from the spot-check account), and all balances
 * sum to zero. An operator then reinstates a site through the CLI.
 */
describe.each(BACKENDS)('spot-checks catch lying sites, on %s', (backend) => {
  let coord: CoordinatorProc;
  let honest: SiteAgent;
  let wrong: SiteAgent;
  let sleeper: SiteAgent;
  const liars: Proc[] = [];
  let drop: () => Promise<void> = async () => {};
  const customer = `vehicles-${backend}`;

  beforeAll(async () => {
    const db = await freshDatabase(backend);
    drop = db.drop;
    coord = await startCoordinatorProcess({
      ...db.settings,
      spotChecks: {
        // About two canaries a second per site: a day's worth of evidence in a minute.
        perSiteHourly: 7200,
        tickMs: 250,
        // Envelope 150 × 4 + 5 = 605 ms: the sleeper bills over 1,000 ms per canary; the honest site's
        // 2 ms sleep is timed by a timer that a box at load average 30+ can fire hundreds of ms late.
        models: [{ model: 'llama-3-8b', oracle: 'echo', referenceMs: 150 }],
        // The billed compute decides here; a loaded test box must not turn wall time into misses.
        wallAllowanceMs: 10_000,
      },
    });
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: TOPUP });
  }, 240_000);
  afterAll(async () => {
    for (const p of liars) await p.kill('SIGKILL');
    await honest?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await drop();
  });

  // A list (not a Map) so that a timeout prints what was seen.
  const reputation = async (): Promise<Reputation[]> =>
    (await coord.api<{ items: Reputation[] }>('GET', '/api/v1/reputation')).body.items;
  const of = (list: Reputation[], siteId: string): Reputation | undefined =>
    list.find((r) => r.siteId === siteId);

  it('drains the site that answers wrong and the one that sleeps; the honest one serves and is paid', async () => {
    honest = await enrollSite(coord, 'honest site', AGENT_SETTINGS);
    wrong = await enrollSite(coord, 'wrong answers');
    sleeper = await enrollSite(coord, 'sleeps instead of computing');
    await honest.start({
      backend: { kind: 'simulated', latencyMs: 2, jitterMs: 0, outputTokens: 4 },
    });
    liars.push(await startLiar(wrong, 'wrong'), await startLiar(sleeper, 'sleep'));
    for (const s of [honest, wrong, sleeper]) await waitOnline(coord, s.siteId);

    const started = Date.now();
    const caught = await eventually(
      reputation,
      (m) => of(m, wrong.siteId)?.drained === true && of(m, sleeper.siteId)?.drained === true,
      180_000,
      500,
    );
    console.log(
      `[spot-checks ${backend}] both liars drained ${Math.round((Date.now() - started) / 1000)} s after all three were online`,
    );
    const w = of(caught, wrong.siteId);
    const z = of(caught, sleeper.siteId);
    expect(w?.wrong).toBeGreaterThanOrEqual(2);
    expect(w?.reputation).toBeLessThan(0.5);
    expect(z?.slow).toBeGreaterThanOrEqual(7);
    expect(z?.wrong).toBe(0); // its answers are right: only its timing betrays it
    expect(z?.lastDetail ?? '').toMatch(/billed \d+/);
    const h = of(caught, honest.siteId);
    expect(h?.drained).toBe(false);
    expect(h?.passes).toBeGreaterThan(0);
    expect(h?.wrong).toBe(0);
    expect(h?.reputation, JSON.stringify(h)).toBeGreaterThan(0.5);

    // Drained sites are not routable: the vehicles' lease goes to the honest site.
    const site = await coord.api<{ drainedByReputation: boolean }>(
      'GET',
      `/api/v1/sites/${wrong.siteId}`,
    );
    expect(site.body.drainedByReputation).toBe(true);
    const burned: Burned = new Map();
    // (On a loaded box the honest site's telemetry may be stale for a moment: NO_SITE, try again.)
    const opened = await eventually(
      () => openSession(coord, customer, 1_000_000).catch((err: unknown) => String(err)),
      (x) => typeof x !== 'string',
      60_000,
      500,
    );
    if (typeof opened === 'string') throw new Error(opened);
    const s = opened;
    expect(s.session.primary?.site_id).toBe(honest.siteId);
    await inferMany(s.session, 8, burned);
    await s.session.release();
    s.client.close();

    // The liars' earnings (their canary burns) are held on their dispute accounts; the honest site's are its own.
    for (const liar of [wrong, sleeper]) {
      const held = await eventually(
        async () => {
          await coord.api('POST', '/api/v1/reconcile');
          const [earned, rep] = await Promise.all([
            coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${liar.siteId}/earnings`),
            coord.api<{ disputedMicroTokens: number }>(
              'GET',
              `/api/v1/sites/${liar.siteId}/reputation`,
            ),
          ]);
          return { earned: earned.body.microTokens, disputed: rep.body.disputedMicroTokens };
        },
        (x) => x.earned === 0 && x.disputed > 0,
        60_000,
        500,
      );
      expect(held.earned).toBe(0);
    }
    const honestRep = await coord.api<{ disputedMicroTokens: number }>(
      'GET',
      `/api/v1/sites/${honest.siteId}/reputation`,
    );
    expect(honestRep.body.disputedMicroTokens).toBe(0);

    // The vehicles' customer paid exactly its own burns: no canary was charged to it.
    await eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        return coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
      },
      (b) => b.body.held === 0,
      30_000,
      500,
    );
    const bal = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body.debt).toBe(0);
    expect(bal.body.available).toBe(TOPUP - sum(burned));
    const canaryAccount = await coord.api<Balance>('GET', '/api/v1/customers/spotcheck/balance');
    expect(canaryAccount.body.debt).toBe(0);
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);

    // An operator reinstates the wrong-answers site through the CLI and rejects what it claimed.
    const cli = runTs('client/src/cli.ts', [
      'site',
      'reinstate',
      wrong.siteId,
      '--disputed',
      'reject',
      '--api',
      coord.http,
      '--token',
      coord.adminToken,
      '--json',
    ]);
    expect(await cli.exited, cli.output()).toBe(0);
    const out = JSON.parse(cli.output().slice(cli.output().indexOf('{'))) as {
      reputation: { drained: boolean; reputation: number };
      dispute: { resolved: number; left: number };
    };
    expect(out.reputation.drained).toBe(false);
    expect(out.dispute.resolved).toBeGreaterThan(0);
    const list = runTs('client/src/cli.ts', [
      'sites',
      'reputation',
      '--api',
      coord.http,
      '--token',
      coord.adminToken,
    ]);
    expect(await list.exited, list.output()).toBe(0);
    expect(list.output()).toContain(sleeper.siteId);
    expect(list.output()).toContain('DRAINED');
  }, 600_000);
});
