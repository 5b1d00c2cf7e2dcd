import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
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
