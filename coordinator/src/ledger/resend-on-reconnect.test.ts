import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { pb } from '@edgefleet/proto';
import { openTestDb, type TestDb } from '../db/db.test-support.js';
import { createCoordinatorMetrics } from '../metrics.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../transport/embedded-broker.js';
import { createLedger, type SqlLedger } from './ledger.js';
import { ResendOnReconnect } from './resend-on-reconnect.js';
import { openLease, TestChain } from './ledger.test-support.js';

describe('ResendOnReconnect (embedded broker, PGlite ledger)', () => {
  let t: TestDb;
  let ledger: SqlLedger;
  let broker: EmbeddedBroker;
  const acks: { siteId: string; ackedSeq: number; resendFrom: number; runId: string }[] = [];
  beforeAll(async () => {
    t = await openTestDb('pglite');
    ledger = await createLedger(t.db, { closeDb: false });
    broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      auth: { verify: () => false },
      metrics: createCoordinatorMetrics(),
      log: createLogger('test', 'error'),
    });
    await broker.bus.subscribe('edgefleet/v1/site/+/ack', (_topic, payload) => {
      const a = pb.BurnAck.decode(payload);
      acks.push({
        siteId: a.site_id,
        ackedSeq: Number(a.acked_seq),
        resendFrom: Number(a.resend_from),
        runId: a.run_id,
      });
    });
  });
  afterAll(async () => {
    await broker?.close();
    await t?.dispose();
  });

  it('asks every site to resend from its reconciled head only when the broker comes back after being down', async () => {
    const l = await openLease(ledger, { topUp: 1_000_000, hold: 100_000 });
    const chain = new TestChain(l.siteId);
    await ledger.stageBurns(l.siteId, chain.many(l.leaseId, [1, 2, 3]));
    await ledger.reconcile(Date.now());
    const policy = new ResendOnReconnect({
      bus: broker.bus,
      ledger,
      siteIds: () => [l.siteId, 'never-burned'],
      log: createLogger('test', 'error'),
    });

    await policy.connectionChanged(true); // up without a prior down: nothing to recover
    expect(acks).toEqual([]);
    await policy.connectionChanged(false);
    await policy.connectionChanged(true);
    await vi.waitFor(() => expect(acks).toHaveLength(2));
    expect(acks).toEqual([
      { siteId: l.siteId, ackedSeq: 3, resendFrom: 4, runId: 'reconnect' },
      { siteId: 'never-burned', ackedSeq: 0, resendFrom: 1, runId: 'reconnect' },
    ]);
    await policy.connectionChanged(true); // once per outage
    expect(acks).toHaveLength(2);
  });
});
