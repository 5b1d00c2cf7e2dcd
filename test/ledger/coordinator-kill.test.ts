import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs } from '../support/processes.js';
import {
  BACKENDS,
  enrollSite,
  eventually,
  freshDatabase,
  inferMany,
  ledgerBySeq,
  openSession,
  restartSettings,
  sorted,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from './fleet.js';

interface Run {
  runId: string;
  sites: { siteId: string; accepted: number; duplicate: number; ackedSeq: number }[];
}

/**
 * Real processes, real sockets: a coordinator (PGlite, or PostgreSQL via databaseUrl) and an agent.
 * 1. SIGKILL the agent right after its Infers returned, before any flush: nothing reached the
 *    coordinator; after a restart the outbox is published and reconciled.
 * 2. SIGKILL the coordinator after a reconciliation committed but before the agent got the ack: after
 *    a restart the agent replays, the replay is counted as duplicates, nothing is posted twice.
 * After quiescence the site's ledger entries equal what the agent answered, by seq and by sum.
 */
describe.each(BACKENDS)('crash safety with real processes on %s', (backend) => {
  let coord: CoordinatorProc;
  let site: SiteAgent;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const burned: Burned = new Map();
  const customer = `crash-cust-${backend}`;
  const settings = (): Record<string, unknown> => ({
    ...db.settings,
    reconcile: { enabled: false, schedule: '* * * * * *' },
  });

  beforeAll(async () => {
    db = await freshDatabase(backend);
    coord = await startCoordinatorProcess(settings());
    site = await enrollSite(coord, `crash ${backend}`);
  }, 120_000);
  afterAll(async () => {
    await site?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await db?.drop();
  });

  const reconcile = async (): Promise<Run> => {
    const r = await coord.api<Run>('POST', '/api/v1/reconcile');
    expect(r.status).toBe(200);
    return r.body;
  };
  const converged = async () => {
    const l = await eventually(
      async () => {
        await reconcile();
        return ledgerBySeq(coord, site.siteId);
      },
      (x) => sum(x.bySeq) === sum(burned),
      60_000,
      300,
    );
    expect(l.doubles).toEqual([]);
    expect(sorted(l.bySeq)).toEqual(sorted(burned));
  };

  it('agent SIGKILLed after Infer returned, before its flush: the burns survive in the outbox and are reconciled after restart', async () => {
    await site.start({ burnFlushIntervalMs: 3_600_000 });
    await waitOnline(coord, site.siteId);
    expect(
      (await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 50_000_000 }))
        .status,
    ).toBe(200);
    const { client, session } = await openSession(coord, customer, 20_000_000);
    try {
      await inferMany(session, 60, burned);
    } finally {
      client.close();
    }
    await site.kill('SIGKILL');
    await reconcile();
    expect((await ledgerBySeq(coord, site.siteId)).bySeq.size).toBe(0);

    await site.start();
    await converged();
  }, 120_000);

  it('coordinator SIGKILLed between the ledger commit and the ack: the replay is a duplicate, never a second posting', async () => {
    await waitOnline(coord, site.siteId);
    const { client, session } = await openSession(coord, customer, 20_000_000);
    try {
      await inferMany(session, 80, burned);
    } finally {
      client.close();
    }
    // Let the agent publish (flush every 100 ms), then take it away so that no ack can reach it.
    await new Promise((r) => setTimeout(r, 2_000));
    await site.kill('SIGKILL');
    const run = await reconcile();
    const committed = run.sites.find((s) => s.siteId === site.siteId);
    expect(committed?.accepted ?? 0).toBeGreaterThan(0);
    await coord.proc.kill('SIGKILL');

    coord = await startCoordinatorProcess(restartSettings(coord, settings()), coord.dataDir);
    await site.start();
    await converged();
    // The replay of what was committed before the kill is seen and counted as duplicates.
    const duplicates = async () => {
      await reconcile();
      const runs = await coord.api<{ items: Run[] }>(
        'GET',
        '/api/v1/reconciliation/runs?limit=200',
      );
      return runs.body.items
        .flatMap((r) => r.sites)
        .filter((s) => s.siteId === site.siteId)
        .reduce((a, s) => a + s.duplicate, 0);
    };
    expect(
      await eventually(duplicates, (n) => n >= (committed?.accepted ?? 1), 60_000, 300),
    ).toBeGreaterThanOrEqual(committed?.accepted ?? 1);
    await converged();
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
    // The agent drops what was acked.
    await eventually(
      () => coord.api<{ outboxDepth: number }>('GET', `/api/v1/sites/${site.siteId}`),
      (r) => r.body.outboxDepth === 0,
      30_000,
    );
  }, 180_000);

  it.runIf(backend === 'pglite')(
    'the CLI shows the site statement and a run report from the real coordinator',
    async () => {
      const env = { EDGEFLEET_API: coord.http, EDGEFLEET_TOKEN: coord.adminToken };
      const st = runTs(
        'client/src/cli.ts',
        ['statement', '--site', site.siteId, '--limit', '5', '--json'],
        env,
      );
      expect(await st.exited).toBe(0);
      const page = JSON.parse(st.output()) as {
        items: { seq: number; kind: string }[];
        nextCursor: string | null;
      };
      const top = Math.max(...burned.keys());
      expect(page.items.map((e) => e.seq)).toEqual([top, top - 1, top - 2, top - 3, top - 4]);
      expect(page.nextCursor).not.toBeNull();

      const run = runTs('client/src/cli.ts', ['recon', 'run', '--json'], env);
      expect(await run.exited).toBe(0);
      const mine = await coord.api<{ items: Run[] }>('GET', '/api/v1/reconciliation/runs?limit=1');
      const runId = mine.body.items[0]?.runId ?? '';
      const show = runTs('client/src/cli.ts', ['recon', 'show', runId], env);
      expect(await show.exited).toBe(0);
      expect(show.output()).toContain(runId);
      expect(show.output()).toContain(site.siteId);
    },
    60_000,
  );
});
