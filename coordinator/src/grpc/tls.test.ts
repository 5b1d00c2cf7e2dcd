import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateSiteId } from './site-identity.js';
import {
  TlsFileUnreadableError,
  TlsPemInvalidError,
  TlsPublicKeyInvalidError,
  TlsPublicKeyRequiredError,
} from '../pki/errors.js';
import { loadGrpcTls, serverNamesFor, type GrpcTlsSettings } from './tls.js';

const settings = (o: Partial<GrpcTlsSettings> = {}): GrpcTlsSettings => ({
  mode: 'mtls',
  serverNames: [],
  clientCertDays: 30,
  ...o,
});
const names = ['127.0.0.1', 'localhost'];
const tmp = () => mkdtempSync(join(tmpdir(), 'ef-grpc-tls-'));
const read = (p: string) => readFileSync(p, 'utf8');

function siteKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

describe('loadGrpcTls (self-managed CA)', () => {
  it('is off when mode is off', async () => {
    expect(await loadGrpcTls(settings({ mode: 'off' }), tmp(), names)).toBeUndefined();
  });

  it('creates a CA and a server certificate once (keys 0600), reuses them on restart, re-issues the server certificate (same CA) when the names change', async () => {
    const dir = tmp();
    const a = await loadGrpcTls(settings(), dir, names);
    expect(a).toBeDefined();
    for (const f of ['ca.key', 'server.key'])
      expect(statSync(join(dir, 'grpc-tls', f)).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(read(join(dir, 'grpc-tls', 'ca.pem')));
    const server = new X509Certificate(read(join(dir, 'grpc-tls', 'server.pem')));
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toContain('DNS:localhost');
    expect(new X509Certificate(a!.caPem).fingerprint256).toBe(ca.fingerprint256);
    expect(a?.clientCaPem).toBe(a?.caPem);

    await loadGrpcTls(settings(), dir, names);
    expect(new X509Certificate(read(join(dir, 'grpc-tls', 'server.pem'))).fingerprint256).toBe(
      server.fingerprint256,
    );
    expect(new X509Certificate(read(join(dir, 'grpc-tls', 'ca.pem'))).fingerprint256).toBe(
      ca.fingerprint256,
    );

    await loadGrpcTls(settings(), dir, [...names, 'edge-coord.example.net']);
    const reissued = new X509Certificate(read(join(dir, 'grpc-tls', 'server.pem')));
    expect(reissued.fingerprint256).not.toBe(server.fingerprint256);
    expect(reissued.subjectAltName).toContain('DNS:edge-coord.example.net');
    expect(new X509Certificate(read(join(dir, 'grpc-tls', 'ca.pem'))).fingerprint256).toBe(
      ca.fingerprint256,
    );
  });

  it('issues a site certificate naming the site, for the agent key, signed by the CA: EdgeControl client and Inference server', async () => {
    const tls = await loadGrpcTls(settings({ clientCertDays: 7 }), tmp(), names);
    const keys = siteKeys();
    const pem = await tls!.issueSiteCertificate('site-042', keys.publicPem);
    const cert = new X509Certificate(pem);
    const ca = new X509Certificate(tls!.clientCaPem!);
    expect(cert.subject).toContain('CN=site-042');
    expect(cert.subjectAltName).toBe('URI:urn:edgefleet:site:site-042');
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(
      cert.checkPrivateKey(
        await import('node:crypto').then((c) => c.createPrivateKey(keys.privatePem)),
      ),
    ).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1']);
    // The hosts vehicles dial for its Inference endpoint become IP / DNS SANs (duplicates once).
    const withHosts = new X509Certificate(
      await tls!.issueSiteCertificate('site-042', keys.publicPem, [
        '10.1.2.3',
        'edge-1.example.net',
        '10.1.2.3',
      ]),
    );
    expect(withHosts.subjectAltName).toBe(
      'URI:urn:edgefleet:site:site-042, IP Address:10.1.2.3, DNS:edge-1.example.net',
    );
    expect(tls!.issuesSiteCertificates).toBe(true);
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
  });

  it('refuses a missing, malformed, RSA or Ed25519 site key, each with its error', async () => {
    const tls = await loadGrpcTls(settings(), tmp(), names);
    await expect(tls!.issueSiteCertificate('s1', '')).rejects.toBeInstanceOf(
      TlsPublicKeyRequiredError,
    );
    await expect(tls!.issueSiteCertificate('s1', 'not a key')).rejects.toBeInstanceOf(
      TlsPublicKeyInvalidError,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(tls!.issueSiteCertificate('s1', rsa)).rejects.toThrow(/ECDSA P-256.*RSA/);
    const ed = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(tls!.issueSiteCertificate('s1', ed)).rejects.toBeInstanceOf(
      TlsPublicKeyInvalidError,
    );
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await expect(tls!.issueSiteCertificate('s1', p384)).rejects.toThrow(/P-384/);
  });
});

describe('loadGrpcTls (operator files)', () => {
  it('uses the operator server certificate, CA and client CA', async () => {
    const pki = tmp();
    await loadGrpcTls(settings(), pki, names);
    const f = (n: string) => join(pki, 'grpc-tls', n);
    const tls = await loadGrpcTls(
      settings({
        certFile: f('server.pem'),
        keyFile: f('server.key'),
        caFile: f('ca.pem'),
        clientCaFile: f('ca.pem'),
        clientCaKeyFile: f('ca.key'),
      }),
      tmp(),
      names,
    );
    expect(tls?.caPem).toBe(read(f('ca.pem')));
    expect(tls?.files).toEqual({
      cert: f('server.pem'),
      key: f('server.key'),
      ca: f('ca.pem'),
      clientCa: f('ca.pem'),
    });
    const cert = new X509Certificate(await tls!.issueSiteCertificate('s9', siteKeys().publicPem));
    expect(cert.verify(new X509Certificate(read(f('ca.pem'))).publicKey)).toBe(true);
    // tls mode: clientCaFile + clientCaKeyFile sign site (Inference) certificates; without them there is no key to sign with.
    const tlsWith = await loadGrpcTls(
      settings({
        mode: 'tls',
        certFile: f('server.pem'),
        keyFile: f('server.key'),
        caFile: f('ca.pem'),
        clientCaFile: f('ca.pem'),
        clientCaKeyFile: f('ca.key'),
      }),
      tmp(),
      names,
    );
    expect(tlsWith?.issuesSiteCertificates).toBe(true);
    expect(
      new X509Certificate(await tlsWith!.issueSiteCertificate('s9', siteKeys().publicPem)).verify(
        new X509Certificate(read(f('ca.pem'))).publicKey,
      ),
    ).toBe(true);
    const tlsWithout = await loadGrpcTls(
      settings({
        mode: 'tls',
        certFile: f('server.pem'),
        keyFile: f('server.key'),
        caFile: f('ca.pem'),
      }),
      tmp(),
      names,
    );
    expect(tlsWithout?.issuesSiteCertificates).toBe(false);
    await expect(tlsWithout!.issueSiteCertificate('s9', siteKeys().publicPem)).rejects.toThrow(
      /no CA key to sign site certificates/,
    );
  });

  it('names the setting and the file when one cannot be read or holds the wrong thing', async () => {
    const a = tmp();
    const b = tmp();
    await loadGrpcTls(settings(), a, names);
    await loadGrpcTls(settings(), b, names);
    const f = (d: string, n: string) => join(d, 'grpc-tls', n);
    const missing = loadGrpcTls(
      settings({
        mode: 'tls',
        certFile: '/nonexistent/server.pem',
        keyFile: f(a, 'server.key'),
        caFile: f(a, 'ca.pem'),
      }),
      tmp(),
      names,
    );
    await expect(missing).rejects.toBeInstanceOf(TlsFileUnreadableError);
    await expect(missing).rejects.toThrow(
      /^grpc\.tls\.certFile: cannot read \/nonexistent\/server\.pem/,
    );
    // b's CA did not issue a's server certificate: agents pinning it would refuse the coordinator.
    const wrongCa = loadGrpcTls(
      settings({
        mode: 'tls',
        certFile: f(a, 'server.pem'),
        keyFile: f(a, 'server.key'),
        caFile: f(b, 'ca.pem'),
      }),
      tmp(),
      names,
    );
    await expect(wrongCa).rejects.toBeInstanceOf(TlsPemInvalidError);
    await expect(wrongCa).rejects.toThrow(/^grpc\.tls\.caFile: .* did not issue/);
    const keyAsCert = loadGrpcTls(
      settings({
        mode: 'tls',
        certFile: f(a, 'server.key'),
        keyFile: f(a, 'server.key'),
        caFile: f(a, 'ca.pem'),
      }),
      tmp(),
      names,
    );
    await expect(keyAsCert).rejects.toThrow(
      /^grpc\.tls\.certFile: .* does not hold a PEM certificate/,
    );
    const certAsKey = tmp();
    copyFileSync(f(a, 'ca.pem'), join(certAsKey, 'ca.key'));
    const badClientKey = loadGrpcTls(
      settings({ clientCaFile: f(a, 'ca.pem'), clientCaKeyFile: join(certAsKey, 'ca.key') }),
      tmp(),
      names,
    );
    await expect(badClientKey).rejects.toThrow(
      /^grpc\.tls\.clientCaKeyFile: .* is not an ECDSA P-256 private key/,
    );
  });
});

it('serverNamesFor: advertised host, bound host unless a wildcard, loopback, extras', () => {
  expect(
    serverNamesFor({
      bindHost: '0.0.0.0',
      advertise: 'coord.example.net:50051',
      extra: ['10.0.0.5'],
    }),
  ).toEqual(
    expect.arrayContaining(['coord.example.net', '10.0.0.5', 'localhost', '127.0.0.1', '::1']),
  );
  expect(serverNamesFor({ bindHost: '0.0.0.0', extra: [] })).not.toContain('0.0.0.0');
  expect(
    serverNamesFor({ bindHost: '10.1.2.3', advertise: '[2001:db8::1]:50051', extra: [] }),
  ).toEqual(expect.arrayContaining(['10.1.2.3', '2001:db8::1']));
});

// A real handshake: a one-method service that answers with the site its caller's certificate names.
describe('mtls server credentials over a real socket', () => {
  const who = {
    path: '/edgefleet.test.Who/Who',
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  } as const;
  const servers: grpc.Server[] = [];
  afterAll(() => {
    for (const s of servers) s.forceShutdown();
  });

  async function serve(creds: grpc.ServerCredentials): Promise<number> {
    const server = new grpc.Server();
    servers.push(server);
    server.addService(
      { Who: who },
      {
        Who: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) =>
          cb(null, Buffer.from(certificateSiteId(call.getAuthContext()) ?? '-')),
      },
    );
    return new Promise((res, rej) =>
      server.bindAsync('127.0.0.1:0', creds, (err, port) => (err ? rej(err) : res(port))),
    );
  }

  function ask(port: number, creds: grpc.ChannelCredentials): Promise<string> {
    const Client = grpc.makeGenericClientConstructor({ Who: who }, 'Who');
    const client = new Client(`127.0.0.1:${port}`, creds);
    return new Promise<string>((res, rej) => {
      client.makeUnaryRequest(
        who.path,
        who.requestSerialize,
        who.responseDeserialize,
        Buffer.alloc(0),
        { deadline: Date.now() + 3000 },
        (err, v) => (err ? rej(err) : res(v?.toString() ?? '')),
      );
    }).finally(() => client.close());
  }

  it('shows the site of a certificate from the client CA; none for no certificate or one from another CA; refuses plaintext and a client pinning another CA', async () => {
    const tls = (await loadGrpcTls(settings(), tmp(), names))!;
    const other = (await loadGrpcTls(settings(), tmp(), names))!;
    const port = await serve(tls.serverCredentials());
    const ca = Buffer.from(tls.caPem);
    const k = siteKeys();
    const mine = await tls.issueSiteCertificate('site-a', k.publicPem);
    const foreign = await other.issueSiteCertificate('site-a', k.publicPem);
    expect(
      await ask(port, grpc.credentials.createSsl(ca, Buffer.from(k.privatePem), Buffer.from(mine))),
    ).toBe('site-a');
    expect(await ask(port, grpc.credentials.createSsl(ca))).toBe('-');
    expect(
      await ask(
        port,
        grpc.credentials.createSsl(ca, Buffer.from(k.privatePem), Buffer.from(foreign)),
      ),
    ).toBe('-');
    await expect(ask(port, grpc.credentials.createInsecure())).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
    await expect(
      ask(port, grpc.credentials.createSsl(Buffer.from(other.caPem))),
    ).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  it('tls mode: server certificate only', async () => {
    const tls = (await loadGrpcTls(settings({ mode: 'tls' }), tmp(), names))!;
    expect(tls.clientCaPem).toBeUndefined();
    // No client certificates asked for, but sites still get a certificate for their Inference endpoint, from the CA.
    expect(tls.issuesSiteCertificates).toBe(true);
    expect(
      new X509Certificate(await tls.issueSiteCertificate('s1', siteKeys().publicPem)).verify(
        new X509Certificate(tls.caPem).publicKey,
      ),
    ).toBe(true);
    const port = await serve(tls.serverCredentials());
    expect(await ask(port, grpc.credentials.createSsl(Buffer.from(tls.caPem)))).toBe('-');
    await expect(ask(port, grpc.credentials.createInsecure())).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
  });
});
