import { generateKeyPairSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import type { AgentConfig } from './config.js';

/** What enrollment hands a site when the coordinator runs gRPC with TLS ('tls') or mTLS ('mtls'). */
export interface GrpcTlsMaterial {
  mode: 'tls' | 'mtls';
  /** The coordinator's CA certificate, pinned: only a server certificate it issued is accepted. */
  caPem: string;
  /** mtls: the site's client certificate (names the site id) and its ECDSA P-256 private key. */
  certPem?: string;
  keyPem?: string;
}

/** Files next to credentials.json (all 0600). */
export const GRPC_TLS_FILES = { ca: 'grpc-ca.pem', cert: 'grpc-client.pem', key: 'grpc-client.key' } as const;

/** The key pair whose public half goes to the coordinator at enrollment (mtls); P-256 works with every TLS stack. */
export function newClientKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** Channel credentials for EdgeControl: plaintext, TLS pinned to the coordinator's CA, or that plus the site certificate. */
export function controlChannelCredentials(tls: AgentConfig['coordinator']['tls']): grpc.ChannelCredentials {
  if (tls.mode === 'off') return grpc.credentials.createInsecure();
  // The config schema guarantees the PEMs the mode needs.
  const ca = Buffer.from(tls.caPem ?? '');
  if (tls.mode === 'tls') return grpc.credentials.createSsl(ca);
  return grpc.credentials.createSsl(ca, Buffer.from(tls.keyPem ?? ''), Buffer.from(tls.certPem ?? ''));
}
