import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import { loadGrpcTls, serverNamesFor, type GrpcTls } from './tls.js';

/**
 * gRPC TLS as grpc.tls says (undefined: plaintext), its server certificate naming the advertised
 * and bound hosts and the configured extra names. Logged when on; a setup that cannot sign site
 * certificates (operator certFile without clientCaFile + clientCaKeyFile) is warned about, since
 * sites then serve Inference in plaintext.
 */
export async function grpcTlsFromConfig(
  config: Pick<CoordinatorConfig, 'grpc'>,
  dataDir: string,
  log: Logger,
): Promise<GrpcTls | undefined> {
  const grpcTls = await loadGrpcTls(
    config.grpc.tls,
    dataDir,
    serverNamesFor({
      bindHost: config.grpc.host,
      advertise: config.grpc.advertise,
      extra: config.grpc.tls.serverNames,
    }),
  );
  if (grpcTls) log.info({ mode: grpcTls.mode, ...grpcTls.files }, 'gRPC TLS on');
  if (grpcTls && !grpcTls.issuesSiteCertificates)
    log.warn(
      'gRPC TLS: no CA key to sign site certificates (operator certFile without clientCaFile + clientCaKeyFile): sites serve Inference in plaintext and vehicles pinning the CA refuse them',
    );
  return grpcTls;
}
