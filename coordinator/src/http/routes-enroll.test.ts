import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import { SiteStore } from '../fleet/site-store.js';

describe('POST /api/v1/sites/{id}/grpc-tls (real coordinator)', () => {
  let c: Coordinator;
  beforeAll(async () => {
    const config = coordinatorConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), 'ef-enroll-')),
      http: { port: 0 },
      grpc: { port: 0, tls: { mode: 'tls' } },
      mqtt: { port: 0 },
      reconcile: { enabled: false },
    });
    c = await startCoordinator(config, { log: createLogger('test', 'error') });
  }, 30_000);
  afterAll(async () => {
    await c?.close();
  });

  const renew = async (siteId: string, secret: string) => {
    const res = await fetch(`${c.httpUrl}/api/v1/sites/${siteId}/grpc-tls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { mode?: string; caPem?: string; error?: { code: string } },
    };
  };

  it('in tls mode a malformed site key is refused before the enrollment code is spent', async () => {
    const [code] = await c.sites.issueCodes(1, 60_000, 'test');
    const enroll = async (extra: Record<string, unknown>) => {
      const res = await fetch(`${c.httpUrl}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code?.code, name: 'tls-key', lat: 50, lon: 8, ...extra }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { siteId?: string; error?: { code: string } },
      };
    };
    const bad = await enroll({
      tlsPublicKeyPem: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INVALID_TLS_PUBLIC_KEY');
    // The code still works, and no site was recorded by the refused attempt.
    const ok = await enroll({});
    expect(ok.status).toBe(201);
    expect(c.registry.size).toBe(1);
  });

  it('accepts the secret of a site enrolled through another replica since this one started', async () => {
    // Another replica's view of the same database: the site is recorded there, not in this replica's cache.
    const other = new SiteStore(c.db);
    const [code] = await other.issueCodes(1, 60_000, 'test');
    const { site, secret } = await other.enroll({
      code: code?.code ?? '',
      name: 'elsewhere',
      region: 'eu',
      lat: 50,
      lon: 8,
      tariff: [],
    });
    expect(c.sites.verify(site.siteId, secret)).toBe(false);

    const ok = await renew(site.siteId, secret);
    expect(ok.status).toBe(200);
    expect(ok.body.mode).toBe('tls');
    expect(ok.body.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    // A wrong secret for that site, or any secret for an unknown one, still gets nothing.
    expect((await renew(site.siteId, 'x'.repeat(43))).body.error?.code).toBe('UNAUTHENTICATED');
    expect((await renew('no-such-site', secret)).body.error?.code).toBe('UNAUTHENTICATED');
  });
});
