import type { BurnRecordData } from '@edgefleet/proto';

/** What the coordinator has acknowledged of one lease: µT burned, and when its newest acked burn ended. */
export interface AckedLeaseTotal {
  burned: number;
  lastEndedAtMs: number;
}

/** Acknowledged per-lease totals, as the ack mark stores them (JSON `{leaseId: [burned, lastEndedAtMs]}`). */
export type AckedLeaseTotals = Map<string, AckedLeaseTotal>;

/** Default: a lease whose newest burn is older than this (relative to the newest acked burn) is forgotten. */
export const DEFAULT_LEASE_TOTALS_RETENTION_MS = 24 * 3600 * 1000;

export function encodeLeaseTotals(t: AckedLeaseTotals): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const [id, v] of t) out[id] = [v.burned, v.lastEndedAtMs];
  return out;
}

/** undefined when the shape is wrong. */
export function decodeLeaseTotals(raw: unknown): AckedLeaseTotals | undefined {
  if (raw === undefined) return new Map();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: AckedLeaseTotals = new Map();
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(v) || v.length !== 2) return undefined;
    const [burned, last] = v as unknown[];
    if (
      typeof burned !== 'number' ||
      !Number.isSafeInteger(burned) ||
      burned < 0 ||
      typeof last !== 'number' ||
      !Number.isSafeInteger(last)
    )
      return undefined;
    out.set(id, { burned, lastEndedAtMs: last });
  }
  return out;
}

/**
 * Per-lease µT burned, as the agent must count it to enforce a lease's budget across restarts: the
 * acknowledged part (kept in the ack mark, written atomically with it: fsync'd temp file, rename,
 * directory fsync) plus every unacknowledged record in the log. Both are durable, so the sum
 * survives SIGKILL and power loss, and an ack only moves µT from one side to the other.
 */
export class LeaseTotals {
  private readonly pendingBurned = new Map<string, number>();

  constructor(
    private acked: AckedLeaseTotals,
    pending: readonly BurnRecordData[],
    private readonly retentionMs: number,
  ) {
    for (const r of pending) this.addPending(r);
  }

  /** µT of this lease on disk: acknowledged plus pending. */
  burned(leaseId: string): number {
    return (this.acked.get(leaseId)?.burned ?? 0) + (this.pendingBurned.get(leaseId) ?? 0);
  }

  addPending(r: BurnRecordData): void {
    this.pendingBurned.set(r.lease_id, (this.pendingBurned.get(r.lease_id) ?? 0) + r.micro_tokens);
  }

  /**
   * The acked totals once `records` (the oldest pending ones) are acknowledged — to be written with
   * the ack mark; `commitAck` applies them after that write succeeded. Leases whose newest burn
   * ended more than the retention before the newest acked burn are dropped (their tokens expired).
   */
  ackedAfter(records: readonly BurnRecordData[]): AckedLeaseTotals {
    const next: AckedLeaseTotals = new Map([...this.acked].map(([k, v]) => [k, { ...v }]));
    let newest = 0;
    for (const r of records) {
      const t = next.get(r.lease_id) ?? { burned: 0, lastEndedAtMs: 0 };
      t.burned += r.micro_tokens;
      t.lastEndedAtMs = Math.max(t.lastEndedAtMs, r.ended_at_ms);
      next.set(r.lease_id, t);
      newest = Math.max(newest, r.ended_at_ms);
    }
    for (const [id, t] of next)
      if (t.lastEndedAtMs < newest - this.retentionMs && !this.pendingBurned.has(id))
        next.delete(id);
    return next;
  }

  commitAck(records: readonly BurnRecordData[], acked: AckedLeaseTotals): void {
    this.acked = acked;
    for (const r of records) {
      const left = (this.pendingBurned.get(r.lease_id) ?? 0) - r.micro_tokens;
      if (left > 0) this.pendingBurned.set(r.lease_id, left);
      else this.pendingBurned.delete(r.lease_id);
    }
  }
}
