import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollSite,
  eventually,
  freshDatabase,
  inferMany,
  ledgerBySeq,
  openSession,
  sorted,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from './fleet.js';

const SITES = 3;
const INFERS = 150;

/**
 * Two coordinator processes on one PostgreSQL database and the system Mosquitto (127.0.0.1:1883),
 * each subscribed to every site's burns (no shared subscription: both stage every batch), both
 * reconciling every second and on demand at the same moments. Every burn is posted exactly once:
 * no (site, seq, kind) has two transfers, each site's ledger equals what its agent answered, and
 * the ledger sums to zero.
 */
describe('two coordinator replicas against one PostgreSQL reconciling at once', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const replicas: CoordinatorProc[] = [];
  const sites: SiteAgent[] = [];
  const burned = new Map<string, Burned>();
  const replicaSettings = () => ({
    ...db.settings,
    mqtt: {
      url: 'mqtt://127.0.0.1:1883',
      sharedGroup: '',
      clientId: `ef-ledger-${randomBytes(4).toString('hex')}`,
    },
    reconcile: { enabled: true, schedule: '* * * * * *' },
  });

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    replicas.push(await startCoordinatorProcess(replicaSettings()));
    const a = replicas[0] as CoordinatorProc;
    for (let i = 0; i < SITES; i++) sites.push(await enrollSite(a, `replica site ${i}`));
    // The second replica loads the enrolled sites from the shared database.
    replicas.push(await startCoordinatorProcess(replicaSettings()));
    await Promise.all(sites.map((s) => s.start()));
    await Promise.all(sites.map((s) => waitOnline(a, s.siteId)));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(sites.map((s) => s.kill('SIGKILL')));
    await Promise.all(replicas.map((r) => r.proc.kill('SIGKILL')));
    await db?.drop();
  });

  it('never posts a burn twice', async () => {
    const a = replicas[0] as CoordinatorProc;
    const b = replicas[1] as CoordinatorProc;
    await a.api('POST', '/api/v1/customers/rep-cust/topup', { microTokens: 500_000_000 });
    const sessions = await Promise.all(sites.map(() => openSession(a, 'rep-cust', 20_000_000)));
    let hammering = true;
    // Both replicas reconcile on demand at the same moments, besides their cron ticks.
    const hammer = (async () => {
      while (hammering)
        await Promise.all([a.api('POST', '/api/v1/reconcile'), b.api('POST', '/api/v1/reconcile')]);
    })();
    try {
      await Promise.all(
        sessions.map(async (s) => {
          const siteId = s.session.primary?.site_id ?? '';
          const mine = burned.get(siteId) ?? new Map<number, number>();
          burned.set(siteId, mine);
          await inferMany(s.session, INFERS, mine, 2);
        }),
      );
    } finally {
      sessions.forEach((s) => s.client.close());
    }
    for (const [siteId, mine] of burned) {
      const l = await eventually(
        () => ledgerBySeq(b, siteId),
        (x) => sum(x.bySeq) === sum(mine),
        60_000,
        300,
      );
      expect(l.doubles).toEqual([]);
      expect(sorted(l.bySeq)).toEqual(sorted(mine));
    }
    hammering = false;
    await hammer;
    expect([...burned.values()].reduce((n, m) => n + m.size, 0)).toBe(SITES * INFERS);
    // Each replica received every record (took it first: posted at ingest or staged; or found it
    // taken by the other: a duplicate; resends after a gap report count again) and both took some first.
    const staged = await Promise.all(
      replicas.map(async (r) => {
        const text = await (
          await fetch(`${r.http}/metrics`, { headers: { authorization: `Bearer ${r.adminToken}` } })
        ).text();
        const line = (o: string) =>
          Number(
            new RegExp(`^edgefleet_burns_staged_total\\{outcome="${o}"\\} (\\d+)`, 'm').exec(
              text,
            )?.[1] ?? 0,
          );
        return { staged: line('staged') + line('posted'), duplicate: line('duplicate') };
      }),
    );
    expect(staged.every((x) => x.staged > 0)).toBe(true);
    for (const x of staged) expect(x.staged + x.duplicate).toBeGreaterThanOrEqual(SITES * INFERS);

    const c = new pg.Client({ connectionString: String(db.settings['databaseUrl']) });
    await c.connect();
    try {
      const twice = await c.query(
        `SELECT site_id, burn_seq, kind, count(*) FROM transfers WHERE kind IN ('burn', 'burn_debt') GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      );
      expect(twice.rows).toEqual([]);
      // Burns are posted by aggregate transfers; each posted burn row names the transfer(s) that posted it.
      const posted = await c.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM burns WHERE transfer_id IS NOT NULL OR debt_transfer_id IS NOT NULL`,
      );
      expect(Number(posted.rows[0]?.n)).toBe(SITES * INFERS);
      const total = await c.query<{ s: string }>(
        'SELECT COALESCE(sum(balance), 0)::text AS s FROM accounts',
      );
      expect(total.rows[0]?.s).toBe('0');
      const negative = await c.query(
        `SELECT id, balance FROM accounts WHERE kind IN ('customer', 'hold', 'held', 'slice', 'site') AND balance < 0`,
      );
      expect(negative.rows).toEqual([]);
    } finally {
      await c.end();
    }
  }, 240_000);
});
