import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeControlService, GRPC_CHANNEL_OPTIONS, pb, type edgefleet } from '@edgefleet/proto';
import { loadGrpcTls, type GrpcTls } from '@edgefleet/coordinator';
import {
  checkGrpcTls,
  credentialOverrides,
  doctorChecks,
  enroll,
  GRPC_TLS_FILES,
  loadAgentConfig,
  newClientKeyPair,
  readCredentials,
  renewGrpcTls,
  startAgent,
  writeCredentials,
  type Agent,
  type Credentials,
} from '@edgefleet/agent';
import { CoordinatorUnavailableError, EdgefleetClient } from '@edgefleet/client';
import {
  brokerClient,
  call,
  inferenceClient,
  startHarness,
  waitFor,
  type Harness,
} from './support.js';

/**
 * gRPC mTLS end to end, over real sockets: a coordinator with grpc.tls.mode = mtls (its own CA,
 * made on first start), an agent enrolled with a one-time code through the real `enroll` (it gets
 * the CA and a client certificate naming its site), the site online over EdgeControl with mTLS, a
 * lease granted to the SDK pinned to the CA and served. Then what must be refused: plaintext
 * clients, a client certificate from another CA, no client certificate, a site presenting another
 * site's certificate, and a client that pins another CA. Then doctor's "gRPC TLS" check.
 */
const CONTROL = grpc.makeGenericClientConstructor(
  EdgeControlService as unknown as grpc.ServiceDefinition,
  'EdgeControl',
);
interface ControlClient extends grpc.Client {
  connect: (
    opts: grpc.CallOptions,
  ) => grpc.ClientDuplexStream<edgefleet.v1.AgentMessage, edgefleet.v1.CoordinatorMessage>;
}

/** One EdgeControl stream with `creds`: resolves with the final status, or 'welcome' when the coordinator accepts the hello. */
function hello(
  endpoint: string,
  creds: grpc.ChannelCredentials,
  siteId: string,
  secret: string,
): Promise<{ code: number; details: string } | 'welcome'> {
  const client = new CONTROL(endpoint, creds, GRPC_CHANNEL_OPTIONS) as unknown as ControlClient;
  return new Promise<{ code: number; details: string } | 'welcome'>((resolve) => {
    const s = client.connect({ deadline: Date.now() + 8_000 });
    s.on('data', (m: edgefleet.v1.CoordinatorMessage) => {
      if (m.welcome) {
        resolve('welcome');
        s.cancel();
      }
    });
    s.on('error', () => undefined);
    s.on('status', (st) => resolve({ code: st.code, details: st.details }));
    s.write(new pb.AgentMessage({ hello: { site_id: siteId, secret, agent_version: 'test' } }));
  }).finally(() => client.close());
}

const pem = (s: string) => Buffer.from(s);

describe('security: gRPC mTLS (grpc.tls.mode = mtls)', () => {
  let h: Harness;
  let other: GrpcTls;
  const siteDir = mkdtempSync(join(tmpdir(), 'ef-tls-site-'));
  let creds: Credentials;
  let agent: Agent | undefined;
  let caFile: string;

  const enrollSite = async (name: string, dataDir: string): Promise<Credentials> => {
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
    });
    writeCredentials(dataDir, c);
    return readCredentials(dataDir);
  };

  /** The SDK without `ca` (plaintext) or pinning `ca` cannot Acquire: CoordinatorUnavailableError. */
  const expectSdkRefused = async (ca: string | undefined) => {
    const sdk = new EdgefleetClient({
      coordinator: h.coord.grpcEndpoint,
      customerId: 'fleet-tls',
      bearerToken: h.tokens.operator,
      defaultTimeoutMs: 3000,
      ...(ca ? { ca } : {}),
    });
    try {
      await expect(
        sdk.acquire({
          model: 'llama-3-8b',
          location: { lat: 48.1, lon: 11.6 },
          budgetMicroTokens: 1000,
        }),
      ).rejects.toBeInstanceOf(CoordinatorUnavailableError);
    } finally {
      sdk.close();
    }
  };

  beforeAll(async () => {
    h = await startHarness({ grpc: { port: 0, tls: { mode: 'mtls' } } });
    // Another CA, as an attacker or a second coordinator would have.
    other = (await loadGrpcTls(
      { mode: 'mtls', serverNames: [], clientCertDays: 30 },
      mkdtempSync(join(tmpdir(), 'ef-tls-other-')),
      ['127.0.0.1'],
    ))!;
    creds = await enrollSite('mtls site', siteDir);
    caFile = join(siteDir, GRPC_TLS_FILES.ca);
  }, 60_000);

  afterAll(async () => {
    await agent?.close();
    await h?.close();
  });

  it('enrollment returns the CA to pin and a client certificate naming the site, stored 0600 beside credentials.json', () => {
    expect(h.coord.grpcTls?.mode).toBe('mtls');
    expect(creds.grpcTls?.mode).toBe('mtls');
    for (const f of Object.values(GRPC_TLS_FILES))
      expect(statSync(join(siteDir, f)).mode & 0o777, f).toBe(0o600);
    expect(statSync(join(siteDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    // credentials.json keeps only the mode; the PEMs are the files.
    expect(JSON.parse(readFileSync(join(siteDir, 'credentials.json'), 'utf8')).grpcTls).toEqual({
      mode: 'mtls',
    });
    const ca = new X509Certificate(creds.grpcTls?.caPem ?? '');
    const cert = new X509Certificate(creds.grpcTls?.certPem ?? '');
    expect(cert.subject).toContain(`CN=${creds.siteId}`);
    // One site certificate: EdgeControl client (clientAuth) and Inference server (serverAuth).
    expect(cert.keyUsage).toEqual(
      expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']),
    );
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(ca.fingerprint256).toBe(
      new X509Certificate(h.coord.grpcTls?.caPem ?? '').fingerprint256,
    );
  });

  it('the agent connects over mTLS: the site goes online, the SDK pinned to the CA gets a lease on it and is served', async () => {
    const cfg = loadAgentConfig({
      env: {},
      overrides: {
        ...credentialOverrides(siteDir, creds),
        models: ['llama-3-8b'],
        hook: { name: 'fake', options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 2 }] } },
        backend: { kind: 'simulated', latencyMs: 1, jitterMs: 0, outputTokens: 4 },
        telemetryIntervalMs: 200,
        burnFlushIntervalMs: 50,
        hostMetrics: false,
      },
    });
    expect(cfg.coordinator.tls.mode).toBe('mtls');
    agent = await startAgent(cfg);
    // The site certificate also serves the site's Inference endpoint (test/security/inference-tls.test.ts for tls mode).
    expect(agent.inferenceTls).toBe(true);
    await waitFor(
      () => h.coord.registry.get(creds.siteId)?.state,
      (s) => s === 'online',
      20_000,
    );
    expect(h.coord.hub.isConnected(creds.siteId)).toBe(true);

    expect(
      (await h.api('POST', '/api/v1/customers/fleet-tls/topup', { microTokens: 1_000_000 })).status,
    ).toBe(200);
    const sdk = new EdgefleetClient({
      coordinator: h.coord.grpcEndpoint,
      customerId: 'fleet-tls',
      bearerToken: h.tokens.operator,
      ca: caFile,
    });
    try {
      const session = await sdk.acquire({
        model: 'llama-3-8b',
        location: { lat: 48.1, lon: 11.6 },
        budgetMicroTokens: 100_000,
        autoRenew: false,
      });
      expect(session.leases[0]).toMatchObject({ site_id: creds.siteId, endpoint_tls: true });
      const r = await session.infer('hello over tls');
      expect(r.siteId).toBe(creds.siteId);
      await session.release();
    } finally {
      sdk.close();
    }
  }, 60_000);

  it('refuses plaintext: LeaseBroker, EdgeControl, and the SDK without `ca`', async () => {
    const broker = brokerClient(h.coord.grpcEndpoint, h.tokens.operator);
    try {
      const r = await call(
        broker.acquire,
        broker,
        new pb.AcquireRequest({
          customer_id: 'fleet-tls',
          model: 'llama-3-8b',
          budget_micro_tokens: 1000,
          location: { pop_id: 'x' },
        }),
      );
      expect(r.code, r.details).toBe(grpc.status.UNAVAILABLE);
    } finally {
      broker.close();
    }
    const r = await hello(
      h.coord.grpcEndpoint,
      grpc.credentials.createInsecure(),
      creds.siteId,
      creds.secret,
    );
    expect(r).toMatchObject({ code: grpc.status.UNAVAILABLE });
    await expectSdkRefused(undefined);
    // The site's Inference endpoint refuses plaintext too.
    const inf = inferenceClient(agent?.inferenceEndpoint ?? '');
    try {
      expect(
        await call(
          inf.infer,
          inf,
          new pb.InferRequest({ lease_token: 'x', model: 'llama-3-8b', input: 'in clear' }),
        ),
      ).toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      inf.close();
    }
  }, 30_000);

  it('EdgeControl refuses a client certificate from another CA, and no client certificate, with CLIENT_CERT_REQUIRED (right secret or not)', async () => {
    const ca = pem(creds.grpcTls?.caPem ?? '');
    const k = newClientKeyPair();
    const foreign = await other.issueSiteCertificate(creds.siteId, k.publicKeyPem);
    for (const c of [
      grpc.credentials.createSsl(ca, pem(k.privateKeyPem), pem(foreign)),
      grpc.credentials.createSsl(ca),
    ]) {
      const r = await hello(h.coord.grpcEndpoint, c, creds.siteId, creds.secret);
      expect(r).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      expect(r !== 'welcome' && r.details).toMatch(/^CLIENT_CERT_REQUIRED: .*re-enroll/);
    }
    // The real agent's stream was never displaced.
    expect(h.coord.hub.isConnected(creds.siteId)).toBe(true);
  }, 30_000);

  it("a site presenting another site's certificate is refused with CLIENT_CERT_WRONG_SITE; it is accepted with its own", async () => {
    const bDir = mkdtempSync(join(tmpdir(), 'ef-tls-site-b-'));
    const b = await enrollSite('mtls site b', bDir);
    const ca = pem(b.grpcTls?.caPem ?? '');
    const aCert = grpc.credentials.createSsl(
      ca,
      pem(creds.grpcTls?.keyPem ?? ''),
      pem(creds.grpcTls?.certPem ?? ''),
    );
    const r = await hello(h.coord.grpcEndpoint, aCert, b.siteId, b.secret);
    expect(r).toMatchObject({ code: grpc.status.PERMISSION_DENIED });
    expect(r !== 'welcome' && r.details).toBe(
      `CLIENT_CERT_WRONG_SITE: the client certificate names site ${creds.siteId} but the stream claims site ${b.siteId}`,
    );
    expect(h.coord.hub.isConnected(b.siteId)).toBe(false);
    expect(
      await hello(
        h.coord.grpcEndpoint,
        grpc.credentials.createSsl(ca, pem(b.grpcTls?.keyPem ?? ''), pem(b.grpcTls?.certPem ?? '')),
        b.siteId,
        b.secret,
      ),
    ).toBe('welcome');
  }, 30_000);

  it('a client pinning another CA refuses the coordinator (UNAVAILABLE), the SDK included', async () => {
    const r = await hello(
      h.coord.grpcEndpoint,
      grpc.credentials.createSsl(
        pem(other.caPem),
        pem(creds.grpcTls?.keyPem ?? ''),
        pem(creds.grpcTls?.certPem ?? ''),
      ),
      creds.siteId,
      creds.secret,
    );
    expect(r).toMatchObject({ code: grpc.status.UNAVAILABLE });
    const otherCa = join(mkdtempSync(join(tmpdir(), 'ef-tls-ca-')), 'ca.pem');
    writeFileSync(otherCa, other.caPem);
    await expectSdkRefused(otherCa);
  }, 30_000);

  it('doctor: "TLS handshake ok" and EdgeControl welcomed; CA mismatch; certificate expired; plaintext configured against a TLS coordinator', async () => {
    const byName = (checks: { name: string }[], n: string) => checks.find((c) => c.name === n);
    const ok = await doctorChecks({ dataDir: siteDir });
    expect(byName(ok, 'gRPC TLS')).toMatchObject({
      level: 'pass',
      detail: expect.stringMatching(/^TLS handshake ok \(mtls, TLSv1\.3\)/),
    });
    expect(byName(ok, 'gRPC EdgeControl')).toMatchObject({ level: 'pass' });

    const mismatch = mkdtempSync(join(tmpdir(), 'ef-tls-mismatch-'));
    cpSync(siteDir, mismatch, { recursive: true });
    writeFileSync(join(mismatch, GRPC_TLS_FILES.ca), other.caPem, { mode: 0o600 });
    const bad = await doctorChecks({ dataDir: mismatch });
    expect(byName(bad, 'gRPC TLS')).toMatchObject({
      level: 'fail',
      detail: expect.stringMatching(/^CA mismatch: /),
      fix: expect.stringMatching(/edgefleet-agent tls-renew/),
    });
    expect(byName(bad, 'gRPC EdgeControl')).toMatchObject({ level: 'fail' });

    const tls = loadAgentConfig({ env: {}, overrides: credentialOverrides(siteDir, creds) })
      .coordinator.tls;
    const expiredAt = Date.parse(new X509Certificate(creds.grpcTls?.certPem ?? '').validTo) + 1000;
    expect(await checkGrpcTls(h.coord.grpcEndpoint, tls, 3000, expiredAt)).toMatchObject({
      level: 'fail',
      detail: expect.stringMatching(
        /^certificate expired: this site's client certificate expired on /,
      ),
    });

    // Something answering with a site's certificate (from the pinned CA) where the coordinator should be.
    const impostor = createTlsServer(
      { cert: creds.grpcTls?.certPem ?? '', key: tls.keyPem ?? '' },
      (sock) => sock.destroy(),
    );
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
    try {
      const at = `127.0.0.1:${(impostor.address() as AddressInfo).port}`;
      expect(await checkGrpcTls(at, tls, 3000)).toMatchObject({
        level: 'fail',
        detail: expect.stringMatching(
          /presents a site's certificate, not the coordinator's: SITE_CERT_AS_COORDINATOR/,
        ),
      });
    } finally {
      await new Promise((r) => impostor.close(r));
    }

    const plain = mkdtempSync(join(tmpdir(), 'ef-tls-plain-'));
    cpSync(siteDir, plain, { recursive: true });
    const j = JSON.parse(readFileSync(join(plain, 'credentials.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete j.grpcTls;
    writeFileSync(join(plain, 'credentials.json'), JSON.stringify(j), { mode: 0o600 });
    const p = await doctorChecks({ dataDir: plain });
    expect(byName(p, 'gRPC TLS')).toMatchObject({
      level: 'fail',
      detail: expect.stringMatching(/^plaintext configured, but .* speaks TLS/),
    });
  }, 60_000);

  it('mtls enrollment without the agent key is refused before the code is spent', async () => {
    const codes = await h.api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
      count: 1,
    });
    const code = codes.body.codes[0]?.code ?? '';
    const r = await h.api<{ error: { code: string; message: string } }>(
      'POST',
      '/api/v1/enroll',
      { code, name: 'no key', lat: 1, lon: 1 },
      null,
    );
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_TLS_PUBLIC_KEY');
    const ok = await h.api(
      'POST',
      '/api/v1/enroll',
      { code, name: 'with key', lat: 1, lon: 1, tlsPublicKeyPem: newClientKeyPair().publicKeyPem },
      null,
    );
    expect(ok.status).toBe(201);
  }, 30_000);
});

describe('security: turning gRPC mTLS on for a site enrolled under off (tls-renew)', () => {
  it('doctor says the site is behind; tls-renew with the site secret fetches the CA and a certificate; the site connects over mTLS; a wrong secret gets nothing', async () => {
    const coordDir = mkdtempSync(join(tmpdir(), 'ef-tls-switch-'));
    const siteDir = mkdtempSync(join(tmpdir(), 'ef-tls-switch-site-'));
    let h = await startHarness({ dataDir: coordDir });
    let agent: Agent | undefined;
    try {
      const codes = await h.api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
        count: 1,
      });
      const c = await enroll({
        coordinatorHttp: h.coord.httpUrl,
        code: codes.body.codes[0]?.code ?? '',
        name: 'early site',
        region: 'eu',
        lat: 48.1,
        lon: 11.6,
      });
      expect(c.grpcTls).toBeUndefined();
      writeCredentials(siteDir, c);
      await h.close();
      // The operator turns mTLS on (same data directory, so the site stays enrolled).
      h = await startHarness({ dataDir: coordDir, grpc: { port: 0, tls: { mode: 'mtls' } } });
      // The stored endpoints are from the first start (ephemeral ports): point the site at this one.
      const j = JSON.parse(readFileSync(join(siteDir, 'credentials.json'), 'utf8')) as Credentials;
      writeFileSync(
        join(siteDir, 'credentials.json'),
        JSON.stringify({
          ...j,
          coordinator: { grpc: h.coord.grpcEndpoint, http: h.coord.httpUrl },
          mqtt: { url: h.coord.mqttUrl },
        }),
        { mode: 0o600 },
      );
      const before = await doctorChecks({ dataDir: siteDir });
      expect(before.find((x) => x.name === 'gRPC TLS')).toMatchObject({
        level: 'fail',
        detail: expect.stringMatching(/^plaintext configured, but .* speaks TLS/),
        fix: expect.stringMatching(/tls-renew/),
      });

      const wrong = await h.api<{ error: { code: string } }>(
        'POST',
        `/api/v1/sites/${c.siteId}/grpc-tls`,
        { secret: 'x'.repeat(32), tlsPublicKeyPem: newClientKeyPair().publicKeyPem },
        null,
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
      const noKey = await h.api<{ error: { code: string } }>(
        'POST',
        `/api/v1/sites/${c.siteId}/grpc-tls`,
        { secret: c.secret },
        null,
      );
      expect(noKey.status).toBe(400);
      expect(noKey.body.error.code).toBe('INVALID_TLS_PUBLIC_KEY');

      const renewed = await renewGrpcTls(siteDir, 10_000, ['127.0.0.1']);
      expect(renewed.grpcTls?.mode).toBe('mtls');
      expect(new X509Certificate(renewed.grpcTls?.certPem ?? '').subject).toContain(
        `CN=${c.siteId}`,
      );
      expect(new X509Certificate(renewed.grpcTls?.certPem ?? '').subjectAltName).toBe(
        `URI:urn:edgefleet:site:${c.siteId}, IP Address:127.0.0.1`,
      );
      for (const f of Object.values(GRPC_TLS_FILES))
        expect(statSync(join(siteDir, f)).mode & 0o777, f).toBe(0o600);
      const after = await doctorChecks({ dataDir: siteDir });
      expect(after.find((x) => x.name === 'gRPC TLS')).toMatchObject({
        level: 'pass',
        detail: expect.stringMatching(/^TLS handshake ok \(mtls/),
      });

      const creds = readCredentials(siteDir);
      agent = await startAgent(
        loadAgentConfig({
          env: {},
          overrides: {
            ...credentialOverrides(siteDir, creds),
            hook: {
              name: 'fake',
              options: { accelerators: [{ profile: 'h100-80gb-sxm', count: 1 }] },
            },
            telemetryIntervalMs: 200,
            hostMetrics: false,
          },
        }),
      );
      expect(agent.inferenceTls).toBe(true);
      await waitFor(
        () => h.coord.registry.get(c.siteId)?.state,
        (st) => st === 'online',
        20_000,
      );
      expect(h.coord.hub.isConnected(c.siteId)).toBe(true);
      expect(h.coord.registry.get(c.siteId)?.endpointTls).toBe(true);
    } finally {
      await agent?.close();
      await h.close();
    }
  }, 90_000);
});

describe('security: gRPC with grpc.tls.mode = off (the default)', () => {
  it('enrollment says plaintext; doctor calls it plaintext (a warning with the fix)', async () => {
    const h = await startHarness();
    try {
      expect(h.coord.grpcTls).toBeUndefined();
      const dir = mkdtempSync(join(tmpdir(), 'ef-tls-off-'));
      const codes = await h.api<{ codes: { code: string }[] }>('POST', '/api/v1/enrollment-codes', {
        count: 1,
      });
      const c = await enroll({
        coordinatorHttp: h.coord.httpUrl,
        code: codes.body.codes[0]?.code ?? '',
        name: 'plain',
        region: 'eu',
        lat: 1,
        lon: 1,
      });
      expect(c.grpcTls).toBeUndefined();
      writeCredentials(dir, c);
      const checks = await doctorChecks({ dataDir: dir });
      expect(checks.find((x) => x.name === 'gRPC TLS')).toMatchObject({
        level: 'warn',
        detail: expect.stringMatching(/^plaintext: /),
        fix: expect.stringMatching(/grpc\.tls\.mode/),
      });
      expect(checks.find((x) => x.name === 'gRPC EdgeControl')).toMatchObject({ level: 'pass' });
    } finally {
      await h.close();
    }
  }, 60_000);
});
