import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import { coordinatorConfigSchema } from '../config.js';
import { openTestDb, type TestDb } from '../db/db.test-support.js';
import { FleetRegistry } from '../fleet/registry.js';
import { SiteKeyBook } from '../fleet/site-keys.js';
import { createLedger, type SqlLedger } from '../ledger/ledger.js';
import { openLease, TestChain, type TestLease } from '../ledger/ledger.test-support.js';
import { createCoordinatorMetrics } from '../metrics.js';
import { ShutdownSteps } from '../shutdown.js';
import type { MessageBus } from '../transport/bus.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../transport/embedded-broker.js';
import { startBurnPath } from './burn-path.js';

const log = createLogger('test', 'silent');
type Ack = { siteId: string; ackedSeq: number; resendFrom: number; runId: string };

describe('startBurnPath (embedded broker, PGlite ledger)', () => {
  let t: TestDb;
  let ledger: SqlLedger;
  beforeAll(async () => {
    t = await openTestDb('pglite');
    ledger = await createLedger(t.db, { closeDb: false });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /**
   * The burn path over its own broker, with a lease on an enrolled site. The bus is the broker's,
   * plus the connection-change hook an external broker has (`flap` takes it down and up again).
   */
  async function start(settings: Record<string, unknown>) {
    const config = coordinatorConfigSchema.parse({ dataDir: '/tmp/unused', ...settings });
    const broker: EmbeddedBroker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      auth: { verify: () => false },
      metrics: createCoordinatorMetrics(),
      log,
    });
    const shutdown = new ShutdownSteps(log);
    cleanup.push(() => broker.close());
    cleanup.push(() => shutdown.close());
    let connectionChange: ((up: boolean) => void) | undefined;
    const bus: MessageBus = {
      ...broker.bus,
      kind: 'external',
      onConnectionChange: (fn) => (connectionChange = fn),
    };
    const acks: Ack[] = [];
    await broker.bus.subscribe('edgefleet/v1/site/+/ack', (_topic, payload) => {
      const a = pb.BurnAck.decode(payload);
      acks.push({
        siteId: a.site_id,
        ackedSeq: Number(a.acked_seq),
        resendFrom: Number(a.resend_from),
        runId: a.run_id,
      });
    });
    const registry = new FleetRegistry({
      telemetryStaleMs: 5000,
      offlineAfterMs: 15_000,
      autonomyWindowMs: 10_000,
    });
    // Opened before the burn path starts: its scheduled run sweeps expired holds, and this lease's
    // hold expires at T0 + 10 min (in the past), so a run between placeHold and registerLease
    // failed the setup with HoldClosedError (seen once in a full run).
    const lease: TestLease = await openLease(ledger, { topUp: 1_000_000, hold: 100_000 });
    const refused: string[] = [];
    const reconciler = await startBurnPath(config, {
      bus,
      registry,
      ledger,
      metrics: createCoordinatorMetrics(),
      log,
      siteKeys: new SiteKeyBook(t.db, { graceMs: 0 }),
      noc: {
        noteRefusedBatch: (siteId, reason, records) =>
          refused.push(`${siteId}: ${reason} (${records})`),
        noteBadMessage: () => undefined,
      },
      shutdown,
    });
    registry.upsertEnrolled({ siteId: lease.siteId });
    const chain = new TestChain(lease.siteId);
    const publishBurns = (amounts: number[]) =>
      bus.publish(
        siteTopic(lease.siteId, 'burns'),
        encodePayload(
          pb.BurnBatch,
          new pb.BurnBatch({ site_id: lease.siteId, records: chain.many(lease.leaseId, amounts) }),
        ),
        { qos: 1 },
      );
    const flap = () => {
      connectionChange?.(false);
      connectionChange?.(true);
    };
    return { acks, refused, reconciler, lease, publishBurns, flap, shutdown };
  }

  it('reconcile.enabled: staged burns are reconciled on the schedule and acked, unasked; at shutdown the schedule stops', async () => {
    const { acks, lease, publishBurns, shutdown } = await start({
      reconcile: { enabled: true, fastPath: false, schedule: '* * * * * *' },
      siteKeys: { signedBurns: 'accept-unsigned' },
    });
    await publishBurns([10, 20, 30]);
    await vi.waitFor(() => expect(acks.some((a) => a.ackedSeq === 3)).toBe(true), {
      timeout: 15_000,
    });
    expect(acks.every((a) => a.siteId === lease.siteId)).toBe(true);

    await shutdown.close();
    await publishBurns([40]);
    await new Promise((r) => setTimeout(r, 2_500)); // two scheduled runs, had it kept running
    expect(acks.some((a) => a.ackedSeq === 4)).toBe(false);
  }, 60_000);

  it('reconcile off: nothing is posted at ingest or on a schedule until asked (runNow)', async () => {
    const { acks, reconciler, publishBurns } = await start({
      reconcile: { enabled: false, schedule: '* * * * * *' },
      siteKeys: { signedBurns: 'accept-unsigned' },
    });
    await publishBurns([10, 20]);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(acks).toEqual([]);
    await reconciler.runNow();
    await vi.waitFor(() => expect(acks.map((a) => a.ackedSeq)).toContain(2));
  }, 60_000);

  it('signed burns required: an unsigned batch is refused and reported to the NOC, never acked', async () => {
    const { acks, refused, lease, publishBurns } = await start({
      reconcile: { enabled: true, fastPath: true, schedule: '0 0 1 1 *' },
    });
    await publishBurns([10]);
    await vi.waitFor(() => expect(refused).toEqual([`${lease.siteId}: unsigned (1)`]));
    expect(acks).toEqual([]);
  }, 60_000);

  it('fast path: an in-order batch is acked at ingest; after the broker connection comes back every site is asked to resend', async () => {
    const { acks, lease, publishBurns, flap } = await start({
      reconcile: { enabled: true, fastPath: true, schedule: '0 0 1 1 *' },
      siteKeys: { signedBurns: 'accept-unsigned' },
    });
    await publishBurns([10, 20]);
    await vi.waitFor(() => expect(acks.map((a) => a.ackedSeq)).toEqual([2]));
    flap();
    await vi.waitFor(() =>
      expect(acks.at(-1)).toEqual({
        siteId: lease.siteId,
        ackedSeq: 2,
        resendFrom: 3,
        runId: 'reconnect',
      }),
    );
  }, 60_000);
});
