import { X509Certificate as NodeX509, randomBytes, webcrypto } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
// @peculiar/x509 2.x resolves its ASN.1 helpers with tsyringe, which needs the Reflect metadata API first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describeError } from '@edgefleet/common';
import { siteUri } from '@edgefleet/proto';
import {
  TlsFileUnreadableError,
  TlsPemInvalidError,
  TlsPublicKeyInvalidError,
  TlsPublicKeyRequiredError,
} from './errors.js';

/*
 * The certificate authority behind gRPC TLS (docs/security.md "gRPC TLS and mTLS"): CA creation,
 * certificate issuing (the coordinator's server certificate, each site's certificate at enrollment)
 * and the PEM helpers both need. ECDSA P-256 / SHA-256 throughout: every TLS stack the agents and
 * clients may use (OpenSSL under grpc-js, BoringSSL under grpc-go/C++, rustls) accepts it.
 * @peculiar/x509 builds the certificates over Node's WebCrypto.
 */
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const webcryptoImpl = webcrypto;
x509.cryptoProvider.set(webcryptoImpl as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const DAY_MS = 86_400_000;
/** Certificates start this long in the past: a site whose clock runs a little behind still accepts them. */
const BACKDATE_MS = 10 * 60_000;
const CA_DAYS = 3650;

/** A CA certificate and its private key: what signs certificates. */
export interface Signer {
  cert: x509.X509Certificate;
  key: CryptoKey;
}

/** What enrollment needs of the CA: the mode sites are told, the CA they pin, and site certificates. */
export interface SiteCertificateIssuer {
  mode: 'tls' | 'mtls';
  /** The CA certificate(s) agents and clients pin to verify the coordinator's server certificate (PEM). */
  caPem: string;
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
  issueSiteCertificate(
    siteId: string,
    publicKeyPem: string,
    inferenceHosts?: readonly string[],
  ): Promise<string>;
}

/** A signer from a CA certificate PEM and its PKCS#8 key PEM (`setting` and `path` name them in errors). */
export async function loadSigner(
  certPem: string,
  keyPemText: string,
  setting: string,
  path: string,
): Promise<Signer> {
  return {
    cert: new x509.X509Certificate(certPem),
    key: await importSigningKey(keyPemText, setting, path),
  };
}

function keyPem(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

export async function importSigningKey(
  pem: string,
  setting: string,
  path: string,
): Promise<CryptoKey> {
  try {
    return await webcryptoImpl.subtle.importKey(
      'pkcs8',
      x509.PemConverter.decodeFirst(pem),
      EC_KEY,
      true,
      ['sign'],
    );
  } catch (err) {
    throw new TlsPemInvalidError(
      setting,
      path,
      `is not an ECDSA P-256 private key in PKCS#8 PEM (${describeError(err)})`,
    );
  }
}

export function readPemFile(setting: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new TlsFileUnreadableError(setting, path, err);
  }
}

export function parseCert(pem: string, setting: string, path: string): NodeX509 {
  try {
    return new NodeX509(pem);
  } catch (err) {
    throw new TlsPemInvalidError(
      setting,
      path,
      `does not hold a PEM certificate (${describeError(err)})`,
    );
  }
}

/** Writes atomically; private keys 0600. */
export function writePemFile(path: string, content: string, secret: boolean): void {
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

export async function newKeyPair(): Promise<CryptoKeyPair> {
  return (await webcryptoImpl.subtle.generateKey(EC_KEY, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

export async function exportKey(key: CryptoKey): Promise<string> {
  return keyPem(await webcryptoImpl.subtle.exportKey('pkcs8', key));
}

/** A self-signed CA (10 years) that may sign end-entity certificates only. */
export async function createCa(commonName: string): Promise<{ certPem: string; keyPem: string }> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}, O=edgefleet`,
    ...validity(CA_DAYS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

/** An end-entity certificate signed by `signer`: a server's (serverAuth), or a site's (clientAuth + serverAuth). */
export async function issueCertificate(
  signer: Signer,
  o: {
    subject: string;
    publicKey: CryptoKey | x509.PublicKey;
    days: number;
    san: x509.JsonGeneralNames;
    usage: 'server' | 'site';
  },
): Promise<string> {
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
      new x509.ExtendedKeyUsageExtension(
        o.usage === 'server'
          ? [x509.ExtendedKeyUsage.serverAuth]
          : [x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.serverAuth],
      ),
      new x509.SubjectAlternativeNameExtension(o.san),
      await x509.AuthorityKeyIdentifierExtension.create(signer.cert.publicKey),
    ],
  });
  return cert.toString('pem');
}

export function sanJson(names: readonly string[]): x509.JsonGeneralNames {
  return names.map((n) => ({ type: isIP(n) ? 'ip' : 'dns', value: n }) as const);
}

/** The DNS names and IP addresses in a certificate's subjectAltName, normalised like serverNamesFor. */
export function sanOf(cert: NodeX509): Set<string> {
  const out = new Set<string>();
  for (const part of (cert.subjectAltName ?? '').split(', ')) {
    const m = /^(DNS|IP Address):(.+)$/.exec(part.trim());
    if (m?.[2]) out.add(m[2].toLowerCase() === '0:0:0:0:0:0:0:1' ? '::1' : m[2]);
  }
  return out;
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
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256')
    throw new TlsPublicKeyInvalidError(
      `got ${alg.name}${alg.namedCurve ? ` ${alg.namedCurve}` : ''}`,
    );
  return key;
}

/** A site's certificate (see SiteCertificateIssuer.issueSiteCertificate), signed by `signer`. */
export async function issueSiteCertificate(
  signer: Signer,
  o: { siteId: string; publicKeyPem: string; inferenceHosts?: readonly string[]; days: number },
): Promise<string> {
  const publicKey = await sitePublicKey(o.publicKeyPem);
  return issueCertificate(signer, {
    subject: `CN=${o.siteId}, O=edgefleet site`,
    publicKey,
    days: o.days,
    san: [
      { type: 'url', value: siteUri(o.siteId) },
      ...sanJson([...new Set(o.inferenceHosts ?? [])]),
    ],
    usage: 'site',
  });
}
