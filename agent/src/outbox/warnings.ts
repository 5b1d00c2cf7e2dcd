import type { TornTail } from './frame.js';

/** Things the outbox recovered from or worked around; none of them lost an acknowledged append. */
export type OutboxWarning =
  /** A write cut short by a crash was cut off the log (no append of it had resolved). */
  | ({ kind: 'torn_tail'; file: string } & TornTail)
  /** The ack file could not be read; the log's anchor is used instead, so already-acked records may be resent (the coordinator dedups by seq). */
  | { kind: 'ack_mark_unreadable'; file: string; reason: string }
  /** The ack file exists but the log does not: a new log continues the chain from the ack mark. */
  | { kind: 'log_missing'; file: string; ackedSeq: number }
  /** The ack mark is past the log's last record: the chain continues from the ack mark. */
  | { kind: 'log_behind_ack'; file: string; logLastSeq: number; ackedSeq: number }
  /** Compaction failed (the ack itself is durable); the old log stays in use and compaction is retried on a later ack. */
  | { kind: 'compaction_failed'; error: unknown }
  /**
   * The compacted log was renamed into place but the directory fsync failed: after power loss either
   * the old or the new log is found (both valid), so the outbox stops writing (see `broken`) until reopened.
   */
  | { kind: 'compaction_dir_sync_failed'; error: unknown }
  /**
   * write-before-answer: a background fdatasync failed. The records from `unsyncedFrom` were answered
   * and are in the page cache, but may not survive power loss; the outbox stops writing (`broken`).
   */
  | { kind: 'background_sync_failed'; error: unknown; unsyncedFrom: number };

/** What openOutbox() found on disk. */
export interface RecoveryInfo {
  /** Unacknowledged records loaded. */
  pending: number;
  ackedSeq: number;
  lastSeq: number;
  tornTail?: TornTail;
  warnings: OutboxWarning[];
}
