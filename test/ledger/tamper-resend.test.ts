import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAsSite } from '../support/publish-as-site.js';
import {
  enrollSite,
  eventually,
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

interface SiteReport {
  siteId: string;
  accepted: number;
  duplicate: number;
  gap: number;
  tampered: number;
  resendFrom: number;
}
interface Run {
  runId: string;
  sites: SiteReport[];
}

/**
 * A forged record published with the site's credentials, beyond the chain head (a gap) and again
 * (a duplicate): the coordinator asks for a resend from the head, the agent's real records then
 * clash with the forged one (counted tampered, never accepted), the forged record fails chain
 * verification, the agent resends on request, the resend supersedes it, and the ledger converges
 * to exactly what the agent answered its clients.
 */
describe("forged, duplicate and gap records from a raw MQTT client with the site's credentials", () => {
  let coord: CoordinatorProc;
  let site: SiteAgent;
  const burned: Burned = new Map();
  const customer = 'tamper-cust';

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      reconcile: { enabled: false, schedule: '* * * * * *' },
    });
    site = await enrollSite(coord, 'tamper site');
    await site.start();
    await waitOnline(coord, site.siteId);
    await coord.api('POST', `/api/v1/customers/${customer}/topup`, { microTokens: 50_000_000 });
  }, 120_000);
  afterAll(async () => {
    await site?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
  });

  const reconcile = async (): Promise<SiteReport | undefined> =>
    (await coord.api<Run>('POST', '/api/v1/reconcile')).body.sites.find(
      (s) => s.siteId === site.siteId,
    );
  const totals = async () => {
    const runs = await coord.api<{ items: Run[] }>('GET', '/api/v1/reconciliation/runs?limit=200');
    const mine = runs.body.items.flatMap((r) => r.sites).filter((s) => s.siteId === site.siteId);
    return {
      tampered: mine.reduce((a, s) => a + s.tampered, 0),
      duplicate: mine.reduce((a, s) => a + s.duplicate, 0),
    };
  };
  const converge = () =>
    eventually(
      async () => {
        await reconcile();
        return ledgerBySeq(coord, site.siteId);
      },
      (x) => sum(x.bySeq) === sum(burned),
      60_000,
      300,
    );

  it('detects the gap and the forgery, has the agent resend, and converges without a forged µT', async () => {
    const { client, session } = await openSession(coord, customer, 20_000_000);
    try {
      await inferMany(session, 20, burned);
      await converge();

      // The agent steps away (the broker allows one connection per site id); the forger, who holds the
      // site's credentials and its key (a compromised site), publishes seq 22 twice, signed.
      await site.kill();
      const forged = {
        site_id: site.siteId,
        seq: 22,
        lease_id: session.primary?.lease_id ?? '',
        accelerator_model: 'forged',
        accelerator_serial: 'forged',
        slot: 'gpu0',
        started_at_ms: Date.now() - 1_000,
        ended_at_ms: Date.now(),
        micro_tokens: 987_654,
        prev_hash: 'a'.repeat(64),
        hash: 'b'.repeat(64),
      };
      await publishAsSite(site.dir, [forged]);
      await publishAsSite(site.dir, [forged]);
      const gap = await eventually(reconcile, (r) => (r?.gap ?? 0) > 0, 20_000, 200);
      expect(gap).toMatchObject({ gap: 1, resendFrom: 21, accepted: 0 });
    } finally {
      client.close();
    }
    // The agent comes back (a new inference endpoint: a new lease) and bills 10 more: seq 21..30.
    await site.start();
    await waitOnline(coord, site.siteId);
    const again = await openSession(coord, customer, 20_000_000);
    try {
      await inferMany(again.session, 10, burned);
    } finally {
      again.client.close();
    }
    const l = await converge();
    expect(l.doubles).toEqual([]);
    expect(sorted(l.bySeq)).toEqual(sorted(burned));
    expect([...l.bySeq.values()]).not.toContain(987_654);
    const t = await totals();
    expect(t.tampered).toBeGreaterThanOrEqual(1);
    expect(t.duplicate).toBeGreaterThanOrEqual(1);
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
    await eventually(
      () => coord.api<{ outboxDepth: number }>('GET', `/api/v1/sites/${site.siteId}`),
      (r) => r.body.outboxDepth === 0,
      30_000,
    );
  }, 180_000);
});
