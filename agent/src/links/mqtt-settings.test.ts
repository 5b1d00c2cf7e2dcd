import { describe, expect, it } from 'vitest';
import { agentConfigSchema } from '../config.js';
import { mqttLinkSettings } from './mqtt-settings.js';

describe('mqttLinkSettings', () => {
  it('takes the session settings from the agent configuration, with its defaults', () => {
    const cfg = agentConfigSchema.parse({
      siteId: 'site-a',
      secret: 'x'.repeat(16),
      coordinator: { grpc: 'h:1' },
      mqtt: { url: 'mqtt://h' },
    });
    expect(mqttLinkSettings(cfg)).toEqual({
      url: 'mqtt://h',
      siteId: 'site-a',
      secret: 'x'.repeat(16),
      keepaliveS: 5,
      connectTimeoutMs: 30_000,
      reconnectBaseMs: 250,
      reconnectMaxMs: 15_000,
    });
  });
});
