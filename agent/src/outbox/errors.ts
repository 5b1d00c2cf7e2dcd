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
  constructor(op: string, path: string, cause: unknown, extra: Record<string, unknown> = {}) {
    const errno = (cause as { code?: unknown } | undefined)?.code;
    super(
      'OUTBOX_WRITE_FAILED',
      `burn outbox ${op} failed on ${path}${typeof errno === 'string' ? ` (${errno})` : ''}`,
      { op, path, errno: typeof errno === 'string' ? errno : undefined, ...extra },
      { cause },
    );
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
