import { EdgefleetError } from '@edgefleet/common';

/** depth + queued appends reached capacity: the agent must stop admitting leases until acks drain it. */
export class OutboxFullError extends EdgefleetError {
  constructor(depth: number, capacity: number) {
    super('OUTBOX_FULL', `burn outbox is full (${depth} of ${capacity} records unacknowledged)`, {
      depth,
      capacity,
    });
  }
}

/** A write, fsync, rename or truncate failed (ENOSPC, EIO, EFBIG, ...). Nothing was appended or acked. */
export class OutboxWriteError extends EdgefleetError {
  constructor(
    op: string,
    path: string,
    cause: unknown,
    extra: Record<string, unknown> = {},
    code = 'OUTBOX_WRITE_FAILED',
    what = 'failed',
  ) {
    const errno = errnoOf(cause);
    super(
      code,
      `burn outbox ${op} ${what} on ${path}${errno !== undefined ? ` (${errno})` : ''}`,
      { op, path, errno, ...extra },
      { cause },
    );
  }
}

/** The errno a file-system error carries (ENOSPC, EIO, ...), if any. */
export function errnoOf(cause: unknown): string | undefined {
  const errno = (cause as { code?: unknown } | undefined)?.code;
  return typeof errno === 'string' ? errno : undefined;
}

/** Errnos that mean "no space left" (the disk, or the agent user's quota). */
export const DISK_FULL_ERRNOS: readonly string[] = ['ENOSPC', 'EDQUOT'];

/**
 * The disk under the outbox is full (ENOSPC, EDQUOT): the write was cut off and rolled back, no seq was
 * used, nothing already on disk was touched. The outbox reports `diskFull` until a write or
 * `recheckDisk()` succeeds, and the agent admits no new lease meanwhile. Still an OutboxWriteError
 * (what every caller of append/ack already handles), with its own code.
 */
export class OutboxDiskFullError extends OutboxWriteError {
  constructor(op: string, path: string, cause: unknown, extra: Record<string, unknown> = {}) {
    super(op, path, cause, extra, 'OUTBOX_DISK_FULL', 'failed: the disk is full');
  }
}

/** The log or ack file holds data that fails its checksum or the hash chain; opening refuses rather than drop burns. */
export class OutboxCorruptError extends EdgefleetError {
  constructor(file: string, offset: number, reason: string, extra: Record<string, unknown> = {}) {
    super('OUTBOX_CORRUPT', `burn outbox ${file} is corrupt at byte offset ${offset}: ${reason}`, {
      file,
      offset,
      reason,
      ...extra,
    });
  }
}

/** The outbox directory belongs to another site id. */
export class OutboxSiteMismatchError extends EdgefleetError {
  constructor(file: string, expected: string, found: string) {
    super(
      'OUTBOX_SITE_MISMATCH',
      `burn outbox ${file} belongs to site ${JSON.stringify(found)}, not ${JSON.stringify(expected)}`,
      { file, expected, found },
    );
  }
}

/** Another live process (or this one) already has the outbox directory open. */
export class OutboxLockedError extends EdgefleetError {
  constructor(dir: string, pid: number | undefined) {
    super(
      'OUTBOX_LOCKED',
      `burn outbox ${dir} is in use${pid === undefined ? '' : ` by pid ${pid}`}; if no agent is running, remove ${dir}/outbox.lock`,
      { dir, pid },
    );
  }
}

/** Reading the outbox at open failed for a reason other than corruption (EACCES, EIO, ...). */
export class OutboxOpenError extends EdgefleetError {
  constructor(dir: string, cause: unknown) {
    super('OUTBOX_OPEN_FAILED', `cannot open burn outbox ${dir}`, { dir }, { cause });
  }
}

/** The outbox was closed. */
export class OutboxClosedError extends EdgefleetError {
  constructor() {
    super('OUTBOX_CLOSED', 'burn outbox is closed');
  }
}

/** An ack named a seq this outbox never wrote. */
export class OutboxAckRangeError extends EdgefleetError {
  constructor(seq: number, lastSeq: number) {
    super(
      'OUTBOX_ACK_OUT_OF_RANGE',
      `ack for burn seq ${seq} but the last written seq is ${lastSeq}`,
      { seq, lastSeq },
    );
  }
}

/** append() was given fields that cannot be stored exactly (non-integer µT, oversized strings, ...). */
export class OutboxInvalidRecordError extends EdgefleetError {
  constructor(field: string, reason: string) {
    super('OUTBOX_INVALID_RECORD', `invalid burn record field ${field}: ${reason}`, {
      field,
      reason,
    });
  }
}
