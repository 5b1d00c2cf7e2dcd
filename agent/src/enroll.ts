import { generateKeyPairSync } from 'node:crypto';
import { EdgefleetError } from '@edgefleet/common';
import type { Credentials } from './credentials.js';
import { newClientKeyPair } from './grpc-tls.js';

export class EnrollmentFailedError extends EdgefleetError {
  constructor(status: number, code: string, message: string) {
    super('ENROLLMENT_FAILED', `enrollment refused (${status} ${code}): ${message}`, { status, code });
  }
}

export class CoordinatorUnreachableError extends EdgefleetError {
  constructor(url: string, cause: unknown) {
    super('COORDINATOR_UNREACHABLE', `cannot reach the coordinator at ${url}: ${(cause as Error)?.message ?? String(cause)}`, { url }, { cause });
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
}

interface EnrollReply {
  siteId: string;
  secret: string;
  mqtt: { url: string; username: string; password: string };
  grpc: { controlEndpoint: string; tls?: { mode: 'off' | 'tls' | 'mtls'; caPem?: string; clientCertPem?: string } };
  signingKeys: { kid: string; public_key_pem: string }[];
}

/** The coordinator runs gRPC TLS but its enrollment answer lacks the CA (or, with mtls, the client certificate). */
export class EnrollmentTlsIncompleteError extends EdgefleetError {
  constructor(mode: string, missing: string) {
    super('ENROLLMENT_TLS_INCOMPLETE', `the coordinator runs gRPC ${mode} but its enrollment answer has no ${missing}`, { mode, missing });
  }
}

/**
 * Exchanges a one-time code for the site's identity and credentials. The agent makes its own key
 * pairs: Ed25519 (publicKeyPem) and, for a gRPC mTLS client certificate, ECDSA P-256 (tlsPublicKeyPem;
 * sent always, used only when the coordinator runs mtls; the private key never leaves the site).
 */
export async function enroll(input: EnrollInput): Promise<Credentials> {
  const { publicKey } = generateKeyPairSync('ed25519');
  const tlsKeys = newClientKeyPair();
  const url = `${input.coordinatorHttp.replace(/\/$/, '')}/api/v1/enroll`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: input.code, name: input.name, region: input.region, lat: input.lat, lon: input.lon, tariff: input.tariff ?? [],
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        tlsPublicKeyPem: tlsKeys.publicKeyPem,
        ...(input.siteId ? { siteId: input.siteId } : {}),
      }),
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new CoordinatorUnreachableError(url, err);
  }
  const body = (await res.json().catch(() => ({}))) as Partial<EnrollReply> & { error?: { code: string; message: string } };
  if (!res.ok || !body.siteId || !body.secret) {
    throw new EnrollmentFailedError(res.status, body.error?.code ?? 'UNKNOWN', body.error?.message ?? 'no reason given');
  }
  const tls = body.grpc?.tls;
  let grpcTls: Credentials['grpcTls'];
  if (tls && tls.mode !== 'off') {
    if (!tls.caPem) throw new EnrollmentTlsIncompleteError(tls.mode, 'CA certificate (grpc.tls.caPem)');
    if (tls.mode === 'mtls' && !tls.clientCertPem) throw new EnrollmentTlsIncompleteError(tls.mode, 'client certificate (grpc.tls.clientCertPem)');
    grpcTls = { mode: tls.mode, caPem: tls.caPem, ...(tls.mode === 'mtls' ? { certPem: tls.clientCertPem, keyPem: tlsKeys.privateKeyPem } : {}) };
  }
  return {
    ...(grpcTls ? { grpcTls } : {}),
    siteId: body.siteId,
    secret: body.secret,
    coordinator: { grpc: body.grpc?.controlEndpoint ?? '', http: input.coordinatorHttp },
    mqtt: { url: body.mqtt?.url ?? '' },
    signingKeys: body.signingKeys ?? [],
    location: { lat: input.lat, lon: input.lon, region: input.region },
    enrolledAt: new Date().toISOString(),
  };
}
