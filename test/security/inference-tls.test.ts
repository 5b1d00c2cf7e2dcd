import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { loadGrpcTls, type GrpcTls } from '@edgefleet/coordinator';
import {
  credentialOverrides,
  doctorChecks,
  enroll,
  GRPC_TLS_FILES,
  loadAgentConfig,
  readCredentials,
  startAgent,
  writeCredentials,
  type Agent,
  type Credentials,
} from '@edgefleet/agent';
import {
  classifyInferError,
  EdgefleetClient,
  SiteCaMissingError,
  SitePlaintextError,
  SiteTlsError,
  type Lease,
} from '@edgefleet/client';
import { call, inferenceClient, startHarness, waitFor, type Harness } from './support.js';

/**
 * TLS on the agent's Inference endpoint (vehicle → site), over real sockets, with the coordinator in
 * grpc.tls.mode = tls (mtls: test/security/grpc-tls.test.ts). A site enrolled through the real
 * `enroll` gets a site certificate (serverAuth, URI SAN naming the site, an IP SAN for its inference
 * host) and serves Inference over TLS; its leases say endpoint_tls; the SDK pinned to the CA is
 * served. Refused: a plaintext client (by the site), a client pinning another CA, the SDK dialling
 * the site for another site id (SiteTlsError), a site serving plaintext while the SDK pins a CA
 * (SitePlaintextError, nothing sent), and the SDK without `ca` facing a TLS site (SiteCaMissingError).
 */
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const agentSettings = (dir: string, c: Credentials, model: string) =>
  loadAgentConfig({
    env: {},
    overrides: {
      ...credentialOverrides(dir, c),
      models: [model],
      hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 2 }] } },
      backend: { kind: 'simulated', latencyMs: 1, jitterMs: 0, outputTokens: 4 },
      telemetryIntervalMs: 200,
      burnFlushIntervalMs: 50,
      hostMetrics: false,
    },
  });

describe('security: Inference over TLS (grpc.tls.mode = tls)', () => {
  let h: Harness;
  let other: GrpcTls;
  const agents: Agent[] = [];
  const siteDir = mkdtempSync(join(tmpdir(), 'ef-itls-site-'));
  let site: Credentials;
  let tlsAgent: Agent;
  let caFile: string;
  const sdk = (o: { ca?: string } = {}) =>
    new EdgefleetClient({
      coordinator: h.coord.grpcEndpoint,
      customerId: 'fleet-itls',
      bearerToken: h.tokens.operator,
      defaultTimeoutMs: 3000,
      ...o,
    });

  const enrollSite = async (name: string, dir: string): Promise<Credentials> => {
    const codes = await h.api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
      count: 1,
    });
    const c = await enroll({
      coordinatorHttp: h.coord.httpUrl,
      code: codes.body.codes[0]?.code ?? '',
      name,
      region: 'eu',
      lat: 48.1,
      lon: 11.6,
      inferenceHosts: ['127.0.0.1', 'site.example'],
    });
    writeCredentials(dir, c);
    return readCredentials(dir);
  };

  beforeAll(async () => {
    h = await startHarness({ grpc: { port: 0, tls: { mode: 'tls' } } });
    other = (await loadGrpcTls(
      { mode: 'tls', serverNames: [], clientCertDays: 30 },
      mkdtempSync(join(tmpdir(), 'ef-itls-other-')),
      ['127.0.0.1'],
    ))!;
    site = await enrollSite('tls site', siteDir);
    caFile = join(siteDir, GRPC_TLS_FILES.ca);
    tlsAgent = await startAgent(agentSettings(siteDir, site, 'llama-3-8b'));
    agents.push(tlsAgent);
    await waitFor(
      () => h.coord.registry.get(site.siteId)?.state,
      (s) => s === 'online',
      20_000,
    );
    expect(
      (await h.api('POST', '/api/v1/customers/fleet-itls/topup', { microTokens: 10_000_000 }))
        .status,
    ).toBe(200);
  }, 60_000);

  afterAll(async () => {
    for (const a of agents) await a.close();
    await h?.close();
  });

  it('enrollment in tls mode gives the site a certificate for its Inference endpoint: serverAuth, the site id, its hosts; stored 0600', () => {
    expect(site.grpcTls?.mode).toBe('tls');
    const cert = new X509Certificate(site.grpcTls?.certPem ?? '');
    expect(cert.keyUsage).toEqual(expect.arrayContaining([SERVER_AUTH, CLIENT_AUTH]));
    expect(cert.subject).toContain(`CN=${site.siteId}`);
    expect(cert.subjectAltName).toBe(
      `URI:urn:edgefleet:site:${site.siteId}, IP Address:127.0.0.1, DNS:site.example`,
    );
    expect(cert.verify(new X509Certificate(h.coord.grpcTls?.caPem ?? '').publicKey)).toBe(true);
    expect(site.grpcTls?.keyPem).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('doctor: "TLS handshake ok" naming the site certificate', async () => {
    const gr = (await doctorChecks({ dataDir: siteDir })).find((x) => x.name === 'gRPC TLS');
    expect(gr).toMatchObject({
      level: 'pass',
      detail: expect.stringMatching(
        /^TLS handshake ok \(tls, .*; site certificate \(Inference TLS\) CN=/,
      ),
    });
  }, 30_000);

  it('the agent serves Inference over TLS; the lease says endpoint_tls; the SDK pinned to the CA is served', async () => {
    expect(tlsAgent.inferenceTls).toBe(true);
    expect(h.coord.registry.get(site.siteId)?.endpointTls).toBe(true);
    const client = sdk({ ca: caFile });
    try {
      const session = await client.acquire({
        model: 'llama-3-8b',
        location: { lat: 48.1, lon: 11.6 },
        budgetMicroTokens: 100_000,
        autoRenew: false,
      });
      expect(session.primary).toMatchObject({
        site_id: site.siteId,
        endpoint: tlsAgent.inferenceEndpoint,
        endpoint_tls: true,
      });
      const r = await session.infer('hello over tls');
      expect(r).toMatchObject({ siteId: site.siteId, attempts: 1, failures: [] });
      await session.release();
    } finally {
      client.close();
    }
  }, 30_000);

  it('the site refuses a plaintext client, and a client pinning another CA refuses the site', async () => {
    const req = new pb.InferRequest({ lease_token: 'x', model: 'llama-3-8b', input: 'in clear' });
    const plain = inferenceClient(tlsAgent.inferenceEndpoint);
    const foreign = inferenceClient(
      tlsAgent.inferenceEndpoint,
      grpc.credentials.createSsl(Buffer.from(other.caPem)),
    );
    // Control: the right CA reaches the handler (a bad token is refused by the agent, not by TLS).
    const pinned = inferenceClient(
      tlsAgent.inferenceEndpoint,
      grpc.credentials.createSsl(Buffer.from(site.grpcTls?.caPem ?? '')),
    );
    try {
      expect(await call(plain.infer, plain, req)).toMatchObject({ code: grpc.status.UNAVAILABLE });
      expect(await call(foreign.infer, foreign, req)).toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      expect(await call(pinned.infer, pinned, req)).toMatchObject({
        code: grpc.status.UNAUTHENTICATED,
        details: expect.stringMatching(/^LEASE_TOKEN_MALFORMED/),
      });
    } finally {
      for (const c of [plain, foreign, pinned]) c.close();
    }
  }, 30_000);

  it('the SDK refuses a site whose certificate is from another CA or names another site (SiteTlsError)', async () => {
    const otherCa = join(mkdtempSync(join(tmpdir(), 'ef-itls-ca-')), 'ca.pem');
    writeFileSync(otherCa, other.caPem);
    const req = new pb.InferRequest({
      lease_token: 'x',
      model: 'llama-3-8b',
      input: 'secret input',
    });
    const cases: { ca: string; siteId: string; detail: RegExp }[] = [
      {
        ca: caFile,
        siteId: 'another-site',
        detail:
          /SITE_CERT_MISMATCH: the certificate at this endpoint names site .* not site another-site/,
      },
      // The SDK pinning another CA cannot Acquire either (test/security/grpc-tls.test.ts); here it dials the site directly.
      { ca: otherCa, siteId: site.siteId, detail: /certificate/ },
    ];
    for (const c of cases) {
      const client = sdk({ ca: c.ca });
      try {
        const lease = {
          endpoint: tlsAgent.inferenceEndpoint,
          site_id: c.siteId,
          endpoint_tls: true,
        };
        const ch = client.inferenceClient(lease) as unknown as ReturnType<typeof inferenceClient>;
        const r = await new Promise<unknown>((resolve) => {
          ch.infer(req, new grpc.Metadata(), { deadline: Date.now() + 5000 }, (err) =>
            resolve(err),
          );
        });
        const cls = classifyInferError(r, c.siteId, true);
        expect(cls.error).toBeInstanceOf(SiteTlsError);
        expect(cls).toMatchObject({ failover: true, reason: 'SITE_TLS_FAILED' });
        expect(cls.error.message).toMatch(c.detail);
      } finally {
        client.close();
      }
    }
  }, 30_000);

  it('a site serving plaintext (no site certificate) is refused by the SDK with a CA: SitePlaintextError, nothing sent; the SDK without ca refuses a TLS site: SiteCaMissingError', async () => {
    // A site whose credentials hold only the CA (enrolled before Inference TLS): EdgeControl over TLS, Inference in plaintext.
    const dir = mkdtempSync(join(tmpdir(), 'ef-itls-plain-'));
    const c = await enrollSite('plaintext site', dir);
    const { certPem: _c, keyPem: _k, ...caOnly } = c.grpcTls ?? { mode: 'tls' as const, caPem: '' };
    writeCredentials(dir, { ...c, grpcTls: caOnly });
    const plainAgent = await startAgent(agentSettings(dir, readCredentials(dir), 'plain-model'));
    agents.push(plainAgent);
    expect(plainAgent.inferenceTls).toBe(false);
    // doctor says so, with the fix.
    const gr = (await doctorChecks({ dataDir: dir })).find((x) => x.name === 'gRPC TLS');
    expect(gr).toMatchObject({
      level: 'warn',
      detail: expect.stringMatching(/Inference served in plaintext .*no site certificate/),
      fix: expect.stringMatching(/tls-renew/),
    });
    await waitFor(
      () => h.coord.registry.get(c.siteId)?.state,
      (s) => s === 'online',
      20_000,
    );

    const client = sdk({ ca: caFile });
    try {
      const session = await client.acquire({
        model: 'plain-model',
        location: { lat: 48.1, lon: 11.6 },
        budgetMicroTokens: 100_000,
        autoRenew: false,
      });
      expect(session.primary).toMatchObject({ site_id: c.siteId, endpoint_tls: false });
      const before = plainAgent.outbox.depth;
      const err = await session.infer('must not travel in clear').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SitePlaintextError);
      expect((err as SitePlaintextError).message).toMatch(
        new RegExp(`^site ${c.siteId}: serves Inference in plaintext`),
      );
      expect(plainAgent.outbox.depth).toBe(before);
      await session.release();
    } finally {
      client.close();
    }

    // No ca: the SDK cannot verify a TLS site and does not dial it.
    const noCa = sdk();
    try {
      expect(() =>
        noCa.inferenceClient({
          endpoint: tlsAgent.inferenceEndpoint,
          site_id: site.siteId,
          endpoint_tls: true,
        } as Lease),
      ).toThrow(SiteCaMissingError);
    } finally {
      noCa.close();
    }
  }, 60_000);
});
