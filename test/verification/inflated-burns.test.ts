import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainBurn, type BurnRecordData } from '@edgefleet/proto';
import { publishAsSite } from '../support/publish-as-site.js';
import {
  BACKENDS,
  enrollSite,
  eventually,
  freshDatabase,
  inferMany,
  ledgerBySeq,
  openSession,
  startCoordinatorProcess,
  sum,
  waitOnline,
  type Burned,
  type CoordinatorProc,
  type SiteAgent,
} from '../ledger/fleet.js';

interface SiteReport {
  siteId: string;
  accepted: number;
  acceptedMicroTokens: number;
  disputed: number;
  disputedMicroTokens: number;
  outsideLease: number;
  overRate: number;
  late: number;
}
interface Run {
  runId: string;
  sites: SiteReport[];
}
interface Balance {
  available: number;
  held: number;
  debt: number;
}

const TOPUP = 50_000_000;

/**
 * Issue 13, item 3, end to end: a site that got a 100,000 µT lease publishes, with its own MQTT
 * credentials and a correct hash chain, one burn of 10^15 µT and then three of 50,000 µT stamped ten
 * minutes after the lease expired. Each is disputed (held on the site's dispute account, acked), the
 * customer pays at most what the lease's slot could do in the claimed interval, an honest site in
 * the same run is paid exactly what it answered, and all balances sum to zero.
 */
describe.each(BACKENDS)('a site claiming more than its lease allows, on %s', (backend) => {
  let coord: CoordinatorProc;
  let honest: SiteAgent;
  let liar: SiteAgent;
  let drop: () => Promise<void> = async () => {};
  const customer = `verify-${backend}`;

  beforeAll(async () => {
    const db = await freshDatabase(backend);
    drop = db.drop;
    coord = await startCoordinatorProcess({
      ...db.settings,
      reconcile: { enabled: false, schedule: '* * * * * *' },
    });
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: TOPUP });
  }, 120_000);
  afterAll(async () => {
    await honest?.kill('SIGKILL');
    await liar?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await drop();
  });

  const reports = async (siteId: string): Promise<SiteReport[]> => {
    await coord.api('POST', '/api/v1/reconcile');
    const runs = await coord.api<{ items: Run[] }>('GET', '/api/v1/reconciliation/runs?limit=200');
    return runs.body.items.flatMap((r) => r.sites).filter((s) => s.siteId === siteId);
  };

  it('disputes the inflated and the after-expiry burns; the customer and the honest site are untouched by them', async () => {
    // The honest site serves first and is paid exactly what it answered.
    honest = await enrollSite(coord, 'honest site');
    await honest.start();
    await waitOnline(coord, honest.siteId);
    const burned: Burned = new Map();
    const first = await openSession(coord, customer, 1_000_000);
    await inferMany(first.session, 10, burned);
    await first.session.release();
    first.client.close();
    await eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        return ledgerBySeq(coord, honest.siteId);
      },
      (x) => sum(x.bySeq) === sum(burned),
      30_000,
      250,
    );
    await honest.kill();

    // The dishonest site gets a 100,000 µT lease, then lies with its own credentials and its own key
    // (its batches are signed: the signature proves who claims, not that the claim is true).
    liar = await enrollSite(coord, 'dishonest site');
    await liar.start();
    await waitOnline(coord, liar.siteId);
    const second = await openSession(coord, customer, 100_000);
    const lease = second.session.primary;
    expect(lease?.site_id).toBe(liar.siteId);
    await liar.kill();
    const now = Date.now();
    const base = {
      site_id: liar.siteId,
      lease_id: lease?.lease_id ?? '',
      accelerator_model: 'forged',
      accelerator_serial: 'forged',
      slot: 'gpu0',
    };
    const inflated = chainBurn(undefined, {
      ...base,
      started_at_ms: now - 1_000,
      ended_at_ms: now,
      micro_tokens: 10 ** 15,
    });
    const late: BurnRecordData[] = [];
    let prev = inflated;
    for (let i = 0; i < 3; i++) {
      const at = Number(lease?.expires_at_ms ?? 0) + 600_000 + i * 1_000;
      prev = chainBurn(prev, {
        ...base,
        started_at_ms: at,
        ended_at_ms: at + 500,
        micro_tokens: 50_000,
      });
      late.push(prev);
    }
    await publishAsSite(liar.dir, [inflated]);
    await publishAsSite(liar.dir, late);

    const mine = await eventually(
      () => reports(liar.siteId),
      (rs) => rs.reduce((a, r) => a + r.accepted, 0) >= 4,
      30_000,
      250,
    );
    const total = (k: keyof SiteReport): number => mine.reduce((a, r) => a + (r[k] as number), 0);
    expect(total('disputed')).toBe(4);
    expect(total('outsideLease')).toBe(3);
    expect(total('overRate')).toBe(1);
    expect(total('late')).toBe(0);
    // At most what one slot could do in the claimed second (a whole card at the site's multiplier), never the claim.
    const credited = total('acceptedMicroTokens');
    expect(credited).toBeLessThan(10_000);
    expect(total('disputedMicroTokens')).toBe(10 ** 15 + 150_000 - credited);
    const earned = await coord.api<{ microTokens: number }>(
      'GET',
      `/api/v1/sites/${liar.siteId}/earnings`,
    );
    expect(earned.body.microTokens).toBe(credited);

    await second.session.release();
    second.client.close();
    // The holds close after the settle window (the sweep is off here): what is still held counts as the customer's.
    const bal = await coord.api<Balance>('GET', `/api/v1/customers/${customer}/balance`);
    expect(bal.body.debt).toBe(0);
    expect(bal.body.available + bal.body.held).toBe(TOPUP - sum(burned) - credited);
    const honestEarned = await coord.api<{ microTokens: number }>(
      'GET',
      `/api/v1/sites/${honest.siteId}/earnings`,
    );
    expect(honestEarned.body.microTokens).toBe(sum(burned));
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
  }, 180_000);
});
