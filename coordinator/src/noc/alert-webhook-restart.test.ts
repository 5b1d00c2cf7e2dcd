import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import { takeSiteOffline } from './offline-site.test-support.js';
import type { AlertEvent } from './alert-event.js';

/**
 * A NOC alert raised while the webhook's receiver is down, and the coordinator restarted before it
 * comes back: the event waits in the outbox (migration 116) in the coordinator's own data directory
 * and reaches the receiver after the restart. Before the outbox it was lost with the process.
 */
describe('alert webhook across a coordinator restart (real coordinator, real receiver)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ef-alert-restart-'));
  let c: Coordinator | undefined;
  let hook: Server | undefined;
  afterAll(async () => {
    await c?.close();
    await new Promise((r) => (hook ? hook.close(r) : r(undefined)));
  });

  const start = (port: number) =>
    startCoordinator(
      coordinatorConfigSchema.parse({
        dataDir,
        http: { port: 0 },
        grpc: { port: 0 },
        mqtt: { port: 0 },
        reconcile: { enabled: false },
        alerts: {
          webhookUrl: `http://127.0.0.1:${port}/noc`,
          webhookBackoffMs: 20,
          webhookMaxBackoffMs: 100,
          webhookMaxAttempts: 1_000,
        },
      }),
      { log: createLogger('alert-restart-test', 'silent') },
    );

  it('delivers after the restart what the receiver could not take before it', async () => {
    // A port that was free a moment ago: nothing listens there until the receiver starts below.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));

    c = await start(port);
    const first = c;
    takeSiteOffline(first.registry, 'site-x');
    const queued = await vi.waitFor(
      async () => {
        const rows = await first.db.query<{ body: string; attempts: number }>(
          'SELECT body, attempts FROM noc_alert_outbox ORDER BY seq',
        );
        expect(rows[0]?.attempts).toBeGreaterThan(0); // tried, refused
        return rows.map((r) => JSON.parse(r.body) as AlertEvent);
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(queued[0]).toMatchObject({
      event: 'alert.raised',
      alert: { id: 'site_offline:site-x' },
    });
    await first.close();
    c = undefined;

    const got: AlertEvent[] = [];
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (b: Buffer) => chunks.push(b));
      req.on('end', () => {
        got.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertEvent);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => hook?.listen(port, '127.0.0.1', r));

    c = await start(port);
    await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(queued.length), {
      timeout: 20_000,
      interval: 50,
    });
    expect(got.slice(0, queued.length).map((e) => e.eventId)).toEqual(queued.map((e) => e.eventId));
    const second = c;
    await vi.waitFor(
      async () => {
        const left = await second.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM noc_alert_outbox',
        );
        expect(left[0]?.n).toBe(0); // removed once delivered
      },
      { timeout: 10_000, interval: 50 },
    );
  }, 120_000);
});
