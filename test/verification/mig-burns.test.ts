import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';
import {
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
import { publishAsSite } from '../support/publish-as-site.js';

const TOPUP = 50_000_000;
/** A site whose one A100 is split into two MIG instances (the fake hook simulates nvidia-smi's MIG view). */
const MIG_SITE = {
  hook: { name: 'fake', options: { accelerators: [{ profile: 'a100-80gb', mig: 2 }] } },
};

/**
 * Issue 13 item 2, the instance in the burn, end to end (docs/verification.md "MIG instances"): a
 * real agent on a MIG-partitioned card and a real coordinator on PostgreSQL (the test reads the
 * burns table). A lease pinned to a MIG instance has burns that name that instance, hashed (v2),
 * signed and stored, and paid. Burns on a pinned lease that name another instance — published with
 * the site's own key, so only the instance is wrong — are disputed as wrong_instance, never charged.
 */
describe('MIG instances in burn records (postgres)', () => {
  let coord: CoordinatorProc;
  let honest: SiteAgent | undefined;
  let victim: SiteAgent | undefined;
  let drop: () => Promise<void> = async () => {};
  let dbUrl = '';
  const customer = 'mig-burns';

  beforeAll(async () => {
    const db = await freshDatabase('postgres');
    drop = db.drop;
    dbUrl = String(db.settings['databaseUrl']);
    coord = await startCoordinatorProcess({
      ...db.settings,
      reconcile: { enabled: false, schedule: '* * * * * *' },
    });
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: TOPUP });
  }, 300_000);
  afterAll(async () => {
    await honest?.kill('SIGKILL');
    await victim?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await drop();
  });

  const sql = async <T>(text: string, params: unknown[]): Promise<T[]> => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const earnings = async (siteId: string): Promise<number> =>
    (await coord.api<{ microTokens: number }>('GET', `/api/v1/sites/${siteId}/earnings`)).body
      .microTokens;
  const decided = (siteId: string, n: number) =>
    eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        return sql<{ n: number }>(
          "SELECT count(*)::int AS n FROM burns WHERE site_id = $1 AND status <> 'staged'",
          [siteId],
        );
      },
      (rows) => rows[0]?.n === n,
      30_000,
      250,
    );

  it("a pinned lease's burns name its instance and are paid; burns naming another instance are disputed (wrong_instance)", async () => {
    honest = await enrollSite(coord, 'mig site', MIG_SITE);
    await honest.start();
    await waitOnline(coord, honest.siteId);
    const burned: Burned = new Map();
    const first = await openSession(coord, customer, 1_000_000);
    const lease = first.session.primary;
    expect(lease?.site_id).toBe(honest.siteId);
    expect(lease?.mig_instance_uuid).toMatch(/^MIG-/);
    await inferMany(first.session, 6, burned);
    await first.session.release();
    first.client.close();
    await decided(honest.siteId, burned.size);
    const rows = await sql<{ mig_instance_uuid: string; status: string; lease_id: string }>(
      'SELECT mig_instance_uuid, status, lease_id FROM burns WHERE site_id = $1 ORDER BY seq',
      [honest.siteId],
    );
    expect(rows).toHaveLength(burned.size);
    for (const r of rows)
      expect(r).toEqual({
        mig_instance_uuid: lease?.mig_instance_uuid,
        status: 'accepted',
        lease_id: lease?.lease_id,
      });
    expect(await earnings(honest.siteId)).toBe(sum(burned));
    await honest.kill();

    // A second MIG site holds a live pinned lease; its agent steps away, and batches signed with the
    // site's own key name the lease's instance, then another one.
    victim = await enrollSite(coord, 'mig victim', MIG_SITE);
    await victim.start();
    await waitOnline(coord, victim.siteId);
    const second = await openSession(coord, customer, 100_000);
    const pinned = second.session.primary;
    expect(pinned?.site_id).toBe(victim.siteId);
    const own = pinned?.mig_instance_uuid ?? '';
    expect(own).toMatch(/^MIG-/);
    await victim.kill();
    const issued = Number(pinned?.expires_at_ms ?? 0) - 600_000;
    while (Date.now() < issued + 2_000) await new Promise((r) => setTimeout(r, 100));
    const other = 'MIG-00000000-1111-2222-3333-444444444444';
    const records: BurnRecordData[] = [];
    for (const [i, mig] of [own, other, other].entries())
      records.push(
        chainBurn(records[i - 1], {
          site_id: victim.siteId,
          lease_id: pinned?.lease_id ?? '',
          accelerator_model: 'NVIDIA A100-SXM4-80GB',
          accelerator_serial: 'sn-victim',
          slot: pinned?.slot ?? '',
          started_at_ms: issued + 100 + i * 1_000,
          ended_at_ms: issued + 1_000 + i * 1_000,
          micro_tokens: 1 + i,
          mig_instance_uuid: mig,
        }),
      );
    await publishAsSite(victim.dir, records, 'site-key');
    await decided(victim.siteId, 3);
    expect(
      await sql(
        'SELECT seq, status, posted_from_hold, posted_as_debt, disputed, dispute_reason, mig_instance_uuid FROM burns WHERE site_id = $1 ORDER BY seq',
        [victim.siteId],
      ),
    ).toEqual([
      {
        seq: '1',
        status: 'accepted',
        posted_from_hold: '1',
        posted_as_debt: '0',
        disputed: '0',
        dispute_reason: null,
        mig_instance_uuid: own,
      },
      {
        seq: '2',
        status: 'disputed',
        posted_from_hold: '0',
        posted_as_debt: '0',
        disputed: '2',
        dispute_reason: 'wrong_instance',
        mig_instance_uuid: other,
      },
      {
        seq: '3',
        status: 'disputed',
        posted_from_hold: '0',
        posted_as_debt: '0',
        disputed: '3',
        dispute_reason: 'wrong_instance',
        mig_instance_uuid: other,
      },
    ]);
    expect(await earnings(victim.siteId)).toBe(1);
    const report = await sql<{ wrong_instance: string; wrong_instance_micro_tokens: string }>(
      'SELECT sum(wrong_instance)::text AS wrong_instance, sum(wrong_instance_micro_tokens)::text AS wrong_instance_micro_tokens FROM reconciliation_site_reports WHERE site_id = $1',
      [victim.siteId],
    );
    expect(report).toEqual([{ wrong_instance: '2', wrong_instance_micro_tokens: '5' }]);
    await second.session.release();
    second.client.close();
    const bal = await coord.api<{ debt: number }>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body.debt).toBe(0);
  }, 240_000);
});
