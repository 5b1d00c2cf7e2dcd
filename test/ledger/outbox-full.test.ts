import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const CAPACITY = 20;

interface SiteView {
  outboxDepth: number;
  hookErrors: { hook: string; code: string }[];
}

/**
 * With no acks (reconciliation off) a site's outbox fills: the agent reports OUTBOX_NEAR_FULL, then
 * OUTBOX_FULL, in its telemetry; it stops admitting new leases and refuses to bill more. One
 * reconciliation later the acks drain it, the alarm clears, leases are admitted again, and the
 * ledger holds exactly what was billed.
 */
describe('a full outbox stops admission end to end and raises an alarm', () => {
  let coord: CoordinatorProc;
  let site: SiteAgent;
  const burned: Burned = new Map();
  const codes = async () =>
    (await coord.api<SiteView>('GET', `/api/v1/sites/${site.siteId}`)).body.hookErrors.map(
      (e) => e.code,
    );

  beforeAll(async () => {
    coord = await startCoordinatorProcess({
      reconcile: { enabled: false, schedule: '* * * * * *' },
    });
    site = await enrollSite(coord, 'full outbox', { outboxCapacity: CAPACITY });
    await site.start();
    await waitOnline(coord, site.siteId);
    await coord.api('POST', '/api/v1/customers/full-cust/topup', { microTokens: 50_000_000 });
  }, 120_000);
  afterAll(async () => {
    await site?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
  });

  it('alarms near full, refuses leases when full, recovers after the acks', async () => {
    const first = await openSession(coord, 'full-cust', 5_000_000);
    try {
      await inferMany(first.session, CAPACITY - 3, burned, 1);
      await eventually(codes, (c) => c.includes('OUTBOX_NEAR_FULL'), 20_000);
      await inferMany(first.session, 3, burned, 1);
      await eventually(codes, (c) => c.includes('OUTBOX_FULL'), 20_000);
      // Billing more is refused, not lost: the request fails and nothing is answered with a seq.
      await expect(
        first.session.infer('one more', { maxOutputTokens: 4, timeoutMs: 3000 }),
      ).rejects.toThrow();
    } finally {
      first.client.close();
    }
    await expect(openSession(coord, 'full-cust', 1_000_000)).rejects.toThrow();

    await eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        return coord.api<SiteView>('GET', `/api/v1/sites/${site.siteId}`);
      },
      (r) => r.body.outboxDepth === 0 && r.body.hookErrors.length === 0,
      30_000,
      300,
    );
    const again = await openSession(coord, 'full-cust', 1_000_000);
    try {
      await inferMany(again.session, 1, burned, 1);
    } finally {
      again.client.close();
    }
    const l = await eventually(
      async () => {
        await coord.api('POST', '/api/v1/reconcile');
        return ledgerBySeq(coord, site.siteId);
      },
      (x) => sum(x.bySeq) === sum(burned),
      30_000,
      300,
    );
    expect(l.doubles).toEqual([]);
    expect(sorted(l.bySeq)).toEqual(sorted(burned));
  }, 180_000);
});
