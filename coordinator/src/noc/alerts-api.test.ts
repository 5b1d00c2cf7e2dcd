import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import { takeSiteOffline } from './offline-site.test-support.js';
import type { AlertEvent } from './alert-webhook.js';
import type { Alert } from './alerts.js';

const VIEWER = 'alerts-viewer-token-0123456789';
const OPERATOR = 'alerts-operator-token-0123456789';

/**
 * Alerts end to end through a real coordinator: raised from the registry, stored (migration 107),
 * listed and acknowledged over REST, delivered to a real webhook receiver on an ephemeral port that
 * fails its first delivery (so the retry is exercised too).
 */
describe('NOC alerts over REST and webhook (real coordinator, real receiver)', () => {
  let c: Coordinator;
  let hook: Server;
  const got: AlertEvent[] = [];
  let replies = 0;

  const call = async (method: string, path: string, token: string) => {
    const res = await fetch(c.httpUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const until = async <T>(what: string, fn: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await fn();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (b: Buffer) => chunks.push(b));
      req.on('end', () => {
        res.statusCode = replies++ === 0 ? 502 : 204; // the first delivery fails
        if (res.statusCode === 204)
          got.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertEvent);
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    c = await startCoordinator(
      coordinatorConfigSchema.parse({
        dataDir: mkdtempSync(join(tmpdir(), 'ef-alerts-api-')),
        http: { port: 0 },
        grpc: { port: 0 },
        mqtt: { port: 0 },
        reconcile: { enabled: false },
        auth: {
          tokens: [
            { token: VIEWER, role: 'viewer', name: 'wall' },
            { token: OPERATOR, role: 'operator', name: 'olga' },
          ],
        },
        alerts: {
          webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/noc`,
          webhookBackoffMs: 20,
        },
      }),
      { log: createLogger('alerts-api-test', 'silent') },
    );
  }, 120_000);

  afterAll(async () => {
    await c?.close();
    await new Promise((r) => hook?.close(r));
  });

  it('raises, lists, acknowledges (operator only) and notifies', async () => {
    takeSiteOffline(c.registry, 'site-x');

    const listed = await until('the offline alert', async () => {
      const r = await call('GET', '/api/v1/alerts?siteId=site-x', VIEWER);
      const items = r.body['items'] as Alert[];
      return items.find((a) => a.id === 'site_offline:site-x');
    });
    expect(listed).toMatchObject({ severity: 'critical', ackedAtMs: null, ackedBy: null });

    expect((await call('POST', '/api/v1/alerts/site_offline:site-x/ack', VIEWER)).status).toBe(403);
    const acked = await call('POST', '/api/v1/alerts/site_offline:site-x/ack', OPERATOR);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ id: 'site_offline:site-x', ackedBy: 'olga' });
    expect((await call('POST', '/api/v1/alerts/site_offline:nope/ack', OPERATOR)).status).toBe(404);

    const again = await call('GET', '/api/v1/alerts?siteId=site-x', VIEWER);
    expect((again.body['items'] as Alert[])[0]).toMatchObject({ ackedBy: 'olga' });

    await until('both webhook events', () => Promise.resolve(got.length >= 2 ? got : undefined));
    expect(got.map((e) => [e.event, e.alert.id])).toEqual([
      ['alert.raised', 'site_offline:site-x'],
      ['alert.acked', 'site_offline:site-x'],
    ]);
    expect(replies).toBe(3); // one failed attempt, retried, then the ack
  }, 30_000);
});
