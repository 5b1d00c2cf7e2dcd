import { X509Certificate as NodeX509, randomBytes, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
// @peculiar/x509 2.x resolves its ASN.1 helpers with tsyringe, which needs the Reflect metadata API first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describeError, EdgefleetError, splitHostPort } from '@edgefleet/common';
import { siteUri } from '@edgefleet/proto';

/*
 * gRPC TLS material (docs/security.md "gRPC TLS and mTLS"). ECDSA P-256 / SHA-256 throughout: every
 * TLS stack the agents and clients may use (OpenSSL under grpc-js, BoringSSL under grpc-go/C++,
 * rustls) accepts it. @peculiar/x509 builds the certificates over Node's WebCrypto.
 */
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const webcryptoImpl = webcrypto;
x509.cryptoProvider.set(webcryptoImpl as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** Certificates start this long in the past: a site whose clock runs a little behind still accepts them. */
const BACKDATE_MS = 10 * 60_000;
/** A self-issued server certificate this close to expiry is replaced at start. */
const RENEW_BEFORE_MS = 30 * DAY_MS;
const CA_DAYS = 3650;
const SERVER_DAYS = 397;

export type GrpcTlsMode = 'off' | 'tls' | 'mtls';

export interface GrpcTlsSettings {
  mode: GrpcTlsMode;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  caFile?: string | undefined;
  clientCaFile?: string | undefined;
  clientCaKeyFile?: string | undefined;
  serverNames: string[];
  clientCertDays: number;
}

/** An operator-provided PEM file cannot be read. `setting` is its config path (grpc.tls.certFile…). */
export class TlsFileUnreadableError extends EdgefleetError {
  constructor(setting: string, path: string, cause: unknown) {
    super('TLS_FILE_UNREADABLE', `${setting}: cannot read ${path}: ${describeError(cause)}`, { setting, path }, { cause });
  }
}

/** A PEM file (operator-provided or in the data directory) does not hold what its setting says. */
export class TlsPemInvalidError extends EdgefleetError {
  constructor(setting: string, path: string, why: string) {
    super('TLS_PEM_INVALID', `${setting}: ${path} ${why}`, { setting, path });
  }
}

/** Enrollment in mtls mode without the agent's public key for its client certificate. */
export class TlsPublicKeyRequiredError extends EdgefleetError {
  constructor() {
    super('INVALID_TLS_PUBLIC_KEY', 'tlsPublicKeyPem is required: the coordinator runs gRPC with mTLS and issues each site a client certificate for that key (an ECDSA P-256 SPKI PEM)', {});
  }
}

/** The agent's public key for its client certificate is not an ECDSA P-256 SPKI PEM. */
export class TlsPublicKeyInvalidError extends EdgefleetError {
  constructor(why: string) {
    super('INVALID_TLS_PUBLIC_KEY', `tlsPublicKeyPem must be an ECDSA P-256 public key in SPKI PEM: ${why}`, {});
  }
}

interface Signer {
  cert: x509.X509Certificate;
  key: CryptoKey;
}

/** What the gRPC server and enrollment need when TLS is on. */
export interface GrpcTls {
  mode: 'tls' | 'mtls';
  /** The CA certificate(s) agents and clients pin to verify the coordinator's server certificate (PEM). */
  caPem: string;
  /** mtls: the CA that signs and verifies site client certificates (PEM). */
  clientCaPem?: string;
  serverCredentials(): grpc.ServerCredentials;
  /**
   * Whether sites get a certificate (below): always with the self-managed CA or clientCaFile +
   * clientCaKeyFile; not in tls mode with operator server files and no client CA files (no key to sign with).
   */
  issuesSiteCertificates: boolean;
  /**
   * The site certificate for the agent's P-256 public key (PEM), validity `clientCertDays`: CN and
   * URI SAN name `siteId`; clientAuth (EdgeControl in mtls) and serverAuth (the site's Inference
   * endpoint), with a DNS/IP SAN for each of `inferenceHosts`.
   */
  issueSiteCertificate(siteId: string, publicKeyPem: string, inferenceHosts?: readonly string[]): Promise<string>;
  /** Paths of the files in use (for the log line at start). */
  files: { cert: string; key: string; ca: string; clientCa?: string };
}

function keyPem(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importSigningKey(pem: string, setting: string, path: string): Promise<CryptoKey> {
  try {
    return await webcryptoImpl.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), EC_KEY, true, ['sign']);
  } catch (err) {
    throw new TlsPemInvalidError(setting, path, `is not an ECDSA P-256 private key in PKCS#8 PEM (${describeError(err)})`);
  }
}

function readFile(setting: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new TlsFileUnreadableError(setting, path, err);
  }
}

function parseCert(pem: string, setting: string, path: string): NodeX509 {
  try {
    return new NodeX509(pem);
  } catch (err) {
    throw new TlsPemInvalidError(setting, path, `does not hold a PEM certificate (${describeError(err)})`);
  }
}

/** Writes atomically; private keys 0600. */
function writeFile(path: string, content: string, secret: boolean): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content, { mode: secret ? 0o600 : 0o644 });
  if (secret) chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function serial(): string {
  const b = randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f; // positive
  return b.toString('hex');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + days * DAY_MS) };
}

async function newKeyPair(): Promise<CryptoKeyPair> {
  return (await webcryptoImpl.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function exportKey(key: CryptoKey): Promise<string> {
  return keyPem(await webcryptoImpl.subtle.exportKey('pkcs8', key));
}

async function createCa(commonName: string): Promise<{ certPem: string; keyPem: string }> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}, O=edgefleet`,
    ...validity(CA_DAYS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

async function issue(signer: Signer, o: { subject: string; publicKey: CryptoKey | x509.PublicKey; days: number; san: x509.JsonGeneralNames; usage: 'server' | 'site' }): Promise<string> {
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: o.subject,
    issuer: signer.cert.subject,
    ...validity(o.days),
    publicKey: o.publicKey,
    signingKey: signer.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      // A site certificate is both EdgeControl's client certificate and the site's Inference server certificate.
      new x509.ExtendedKeyUsageExtension(o.usage === 'server' ? [x509.ExtendedKeyUsage.serverAuth] : [x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(o.san),
      await x509.AuthorityKeyIdentifierExtension.create(signer.cert.publicKey),
    ],
  });
  return cert.toString('pem');
}

/** Host names and addresses the server certificate must carry: the advertised host, the bound one, loopback, this host, extras. */
export function serverNamesFor(o: { bindHost: string; advertise?: string | undefined; extra: readonly string[] }): string[] {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1', hostname()]);
  if (o.advertise) names.add(splitHostPort(o.advertise).host);
  if (!['0.0.0.0', '::', ''].includes(o.bindHost)) names.add(o.bindHost);
  for (const n of o.extra) names.add(n);
  return [...names].filter(Boolean).sort();
}

function sanJson(names: readonly string[]): x509.JsonGeneralNames {
  return names.map((n) => ({ type: isIP(n) ? 'ip' : 'dns', value: n }) as const);
}

/** The DNS names and IP addresses in a certificate's subjectAltName, normalised like serverNamesFor. */
function sanOf(cert: NodeX509): Set<string> {
  const out = new Set<string>();
  for (const part of (cert.subjectAltName ?? '').split(', ')) {
    const m = /^(DNS|IP Address):(.+)$/.exec(part.trim());
    if (m?.[2]) out.add(m[2].toLowerCase() === '0:0:0:0:0:0:0:1' ? '::1' : m[2]);
  }
  return out;
}

/**
 * Loads (or, with no operator files, creates once under `<dataDir>/grpc-tls/` and reuses) the gRPC
 * TLS material. Self-managed: a CA (10 years) and a server certificate for `serverNames` (397 days,
 * re-issued at start when the names change or it is within 30 days of expiry). Operator files:
 * certFile + keyFile (+ caFile, what agents pin) for the server; clientCaFile + clientCaKeyFile for
 * site certificates (mtls). Returns undefined when mode is off.
 */
export async function loadGrpcTls(settings: GrpcTlsSettings, dataDir: string, serverNames: readonly string[]): Promise<GrpcTls | undefined> {
  if (settings.mode === 'off') return undefined;
  const dir = join(dataDir, 'grpc-tls');
  let internalCa: { signer: Signer; pem: string; path: string } | undefined;
  const ownCa = async () => {
    if (internalCa) return internalCa;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const caPath = join(dir, 'ca.pem');
    const caKeyPath = join(dir, 'ca.key');
    if (!existsSync(caPath) || !existsSync(caKeyPath)) {
      const ca = await createCa(`edgefleet gRPC CA ${hostname()}`);
      writeFile(caKeyPath, ca.keyPem, true);
      writeFile(caPath, ca.certPem, false);
    }
    const pem = readFile('grpc.tls (self-managed CA)', caPath);
    parseCert(pem, 'grpc.tls (self-managed CA)', caPath);
    const key = await importSigningKey(readFile('grpc.tls (self-managed CA key)', caKeyPath), 'grpc.tls (self-managed CA key)', caKeyPath);
    internalCa = { signer: { cert: new x509.X509Certificate(pem), key }, pem, path: caPath };
    return internalCa;
  };

  // Server certificate.
  let certPem: string;
  let serverKeyPem: string;
  let caPem: string;
  const files: GrpcTls['files'] = { cert: '', key: '', ca: '' };
  if (settings.certFile && settings.keyFile) {
    certPem = readFile('grpc.tls.certFile', settings.certFile);
    parseCert(certPem, 'grpc.tls.certFile', settings.certFile);
    serverKeyPem = readFile('grpc.tls.keyFile', settings.keyFile);
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(serverKeyPem)) throw new TlsPemInvalidError('grpc.tls.keyFile', settings.keyFile, 'does not hold a PEM private key');
    const caFile = settings.caFile as string; // the schema requires caFile with certFile
    caPem = readFile('grpc.tls.caFile', caFile);
    const ca = parseCert(caPem, 'grpc.tls.caFile', caFile);
    const chain = certPem.split(/(?=-----BEGIN CERTIFICATE-----)/).filter((p) => p.includes('BEGIN CERTIFICATE')).map((p) => parseCert(p, 'grpc.tls.certFile', settings.certFile as string));
    if (!chain.some((c) => c.fingerprint256 === ca.fingerprint256 || (c.checkIssued(ca) && c.verify(ca.publicKey)))) {
      throw new TlsPemInvalidError('grpc.tls.caFile', caFile, `did not issue the certificate chain in ${settings.certFile} (agents pinning it would refuse the coordinator)`);
    }
    Object.assign(files, { cert: settings.certFile, key: settings.keyFile, ca: caFile });
  } else {
    const ca = await ownCa();
    caPem = ca.pem;
    const certPath = join(dir, 'server.pem');
    const keyPath = join(dir, 'server.key');
    const wanted = [...serverNames].sort();
    let reuse = false;
    if (existsSync(certPath) && existsSync(keyPath)) {
      const cur = parseCert(readFile('grpc.tls (self-managed server certificate)', certPath), 'grpc.tls (self-managed server certificate)', certPath);
      const have = sanOf(cur);
      reuse = cur.checkIssued(new NodeX509(ca.pem)) && cur.verify(new NodeX509(ca.pem).publicKey)
        && Date.parse(cur.validTo) - Date.now() > RENEW_BEFORE_MS && wanted.every((n) => have.has(n));
    }
    if (!reuse) {
      const keys = await newKeyPair();
      const pem = await issue(ca.signer, { subject: `CN=${wanted.find((n) => !isIP(n)) ?? 'edgefleet-coordinator'}, O=edgefleet`, publicKey: keys.publicKey, days: SERVER_DAYS, san: sanJson(wanted), usage: 'server' });
      writeFile(keyPath, await exportKey(keys.privateKey), true);
      writeFile(certPath, pem, false);
    }
    certPem = readFile('grpc.tls (self-managed server certificate)', certPath);
    serverKeyPem = readFile('grpc.tls (self-managed server key)', keyPath);
    Object.assign(files, { cert: certPath, key: keyPath, ca: ca.path });
  }

  // The operator's client CA (certificate + key), in any mode: it signs site certificates.
  let fileCa: { signer: Signer; pem: string } | undefined;
  if (settings.clientCaFile && settings.clientCaKeyFile) {
    const pem = readFile('grpc.tls.clientCaFile', settings.clientCaFile);
    parseCert(pem, 'grpc.tls.clientCaFile', settings.clientCaFile);
    const key = await importSigningKey(readFile('grpc.tls.clientCaKeyFile', settings.clientCaKeyFile), 'grpc.tls.clientCaKeyFile', settings.clientCaKeyFile);
    fileCa = { signer: { cert: new x509.X509Certificate(pem), key }, pem };
  }
  // Client CA (mtls): verifies site client certificates on EdgeControl.
  let clientCa: { signer: Signer; pem: string } | undefined;
  if (settings.mode === 'mtls') {
    if (fileCa) {
      clientCa = fileCa;
      files.clientCa = settings.clientCaFile;
    } else {
      const ca = await ownCa();
      clientCa = { signer: ca.signer, pem: ca.pem };
      files.clientCa = ca.path;
    }
  }

  // What signs site certificates: the client CA (mtls), else clientCaFile + clientCaKeyFile, else the
  // self-managed CA, which vehicles pin anyway. Operator server files in tls mode with no client CA
  // files: nothing to sign with, and the sites serve Inference in plaintext (docs/security.md).
  let siteSigner: Signer | undefined = clientCa?.signer ?? fileCa?.signer;
  if (!siteSigner && !(settings.certFile && settings.keyFile)) siteSigner = (await ownCa()).signer;

  const mode = settings.mode;
  const keyCertPair = { cert_chain: Buffer.from(certPem), private_key: Buffer.from(serverKeyPem) };
  return {
    mode,
    caPem,
    ...(clientCa ? { clientCaPem: clientCa.pem } : {}),
    files,
    serverCredentials: () => {
      if (!clientCa) return grpc.ServerCredentials.createSsl(null, [keyCertPair], false);
      // mtls: ask every client for a certificate but let the handshake finish without one, so
      // LeaseBroker callers (vehicles, API keys) need none; EdgeControl refuses a stream without a
      // certificate from the client CA that names the site (grpc/site-identity.ts). grpc-js exposes
      // the peer certificate only when it verified against the client CA.
      return grpc.experimental.createCertificateProviderServerCredentials(
        ...bothProviders({ certificate: keyCertPair.cert_chain, privateKey: keyCertPair.private_key }, Buffer.from(clientCa.pem)),
        false,
      );
    },
    issuesSiteCertificates: siteSigner !== undefined,
    issueSiteCertificate: async (siteId, publicKeyPem, inferenceHosts = []) => {
      if (!siteSigner) throw new Error('issueSiteCertificate: no CA key to sign site certificates (grpc.tls.clientCaFile + clientCaKeyFile)');
      const publicKey = await sitePublicKey(publicKeyPem);
      return issue(siteSigner, {
        subject: `CN=${siteId}, O=edgefleet site`, publicKey, days: settings.clientCertDays,
        san: [{ type: 'url', value: siteUri(siteId) }, ...sanJson([...new Set(inferenceHosts)])], usage: 'site',
      });
    },
  };
}

/** Validates the agent's public key before any enrollment state changes. */
export async function sitePublicKey(pem: string | undefined): Promise<x509.PublicKey> {
  if (!pem) throw new TlsPublicKeyRequiredError();
  let key: x509.PublicKey;
  try {
    key = new x509.PublicKey(pem);
  } catch (err) {
    throw new TlsPublicKeyInvalidError(describeError(err));
  }
  const alg = key.algorithm as webcrypto.EcKeyAlgorithm;
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') throw new TlsPublicKeyInvalidError(`got ${alg.name}${alg.namedCurve ? ` ${alg.namedCurve}` : ''}`);
  return key;
}

/**
 * A fixed identity and CA as grpc-js certificate providers. The same object serves both roles, so it
 * does not matter that grpc-js 1.14's createCertificateProviderServerCredentials names its first two
 * parameters in the opposite order from the constructor it calls. The certificates are delivered on
 * a microtask, not inside add…Listener: grpc-js subscribes to the providers before it registers the
 * server's watcher, so a synchronous answer would be lost and every connection dropped.
 */
function bothProviders(identity: { certificate: Buffer; privateKey: Buffer }, caCertificate: Buffer): [grpc.experimental.CertificateProvider, grpc.experimental.CertificateProvider] {
  const p: grpc.experimental.CertificateProvider = {
    addCaCertificateListener: (l) => queueMicrotask(() => l({ caCertificate })),
    removeCaCertificateListener: () => undefined,
    addIdentityCertificateListener: (l) => queueMicrotask(() => l(identity)),
    removeIdentityCertificateListener: () => undefined,
  };
  return [p, p];
}
