import { EdgefleetError } from '@edgefleet/common';
import { readCredentials, writeCredentials, type Credentials } from './credentials.js';
import { newClientKeyPair, type GrpcTlsMaterial } from './grpc-tls.js';
import { newSiteKeyPair } from './site-key.js';

export class EnrollmentFailedError extends EdgefleetError {
  constructor(status: number, code: string, message: string) {
    super('ENROLLMENT_FAILED', `enrollment refused (${status} ${code}): ${message}`, {
      status,
      code,
    });
  }
}

export class CoordinatorUnreachableError extends EdgefleetError {
  constructor(url: string, cause: unknown) {
    super(
      'COORDINATOR_UNREACHABLE',
      `cannot reach the coordinator at ${url}: ${(cause as Error)?.message ?? String(cause)}`,
      { url },
      { cause },
    );
  }
}

export interface EnrollInput {
  coordinatorHttp: string;
  code: string;
  name: string;
  siteId?: string;
  region: string;
  lat: number;
  lon: number;
  tariff?: { startHour: number; endHour: number; pricePerKwh: number }[];
  /** How long to wait for the coordinator's answer (default 10 s). */
  timeoutMs?: number;
  /** Hosts vehicles dial for this site's Inference (inference.advertise's host): DNS/IP names of the site certificate. */
  inferenceHosts?: string[];
}

interface EnrollReply {
  siteId: string;
  secret: string;
  mqtt: { url: string; username: string; password: string };
  grpc: { controlEndpoint: string; tls?: GrpcTlsReply };
  signingKeys: { kid: string; public_key_pem: string }[];
}

type GrpcTlsReply = { mode: 'off' | 'tls' | 'mtls'; caPem?: string; clientCertPem?: string };

/** The coordinator's gRPC TLS answer (enroll or tls-renew) with the site's private key, checked complete; undefined for plaintext. */
function tlsMaterial(
  tls: GrpcTlsReply | undefined,
  privateKeyPem: string,
): GrpcTlsMaterial | undefined {
  if (!tls || tls.mode === 'off') return undefined;
  if (!tls.caPem)
    throw new EnrollmentTlsIncompleteError(tls.mode, 'CA certificate (grpc.tls.caPem)');
  if (tls.mode === 'mtls' && !tls.clientCertPem)
    throw new EnrollmentTlsIncompleteError(tls.mode, 'client certificate (grpc.tls.clientCertPem)');
  return {
    mode: tls.mode,
    caPem: tls.caPem,
    ...(tls.clientCertPem ? { certPem: tls.clientCertPem, keyPem: privateKeyPem } : {}),
  };
}

/** The coordinator refused to renew the site's gRPC TLS material (wrong or revoked credentials, bad key…). */
export class TlsRenewalFailedError extends EdgefleetError {
  constructor(status: number, code: string, message: string) {
    super('TLS_RENEWAL_FAILED', `gRPC TLS renewal refused (${status} ${code}): ${message}`, {
      status,
      code,
    });
  }
}

/**
 * `edgefleet-agent tls-renew`: an enrolled site fetches, with its secret, the CA to pin and (mtls) a
 * client certificate for a new key pair, and stores them beside credentials.json (0600). For a site
 * enrolled before the coordinator turned gRPC TLS on, and before the site certificate expires.
 */
export async function renewGrpcTls(
  dataDir: string,
  timeoutMs = 10_000,
  inferenceHosts: string[] = [],
): Promise<Credentials> {
  const creds = readCredentials(dataDir);
  const keys = newClientKeyPair();
  const url = `${creds.coordinator.http.replace(/\/$/, '')}/api/v1/sites/${encodeURIComponent(creds.siteId)}/grpc-tls`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        secret: creds.secret,
        tlsPublicKeyPem: keys.publicKeyPem,
        inferenceHosts,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new CoordinatorUnreachableError(url, err);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<GrpcTlsReply> & {
    error?: { code: string; message: string };
  };
  if (!res.ok || !body.mode)
    throw new TlsRenewalFailedError(
      res.status,
      body.error?.code ?? 'UNKNOWN',
      body.error?.message ?? 'no reason given',
    );
  const grpcTls = tlsMaterial(body as GrpcTlsReply, keys.privateKeyPem);
  const { grpcTls: _old, ...rest } = creds;
  const next: Credentials = { ...rest, ...(grpcTls ? { grpcTls } : {}) };
  writeCredentials(dataDir, next);
  return next;
}

/** The coordinator runs gRPC TLS but its enrollment answer lacks the CA (or, with mtls, the client certificate). */
export class EnrollmentTlsIncompleteError extends EdgefleetError {
  constructor(mode: string, missing: string) {
    super(
      'ENROLLMENT_TLS_INCOMPLETE',
      `the coordinator runs gRPC ${mode} but its answer has no ${missing}`,
      { mode, missing },
    );
  }
}

/**
 * Exchanges a one-time code for the site's identity and credentials. The agent makes its own key
 * pairs: Ed25519 (publicKeyPem; the private half, siteKeyPem, signs burn batches and is written as
 * site-key.pem by writeCredentials) and, for a gRPC mTLS client certificate, ECDSA P-256 (tlsPublicKeyPem;
 * sent always, used only when the coordinator runs mtls; the private key never leaves the site).
 */
export async function enroll(input: EnrollInput): Promise<Credentials> {
  const siteKey = newSiteKeyPair();
  const tlsKeys = newClientKeyPair();
  const url = `${input.coordinatorHttp.replace(/\/$/, '')}/api/v1/enroll`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: input.code,
        name: input.name,
        region: input.region,
        lat: input.lat,
        lon: input.lon,
        tariff: input.tariff ?? [],
        publicKeyPem: siteKey.publicKeyPem,
        tlsPublicKeyPem: tlsKeys.publicKeyPem,
        inferenceHosts: input.inferenceHosts ?? [],
        ...(input.siteId ? { siteId: input.siteId } : {}),
      }),
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new CoordinatorUnreachableError(url, err);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<EnrollReply> & {
    error?: { code: string; message: string };
  };
  if (!res.ok || !body.siteId || !body.secret) {
    throw new EnrollmentFailedError(
      res.status,
      body.error?.code ?? 'UNKNOWN',
      body.error?.message ?? 'no reason given',
    );
  }
  const grpcTls = tlsMaterial(body.grpc?.tls, tlsKeys.privateKeyPem);
  return {
    ...(grpcTls ? { grpcTls } : {}),
    siteId: body.siteId,
    secret: body.secret,
    coordinator: { grpc: body.grpc?.controlEndpoint ?? '', http: input.coordinatorHttp },
    mqtt: { url: body.mqtt?.url ?? '' },
    signingKeys: body.signingKeys ?? [],
    location: { lat: input.lat, lon: input.lon, region: input.region },
    enrolledAt: new Date().toISOString(),
    siteKeyPem: siteKey.privateKeyPem,
  };
}
