import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { expectCoordinatorCertificate } from '@edgefleet/proto';
import type { AgentConfig } from './config.js';

/** What enrollment hands a site when the coordinator runs gRPC with TLS ('tls') or mTLS ('mtls'). */
export interface GrpcTlsMaterial {
  mode: 'tls' | 'mtls';
  /** The coordinator's CA certificate, pinned: only a server certificate it issued is accepted. */
  caPem: string;
  /**
   * The site certificate (names the site id; EdgeControl's client certificate in mtls, the Inference
   * server certificate in tls and mtls) and its ECDSA P-256 private key. Required in mtls.
   */
  certPem?: string;
  keyPem?: string;
}

/** Files next to credentials.json (all 0600). */
export const GRPC_TLS_FILES = {
  ca: 'grpc-ca.pem',
  cert: 'grpc-client.pem',
  key: 'grpc-client.key',
} as const;

/** The key pair whose public half goes to the coordinator at enrollment (mtls); P-256 works with every TLS stack. */
export function newClientKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Channel credentials for EdgeControl: plaintext, TLS pinned to the coordinator's CA, or that plus the site certificate. */
export function controlChannelCredentials(
  tls: AgentConfig['coordinator']['tls'],
): grpc.ChannelCredentials {
  if (tls.mode === 'off') return grpc.credentials.createInsecure();
  // The config schema guarantees the PEMs the mode needs.
  const ca = Buffer.from(tls.caPem ?? '');
  // A site certificate is from the same CA: refuse one posing as the coordinator.
  const verify = { checkServerIdentity: expectCoordinatorCertificate };
  if (tls.mode === 'tls') return grpc.credentials.createSsl(ca, null, null, verify);
  return grpc.credentials.createSsl(
    ca,
    Buffer.from(tls.keyPem ?? ''),
    Buffer.from(tls.certPem ?? ''),
    verify,
  );
}

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/**
 * Server credentials for the site's Inference endpoint: TLS with the site certificate when the site
 * has one fit to serve (serverAuth: issued since Inference TLS; `edgefleet-agent tls-renew` replaces an
 * older one), else plaintext with the reason. Vehicles learn which from their lease (endpoint_tls).
 */
export function inferenceServerCredentials(tls: AgentConfig['coordinator']['tls']): {
  credentials: grpc.ServerCredentials;
  tls: boolean;
  plaintextReason?: string;
} {
  const plaintextReason = inferencePlaintextReason(tls);
  if (plaintextReason !== undefined || !tls.certPem || !tls.keyPem)
    return {
      credentials: grpc.ServerCredentials.createInsecure(),
      tls: false,
      plaintextReason: plaintextReason ?? 'no site certificate',
    };
  return {
    credentials: grpc.ServerCredentials.createSsl(
      null,
      [{ cert_chain: Buffer.from(tls.certPem), private_key: Buffer.from(tls.keyPem) }],
      false,
    ),
    tls: true,
  };
}

/** Why the site serves Inference in plaintext (undefined: it serves TLS). */
export function inferencePlaintextReason(
  tls: AgentConfig['coordinator']['tls'],
): string | undefined {
  if (tls.mode === 'off') return 'the coordinator runs gRPC without TLS (grpc.tls.mode off)';
  if (!tls.certPem || !tls.keyPem)
    return 'this site has no site certificate: run edgefleet-agent tls-renew';
  if (!(new X509Certificate(tls.certPem).keyUsage ?? []).includes(SERVER_AUTH))
    return 'the site certificate predates Inference TLS (no serverAuth): run edgefleet-agent tls-renew';
  return undefined;
}
