import * as grpc from '@grpc/grpc-js';
import type { Logger } from '@edgefleet/common';
import { GRPC_SERVER_OPTIONS, InferenceService, shutdownGrpcServer } from '@edgefleet/proto';
import type { AgentConfig } from './config.js';
import { inferenceServerCredentials } from './grpc-tls.js';
import { inferenceHandlers, type InferenceDeps } from './inference-service.js';

export interface InferenceServer {
  /** host:port vehicles are told to dial (inference.advertise, else host:bound port). */
  readonly endpoint: string;
  /** Served over TLS with the site certificate. */
  readonly tls: boolean;
  /** Bound and not shutting down (the agent's readiness). */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * The site's Inference gRPC service. TLS with the site certificate when the coordinator runs gRPC
 * TLS (docs/security.md); the hello tells the coordinator which it is.
 */
export async function startInferenceServer(
  config: Pick<AgentConfig, 'inference' | 'coordinator'>,
  deps: InferenceDeps,
  log: Logger,
): Promise<InferenceServer> {
  const server = new grpc.Server(GRPC_SERVER_OPTIONS);
  server.addService(InferenceService, inferenceHandlers(deps));
  const creds = inferenceServerCredentials(config.coordinator.tls);
  if (config.coordinator.tls.mode !== 'off' && !creds.tls)
    log.warn(
      { reason: creds.plaintextReason },
      'Inference served in plaintext: vehicles pinning the CA refuse this site',
    );
  const port = await new Promise<number>((res, rej) => {
    server.bindAsync(
      `${config.inference.host}:${config.inference.port}`,
      creds.credentials,
      (err, p) => (err ? rej(err) : res(p)),
    );
  });
  let listening = true;
  return {
    endpoint: config.inference.advertise ?? `${config.inference.host}:${port}`,
    tls: creds.tls,
    listening: () => listening,
    close: () => {
      listening = false;
      return shutdownGrpcServer(server);
    },
  };
}
