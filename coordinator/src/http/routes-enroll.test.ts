import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from '../config.js';
import { startCoordinator, type Coordinator } from '../coordinator.js';
import { SiteStore } from '../fleet/site-store.js';
import { SiteKeyBook } from '../fleet/site-keys.js';
import { signBurnBatch } from '@edgefleet/proto';

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

describe('site burn-signing keys over HTTP (real coordinator)', () => {
  let c: Coordinator;
  beforeAll(async () => {
    const config = coordinatorConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), 'ef-site-key-')),
      http: { port: 0 },
      grpc: { port: 0 },
      mqtt: { port: 0 },
      reconcile: { enabled: false },
    });
    c = await startCoordinator(config, { log: createLogger('test', 'error') });
  }, 180_000);
  afterAll(async () => {
    await c?.close();
  });

  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await fetch(`${c.httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        siteId?: string;
        secret?: string;
        previousKeyValidUntilMs?: number;
        error?: { code: string };
      },
    };
  };
  const ed25519 = () => {
    const k = generateKeyPairSync('ed25519');
    return {
      key: k.privateKey,
      pem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  };
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

  it('enrollment refuses a publicKeyPem that is not Ed25519 before the code is spent', async () => {
    const [code] = await c.sites.issueCodes(1, 60_000, 'test');
    const enroll = (publicKeyPem: string) =>
      post('/api/v1/enroll', { code: code?.code, name: 'keyed', lat: 50, lon: 8, publicKeyPem });
    const bad = await enroll(p256);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('INVALID_SITE_PUBLIC_KEY');
    expect((await enroll(ed25519().pem)).status).toBe(201);
  });

  it('rotates with the site secret only, to an Ed25519 key; the old key verifies for the grace window', async () => {
    const first = ed25519();
    const [code] = await c.sites.issueCodes(1, 60_000, 'test');
    const e = await post('/api/v1/enroll', {
      code: code?.code,
      name: 'rotating',
      lat: 50,
      lon: 8,
      publicKeyPem: first.pem,
    });
    const siteId = e.body.siteId ?? '';
    const secret = e.body.secret ?? '';
    const next = ed25519();
    const path = `/api/v1/sites/${siteId}/site-key`;
    const wrong = await post(path, { secret: 'x'.repeat(32), publicKeyPem: next.pem });
    expect([wrong.status, wrong.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const badKey = await post(path, { secret, publicKeyPem: p256 });
    expect([badKey.status, badKey.body.error?.code]).toEqual([400, 'INVALID_SITE_PUBLIC_KEY']);
    const before = Date.now();
    const ok = await post(path, { secret, publicKeyPem: next.pem });
    expect(ok.status).toBe(200);
    expect(ok.body.siteId).toBe(siteId);
    expect(ok.body.previousKeyValidUntilMs).toBeGreaterThanOrEqual(before + 86_400_000);

    const book = new SiteKeyBook(c.db, { graceMs: 0 });
    const batch = { site_id: siteId, records: [{ seq: 1, hash: 'a'.repeat(64) }] };
    const signed = (k: KeyObject) => ({ ...batch, signature: signBurnBatch(k, batch) });
    expect(await book.verify(siteId, signed(next.key))).toEqual({ ok: true, signedBy: 'current' });
    expect(await book.verify(siteId, signed(first.key))).toEqual({
      ok: true,
      signedBy: 'previous',
    });
  });
});
