import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator } from '../coordinator.js';
import { AlertWebhook } from './alert-webhook.js';
import { alertWebhookFrom } from './noc-from-config.js';

const log = createLogger('test', 'silent');

describe('alertWebhookFrom', () => {
  it('is absent without alerts.webhookUrl, and a webhook to that URL with it', () => {
    const without = coordinatorConfigSchema.parse({ dataDir: '/tmp/unused' });
    expect(alertWebhookFrom(without.alerts, log)).toBeUndefined();
    const withUrl = coordinatorConfigSchema.parse({
      dataDir: '/tmp/unused',
      alerts: { webhookUrl: 'http://127.0.0.1:9/hook' },
    });
    expect(alertWebhookFrom(withUrl.alerts, log)).toBeInstanceOf(AlertWebhook);
  });
});

describe('nocFromConfig: noc.computeSloMs', () => {
  it('is the SLO the fleet views judge by and GET /api/v1/fleet/history reports', async () => {
    const token = 'viewer-token-0123456789abcdef';
    const c = await startCoordinator(
      coordinatorConfigSchema.parse({
        dataDir: mkdtempSync(join(tmpdir(), 'ef-noc-slo-')),
        http: { port: 0 },
        grpc: { port: 0 },
        mqtt: { port: 0 },
        reconcile: { enabled: false },
        auth: { tokens: [{ token, role: 'viewer' }] },
        noc: { computeSloMs: 120 },
      }),
      { log: createLogger('test', 'error') },
    );
    try {
      expect(c.noc.fleet.sloMs).toBe(120);
      const res = await fetch(`${c.httpUrl}/api/v1/fleet/history?by=region`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { sloMs: number }).sloMs).toBe(120);
    } finally {
      await c.close();
    }
  }, 60_000);
});
