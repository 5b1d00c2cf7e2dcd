import type { BurnFields, BurnRecordData } from '@edgefleet/proto';

/**
 * The agent's durable burn outbox. A record is on disk before append() resolves: fsync'd (survives
 * SIGKILL and power loss), or written to the page cache with the fsync following within a few ms
 * (survives SIGKILL; see durability.ts). It stays until the coordinator acks its seq.
 */
export interface Outbox {
  /** Chains (seq, prev_hash, hash), persists (durability.ts), then returns the record. Throws OutboxFullError when full. */
  append(fields: Omit<BurnFields, 'seq' | 'prev_hash' | 'site_id'>): Promise<BurnRecordData>;
  /** Unacknowledged records with seq >= fromSeq (default: all), in seq order, at most `limit`. */
  pending(fromSeq?: number, limit?: number): BurnRecordData[];
  /** Drops every record with seq <= seq (durably). Acks below the current mark are ignored. */
  ack(seq: number): Promise<void>;
  /**
   * µT burned under a lease as far as the disk knows: acknowledged (kept in the ack mark) plus every
   * unacknowledged record. Survives restarts; the agent enforces lease budgets with it.
   */
  burnedFor(leaseId: string): number;
  readonly depth: number;
  readonly capacity: number;
  readonly lastSeq: number;
  /**
   * Highest seq known fdatasync'd: lastSeq in fsync-before-answer; in write-before-answer it trails
   * lastSeq by the records of the last sync interval. The uploader publishes only up to it.
   */
  readonly durableSeq: number;
  readonly ackedSeq: number;
  readonly isFull: boolean;
  /** A write failed for lack of disk space (OutboxDiskFullError) and none has succeeded since. */
  readonly diskFull: boolean;
  close(): Promise<void>;
}
