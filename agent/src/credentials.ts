import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EdgefleetError } from '@edgefleet/common';
import { GRPC_TLS_FILES, type GrpcTlsMaterial } from './grpc-tls.js';
import { writeSiteKey } from './site-key.js';

/** What enrollment hands the agent; stored mode 0600 under the data directory. */
export interface Credentials {
  siteId: string;
  secret: string;
  coordinator: { grpc: string; http: string };
  mqtt: { url: string };
  signingKeys: { kid: string; public_key_pem: string }[];
  location: { lat: number; lon: number; region: string };
  enrolledAt: string;
  /**
   * gRPC TLS from enrollment (absent: plaintext). On disk the PEMs are separate 0600 files beside
   * credentials.json (GRPC_TLS_FILES) and credentials.json keeps only the mode.
   */
  grpcTls?: GrpcTlsMaterial;
  /**
   * The site's Ed25519 private key (PEM) from enrollment, which signs burn batches. On disk it is
   * site-key.pem (0600) beside credentials.json (agent/src/site-key.ts); readCredentials leaves it there.
   */
  siteKeyPem?: string;
}

/** credentials.json names gRPC TLS but a PEM file beside it is missing or unreadable. */
export class GrpcTlsFileMissingError extends EdgefleetError {
  constructor(path: string, cause: unknown) {
    super(
      'GRPC_TLS_FILE_MISSING',
      `${path} is missing or unreadable (the site enrolled with gRPC TLS): restore it or re-enroll the site with a new code`,
      { path },
      { cause },
    );
  }
}

export class CredentialsMissingError extends EdgefleetError {
  constructor(path: string, cause?: unknown) {
    super(
      'CREDENTIALS_MISSING',
      `no site credentials at ${path}: run "edgefleet-agent enroll" first`,
      { path },
      { cause },
    );
  }
}

export function credentialsPath(dataDir: string): string {
  return join(dataDir, 'credentials.json');
}

/** Writes atomically with mode 0600. */
/** Writes a secret atomically: a temporary file of mode 0600, then a rename over `path`. */
export function writeSecret(path: string, content: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function writeCredentials(dataDir: string, c: Credentials): string {
  const path = credentialsPath(dataDir);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { grpcTls, siteKeyPem, ...rest } = c;
  // The PEMs first: credentials.json naming TLS is the commit point.
  if (siteKeyPem) writeSiteKey(dataDir, siteKeyPem);
  if (grpcTls) {
    writeSecret(join(dataDir, GRPC_TLS_FILES.ca), grpcTls.caPem);
    if (grpcTls.certPem && grpcTls.keyPem) {
      writeSecret(join(dataDir, GRPC_TLS_FILES.key), grpcTls.keyPem);
      writeSecret(join(dataDir, GRPC_TLS_FILES.cert), grpcTls.certPem);
    }
  }
  // mtls always has a site certificate; tls has one since Inference TLS (`siteCert: true`).
  const siteCert =
    grpcTls?.mode === 'tls' && grpcTls.certPem && grpcTls.keyPem ? { siteCert: true } : {};
  writeSecret(
    path,
    JSON.stringify(
      { ...rest, ...(grpcTls ? { grpcTls: { mode: grpcTls.mode, ...siteCert } } : {}) },
      null,
      2,
    ),
  );
  return path;
}

function readTlsFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new GrpcTlsFileMissingError(path, err);
  }
}

export function readCredentials(dataDir: string): Credentials {
  const path = credentialsPath(dataDir);
  let c: Credentials;
  try {
    c = JSON.parse(readFileSync(path, 'utf8')) as Credentials;
  } catch (err) {
    throw new CredentialsMissingError(path, err);
  }
  const mode = c.grpcTls?.mode;
  const siteCert = (c.grpcTls as { siteCert?: unknown } | undefined)?.siteCert === true;
  if (mode === 'tls' || mode === 'mtls') {
    c.grpcTls = {
      mode,
      caPem: readTlsFile(join(dataDir, GRPC_TLS_FILES.ca)),
      ...(mode === 'mtls' || siteCert
        ? {
            certPem: readTlsFile(join(dataDir, GRPC_TLS_FILES.cert)),
            keyPem: readTlsFile(join(dataDir, GRPC_TLS_FILES.key)),
          }
        : {}),
    };
  } else delete c.grpcTls;
  return c;
}

/** The agent settings that come from the credentials file (cli run, doctor). */
export function credentialOverrides(dataDir: string, c: Credentials): Record<string, unknown> {
  return {
    dataDir,
    siteId: c.siteId,
    secret: c.secret,
    coordinator: { grpc: c.coordinator.grpc, tls: c.grpcTls ?? { mode: 'off' } },
    mqtt: { url: c.mqtt.url },
    signingKeys: c.signingKeys,
    location: c.location,
  };
}
