import { X509Certificate as NodeX509 } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { splitHostPort } from '@edgefleet/common';
import {
  createCa,
  DAY_MS,
  exportKey,
  issueCertificate,
  issueSiteCertificate,
  loadSigner,
  newKeyPair,
  parseCert,
  readPemFile,
  sanJson,
  sanOf,
  writePemFile,
  type Signer,
  type SiteCertificateIssuer,
} from '../pki/certificates.js';
import { TlsPemInvalidError } from '../pki/errors.js';

/*
 * gRPC TLS material (docs/security.md "gRPC TLS and mTLS"): the files under <dataDir>/grpc-tls/ or
 * the operator's, and the server credentials built from them. The CA and the certificates it issues
 * live in pki/.
 */
/** A self-issued server certificate this close to expiry is replaced at start. */
const RENEW_BEFORE_MS = 30 * DAY_MS;
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

/** What the gRPC server and enrollment need when TLS is on. */
export interface GrpcTls extends SiteCertificateIssuer {
  /** mtls: the CA that signs and verifies site client certificates (PEM). */
  clientCaPem?: string;
  serverCredentials(): grpc.ServerCredentials;
  /** Paths of the files in use (for the log line at start). */
  files: { cert: string; key: string; ca: string; clientCa?: string };
}

/** Host names and addresses the server certificate must carry: the advertised host, the bound one, loopback, this host, extras. */
export function serverNamesFor(o: {
  bindHost: string;
  advertise?: string | undefined;
  extra: readonly string[];
}): string[] {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1', hostname()]);
  if (o.advertise) names.add(splitHostPort(o.advertise).host);
  if (!['0.0.0.0', '::', ''].includes(o.bindHost)) names.add(o.bindHost);
  for (const n of o.extra) names.add(n);
  return [...names].filter(Boolean).sort();
}

/**
 * Loads (or, with no operator files, creates once under `<dataDir>/grpc-tls/` and reuses) the gRPC
 * TLS material. Self-managed: a CA (10 years) and a server certificate for `serverNames` (397 days,
 * re-issued at start when the names change or it is within 30 days of expiry). Operator files:
 * certFile + keyFile (+ caFile, what agents pin) for the server; clientCaFile + clientCaKeyFile for
 * site certificates (mtls). Returns undefined when mode is off.
 */
export async function loadGrpcTls(
  settings: GrpcTlsSettings,
  dataDir: string,
  serverNames: readonly string[],
): Promise<GrpcTls | undefined> {
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
      writePemFile(caKeyPath, ca.keyPem, true);
      writePemFile(caPath, ca.certPem, false);
    }
    const pem = readPemFile('grpc.tls (self-managed CA)', caPath);
    parseCert(pem, 'grpc.tls (self-managed CA)', caPath);
    const signer = await loadSigner(
      pem,
      readPemFile('grpc.tls (self-managed CA key)', caKeyPath),
      'grpc.tls (self-managed CA key)',
      caKeyPath,
    );
    internalCa = { signer, pem, path: caPath };
    return internalCa;
  };

  // Server certificate.
  let certPem: string;
  let serverKeyPem: string;
  let caPem: string;
  const files: GrpcTls['files'] = { cert: '', key: '', ca: '' };
  if (settings.certFile && settings.keyFile) {
    certPem = readPemFile('grpc.tls.certFile', settings.certFile);
    parseCert(certPem, 'grpc.tls.certFile', settings.certFile);
    serverKeyPem = readPemFile('grpc.tls.keyFile', settings.keyFile);
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(serverKeyPem))
      throw new TlsPemInvalidError(
        'grpc.tls.keyFile',
        settings.keyFile,
        'does not hold a PEM private key',
      );
    const caFile = settings.caFile as string; // the schema requires caFile with certFile
    caPem = readPemFile('grpc.tls.caFile', caFile);
    const ca = parseCert(caPem, 'grpc.tls.caFile', caFile);
    const chain = certPem
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .filter((p) => p.includes('BEGIN CERTIFICATE'))
      .map((p) => parseCert(p, 'grpc.tls.certFile', settings.certFile as string));
    if (
      !chain.some(
        (c) =>
          c.fingerprint256 === ca.fingerprint256 || (c.checkIssued(ca) && c.verify(ca.publicKey)),
      )
    ) {
      throw new TlsPemInvalidError(
        'grpc.tls.caFile',
        caFile,
        `did not issue the certificate chain in ${settings.certFile} (agents pinning it would refuse the coordinator)`,
      );
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
      const cur = parseCert(
        readPemFile('grpc.tls (self-managed server certificate)', certPath),
        'grpc.tls (self-managed server certificate)',
        certPath,
      );
      const have = sanOf(cur);
      reuse =
        cur.checkIssued(new NodeX509(ca.pem)) &&
        cur.verify(new NodeX509(ca.pem).publicKey) &&
        Date.parse(cur.validTo) - Date.now() > RENEW_BEFORE_MS &&
        wanted.every((n) => have.has(n));
    }
    if (!reuse) {
      const keys = await newKeyPair();
      const pem = await issueCertificate(ca.signer, {
        subject: `CN=${wanted.find((n) => !isIP(n)) ?? 'edgefleet-coordinator'}, O=edgefleet`,
        publicKey: keys.publicKey,
        days: SERVER_DAYS,
        san: sanJson(wanted),
        usage: 'server',
      });
      writePemFile(keyPath, await exportKey(keys.privateKey), true);
      writePemFile(certPath, pem, false);
    }
    certPem = readPemFile('grpc.tls (self-managed server certificate)', certPath);
    serverKeyPem = readPemFile('grpc.tls (self-managed server key)', keyPath);
    Object.assign(files, { cert: certPath, key: keyPath, ca: ca.path });
  }

  // The operator's client CA (certificate + key), in any mode: it signs site certificates.
  let fileCa: { signer: Signer; pem: string } | undefined;
  if (settings.clientCaFile && settings.clientCaKeyFile) {
    const pem = readPemFile('grpc.tls.clientCaFile', settings.clientCaFile);
    parseCert(pem, 'grpc.tls.clientCaFile', settings.clientCaFile);
    fileCa = {
      signer: await loadSigner(
        pem,
        readPemFile('grpc.tls.clientCaKeyFile', settings.clientCaKeyFile),
        'grpc.tls.clientCaKeyFile',
        settings.clientCaKeyFile,
      ),
      pem,
    };
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
        ...bothProviders(
          { certificate: keyCertPair.cert_chain, privateKey: keyCertPair.private_key },
          Buffer.from(clientCa.pem),
        ),
        false,
      );
    },
    issuesSiteCertificates: siteSigner !== undefined,
    issueSiteCertificate: async (siteId, publicKeyPem, inferenceHosts = []) => {
      if (!siteSigner)
        throw new Error(
          'issueSiteCertificate: no CA key to sign site certificates (grpc.tls.clientCaFile + clientCaKeyFile)',
        );
      return issueSiteCertificate(siteSigner, {
        siteId,
        publicKeyPem,
        inferenceHosts,
        days: settings.clientCertDays,
      });
    },
  };
}

/**
 * A fixed identity and CA as grpc-js certificate providers. The same object serves both roles, so it
 * does not matter that grpc-js 1.14's createCertificateProviderServerCredentials names its first two
 * parameters in the opposite order from the constructor it calls. The certificates are delivered on
 * a microtask, not inside add…Listener: grpc-js subscribes to the providers before it registers the
 * server's watcher, so a synchronous answer would be lost and every connection dropped.
 */
function bothProviders(
  identity: { certificate: Buffer; privateKey: Buffer },
  caCertificate: Buffer,
): [grpc.experimental.CertificateProvider, grpc.experimental.CertificateProvider] {
  const p: grpc.experimental.CertificateProvider = {
    addCaCertificateListener: (l) => queueMicrotask(() => l({ caCertificate })),
    removeCaCertificateListener: () => undefined,
    addIdentityCertificateListener: (l) => queueMicrotask(() => l(identity)),
    removeIdentityCertificateListener: () => undefined,
  };
  return [p, p];
}
