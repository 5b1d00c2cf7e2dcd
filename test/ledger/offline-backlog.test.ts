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
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';

const BACKLOG = Number(process.env['BACKLOG'] ?? 2_500);

/**
 * The MQTT broker goes away for the whole time a site bills thousands of requests (its EdgeControl
 * stream and the leases stay up): the backlog piles up in the agent's outbox. When the broker is back,
 * the agent replays it in several batches, and the ledger ends with exactly what the agent answered.
 */
describe('an agent offline on MQTT for a long time replays its backlog', () => {
  let broker: MosquittoProc;
  let coord: CoordinatorProc;
  let site: SiteAgent;
  const burned: Burned = new Map();

  beforeAll(async () => {
    broker = await startMosquitto({ conf: ['max_queued_messages 100000'] });
    coord = await startCoordinatorProcess({
      mqtt: { url: broker.url, sharedGroup: '' },
      reconcile: { enabled: true, schedule: '* * * * * *' },
    });
    site = await enrollSite(coord, 'backlog site', { burnBatchMax: 400 });
    await site.start();
    await waitOnline(coord, site.siteId);
    await coord.api('POST', '/api/v1/customers/backlog-cust/topup', { microTokens: 500_000_000 });
  }, 120_000);
  afterAll(async () => {
    await site?.kill('SIGKILL');
    await coord?.proc.kill('SIGKILL');
    await broker?.stop();
  });

  it(`bills ${BACKLOG} requests with the broker down, then converges in several batches`, async () => {
    const { client, session } = await openSession(coord, 'backlog-cust', 100_000_000);
    try {
      await inferMany(session, 20, burned);
      await eventually(
        () => ledgerBySeq(coord, site.siteId),
        (l) => sum(l.bySeq) === sum(burned),
        30_000,
      );

      await broker.stop('SIGKILL');
      await inferMany(session, BACKLOG, burned, 4);
      // Nothing of the backlog can have reached the ledger.
      await coord.api('POST', '/api/v1/reconcile');
      expect((await ledgerBySeq(coord, site.siteId)).bySeq.size).toBe(20);
    } finally {
      client.close();
    }
    await broker.start();
    const l = await eventually(
      () => ledgerBySeq(coord, site.siteId),
      (x) => sum(x.bySeq) === sum(burned),
      180_000,
      500,
    ).catch(async (e: unknown) => {
      console.error(
        `posted ${(await ledgerBySeq(coord, site.siteId)).bySeq.size} of ${burned.size}\n${coord.proc.output().slice(-3000)}\n${site.proc?.output().slice(-3000) ?? ''}`,
      );
      throw e;
    });
    expect(l.doubles).toEqual([]);
    expect(sorted(l.bySeq)).toEqual(sorted(burned));
    const runs = await coord.api<{ items: { sites: { siteId: string; accepted: number }[] }[] }>(
      'GET',
      '/api/v1/reconciliation/runs?limit=200',
    );
    const posts = runs.body.items
      .flatMap((r) => r.sites)
      .filter((s) => s.siteId === site.siteId && s.accepted > 0);
    expect(posts.reduce((a, s) => a + s.accepted, 0)).toBe(BACKLOG + 20);
    expect(
      (await coord.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
    await eventually(
      () => coord.api<{ outboxDepth: number }>('GET', `/api/v1/sites/${site.siteId}`),
      (r) => r.body.outboxDepth === 0,
      60_000,
    );
  }, 400_000);
});
