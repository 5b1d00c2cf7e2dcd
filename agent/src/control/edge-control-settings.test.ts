import { describe, expect, it } from 'vitest';
import { agentConfigSchema } from '../config.js';
import { edgeControlSettings } from './edge-control-settings.js';

/** Any PEM will do: the credentials are only built here, never dialled with. */
const CA_PEM = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
const base = {
  siteId: 'site-a',
  secret: 'x'.repeat(16),
  mqtt: { url: 'mqtt://h' },
};

describe('edgeControlSettings', () => {
  it('streams to every configured replica once, in plaintext without coordinator TLS, with the default backoff and no offer delay', () => {
    const cfg = agentConfigSchema.parse({
      ...base,
      coordinator: { grpc: 'a:1', endpoints: ['a:1', 'b:2', 'a:1'] },
    });
    const s = edgeControlSettings(cfg);
    expect(s.targets).toEqual(['a:1', 'b:2']);
    expect(s.backoff).toEqual({ baseMs: 250, maxMs: 15_000 });
    expect(s.offerReplyDelayMs).toBe(0);
    expect(s.credentials._isSecure()).toBe(false);
  });

  it('falls back to coordinator.grpc, pins the CA with coordinator TLS, and takes the configured backoff and fault delay', () => {
    const cfg = agentConfigSchema.parse({
      ...base,
      coordinator: { grpc: 'c:3', tls: { mode: 'tls', caPem: CA_PEM } },
      reconnect: { baseMs: 10, maxMs: 20 },
      faults: { offerReplyDelayMs: 70 },
    });
    const s = edgeControlSettings(cfg);
    expect(s.targets).toEqual(['c:3']);
    expect(s.credentials._isSecure()).toBe(true);
    expect(s.backoff).toEqual({ baseMs: 10, maxMs: 20 });
    expect(s.offerReplyDelayMs).toBe(70);
  });
});
