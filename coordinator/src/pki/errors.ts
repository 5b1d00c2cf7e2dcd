import { describeError, EdgefleetError } from '@edgefleet/common';

/** An operator-provided PEM file cannot be read. `setting` is its config path (grpc.tls.certFile…). */
export class TlsFileUnreadableError extends EdgefleetError {
  constructor(setting: string, path: string, cause: unknown) {
    super(
      'TLS_FILE_UNREADABLE',
      `${setting}: cannot read ${path}: ${describeError(cause)}`,
      { setting, path },
      { cause },
    );
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
    super(
      'INVALID_TLS_PUBLIC_KEY',
      'tlsPublicKeyPem is required: the coordinator runs gRPC with mTLS and issues each site a client certificate for that key (an ECDSA P-256 SPKI PEM)',
      {},
    );
  }
}

/** The agent's public key for its client certificate is not an ECDSA P-256 SPKI PEM. */
export class TlsPublicKeyInvalidError extends EdgefleetError {
  constructor(why: string) {
    super(
      'INVALID_TLS_PUBLIC_KEY',
      `tlsPublicKeyPem must be an ECDSA P-256 public key in SPKI PEM: ${why}`,
      {},
    );
  }
}
