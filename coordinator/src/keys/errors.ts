import { describeError, EdgefleetError } from '@edgefleet/common';

/**
 * A retired lease-signing key's file could not be removed (a read-only keys directory, as Helm
 * mounts a Secret, or any other unlink failure). The key is retired in memory all the same: it no
 * longer signs or gets published. Only its file stays, so a restart loads it again and the next
 * retirement tries again.
 */
export class KeyFileUnlinkError extends EdgefleetError {
  constructor(kid: string, path: string, cause: unknown) {
    super(
      'KEY_FILE_UNLINK_FAILED',
      `retired lease-signing key ${kid}: cannot remove ${path}: ${describeError(cause)}`,
      { kid, path, errno: (cause as NodeJS.ErrnoException | undefined)?.code },
      { cause },
    );
  }
}
