import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { openTestDb, type TestDb } from '../db/db.test-support.js';
import { FleetRegistry } from '../fleet/registry.js';
import { EnrollmentCodeInvalidError, SiteStore } from '../fleet/site-store.js';
import { SiteKeyBook } from '../fleet/site-keys.js';
import {
  createCa,
  issueSiteCertificate,
  loadSigner,
  type SiteCertificateIssuer,
} from '../pki/certificates.js';
import { TlsPublicKeyRequiredError } from '../pki/errors.js';
import { SiteEnrollment, type EnrollmentEndpoints } from './enrollment.js';
import { SiteCredentialsRejectedError, SiteLimitReachedError } from './errors.js';

const log = createLogger('test', 'error');
const p256 = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
const site = (code: string, name: string) => ({
  code,
  name,
  region: 'eu',
  lat: 50,
  lon: 8,
  tariff: [],
});

describe('SiteEnrollment (PGlite site store, a real CA)', () => {
  let t: TestDb;
  let sites: SiteStore;
  let ca: { certPem: string; issuer: SiteCertificateIssuer };
  const registry = new FleetRegistry({
    telemetryStaleMs: 5000,
    offlineAfterMs: 15_000,
    autonomyWindowMs: 10_000,
  });
  const published: string[] = [];
  let endpoints: EnrollmentEndpoints;
  const enrollment = (maxSites = 100) =>
    new SiteEnrollment({
      sites,
      siteKeys: new SiteKeyBook(t.db, { graceMs: 60_000 }),
      registry,
      log,
      maxSites,
      publishConfig: (id) => published.push(id),
      endpoints: () => endpoints,
    });
  const code = async () => (await sites.issueCodes(1, 60_000, 'test'))[0]?.code ?? '';

  beforeAll(async () => {
    t = await openTestDb('pglite');
    sites = new SiteStore(t.db);
    const own = await createCa('enrollment test CA');
    const signer = await loadSigner(own.certPem, own.keyPem, 'test', 'ca.key');
    ca = {
      certPem: own.certPem,
      issuer: {
        mode: 'mtls',
        caPem: own.certPem,
        issuesSiteCertificates: true,
        issueSiteCertificate: (siteId, publicKeyPem, inferenceHosts) =>
          issueSiteCertificate(signer, {
            siteId,
            publicKeyPem,
            inferenceHosts: inferenceHosts ?? [],
            days: 7,
          }),
      },
    };
    endpoints = {
      mqttUrl: 'mqtt://coord:1883',
      grpcEndpoint: 'coord:7443',
      signingKeys: [{ kid: 'k1', public_key_pem: 'pem' }],
    };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('spends the code, records and registers the site, publishes its config, and says where to connect', async () => {
    const r = await enrollment().enroll(site(await code(), 'plain'));
    expect(r).toMatchObject({
      mqttUrl: 'mqtt://coord:1883',
      grpcEndpoint: 'coord:7443',
      signingKeys: [{ kid: 'k1' }],
      tls: { mode: 'off' },
    });
    expect(sites.verify(r.site.siteId, r.secret)).toBe(true);
    expect(registry.get(r.site.siteId)?.name).toBe('plain');
    expect(published).toEqual([r.site.siteId]);
  });

  it('in mtls refuses a missing key before the code is spent, then issues the certificate for the key', async () => {
    endpoints = { ...endpoints, tls: ca.issuer };
    const c = await code();
    const e = enrollment();
    const before = registry.size;
    await expect(e.enroll(site(c, 'no-key'))).rejects.toBeInstanceOf(TlsPublicKeyRequiredError);
    expect(registry.size).toBe(before);
    const r = await e.enroll({
      ...site(c, 'with-key'),
      tlsPublicKeyPem: p256(),
      inferenceHosts: ['10.9.8.7'],
    });
    expect(r.tls).toMatchObject({ mode: 'mtls', caPem: ca.certPem });
    const cert = new X509Certificate(r.tls.mode === 'mtls' ? (r.tls.clientCertPem ?? '') : '');
    expect(cert.subjectAltName).toBe(
      `URI:urn:edgefleet:site:${r.site.siteId}, IP Address:10.9.8.7`,
    );
    await expect(e.enroll({ ...site(c, 'again'), tlsPublicKeyPem: p256() })).rejects.toBeInstanceOf(
      EnrollmentCodeInvalidError,
    );
  });

  it('refuses a new site beyond limits.maxSites, leaving the code unspent; a revoked site frees its place', async () => {
    endpoints = { mqttUrl: 'mqtt://coord:1883', grpcEndpoint: 'coord:7443', signingKeys: [] };
    const enrolled = await sites.activeCount();
    const full = enrollment(enrolled);
    const c = await code();
    await expect(full.enroll(site(c, 'one-too-many'))).rejects.toBeInstanceOf(
      SiteLimitReachedError,
    );
    await expect(full.enroll(site(c, 'one-too-many'))).rejects.toMatchObject({
      code: 'SITE_LIMIT_REACHED',
      data: { maxSites: enrolled },
    });
    const [first] = await sites.load();
    await sites.revoke(first?.siteId ?? '');
    const r = await full.enroll(site(c, 'fits-now'));
    expect(await sites.activeCount()).toBe(enrolled);
    expect(registry.get(r.site.siteId)).toBeDefined();
  });

  it('renews TLS material only for a site id and secret that match, including a site enrolled through another replica', async () => {
    endpoints = { ...endpoints, tls: { ...ca.issuer, mode: 'tls' } };
    const other = new SiteStore(await t.sibling());
    const { site: elsewhere, secret } = await other.enroll(site(await code(), 'elsewhere'));
    const e = enrollment();
    expect(await e.renewTls(elsewhere.siteId, secret, {})).toEqual({
      mode: 'tls',
      caPem: ca.certPem,
    });
    const withKey = await e.renewTls(elsewhere.siteId, secret, { tlsPublicKeyPem: p256() });
    expect(withKey).toMatchObject({
      mode: 'tls',
      clientCertPem: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/),
    });
    await expect(e.renewTls(elsewhere.siteId, 'x'.repeat(43), {})).rejects.toBeInstanceOf(
      SiteCredentialsRejectedError,
    );
    await expect(e.renewTls('no-such-site', secret, {})).rejects.toBeInstanceOf(
      SiteCredentialsRejectedError,
    );
    endpoints = { mqttUrl: '', grpcEndpoint: '', signingKeys: [] };
    expect(await e.renewTls(elsewhere.siteId, secret, {})).toEqual({ mode: 'off' });
  });
});
