import type { FleetRegistry } from '../fleet/registry.js';
import type { ReconciliationReport } from '../ledger/types.js';

export type AlertKind =
  | 'site_offline'
  | 'telemetry_stale'
  | 'outbox_near_full'
  | 'bad_messages'
  | 'hook_errors'
  | 'recon_gap'
  | 'recon_over_budget'
  | 'recon_tampered'
  | 'recon_refused'
  | 'recon_late'
  | 'recon_unknown_lease'
  | 'recon_disputed'
  | 'burn_batch_refused'
  | 'site_drained_reputation';
export type Severity = 'critical' | 'warning';

export interface Alert {
  id: string;
  kind: AlertKind;
  severity: Severity;
  siteId: string;
  message: string;
  firstSeenMs: number;
  lastSeenMs: number;
  resolvedAtMs: number | null;
  /** When an operator acknowledged this occurrence (null: not yet), and who. */
  ackedAtMs: number | null;
  ackedBy: string | null;
}

export interface AlertSettings {
  /** A bad message keeps its site's alert active this long. */
  badMessageWindowMs: number;
  telemetryStaleMs: number;
  /** Resolved alerts kept for the list. */
  keepResolved: number;
}

/**
 * The agent's own outbox alarm, sent among its telemetry hook errors (agent/src/outbox/pressure.ts,
 * OutboxAlarm: hook 'outbox', code OUTBOX_NEAR_FULL, OUTBOX_FULL or OUTBOX_DISK_FULL). Only the agent knows its outbox's
 * capacity, so the NOC takes its word rather than recomputing the threshold from the depth.
 */
const OUTBOX_ALARM_HOOK = 'outbox';
const OUTBOX_ALARM_CODES: readonly string[] = [
  'OUTBOX_NEAR_FULL',
  'OUTBOX_FULL',
  'OUTBOX_DISK_FULL',
];

/** Whether a telemetry hook error is the agent's outbox alarm. */
export function isOutboxAlarm(h: { hook?: string | null; code?: string | null }): boolean {
  return h.hook === OUTBOX_ALARM_HOOK && OUTBOX_ALARM_CODES.includes(h.code ?? '');
}

const RECON_KINDS = [
  ['gap', 'recon_gap', 'warning', 'missing burn seqs (a resend was requested)'],
  [
    'overBudget',
    'recon_over_budget',
    'warning',
    'burns over the lease budget (posted partly as debt)',
  ],
  [
    'tampered',
    'recon_tampered',
    'critical',
    'tampered burn records (same seq, other content, or a broken hash chain)',
  ],
  [
    'refused',
    'recon_refused',
    'warning',
    'burn records the schema refused (acked, nothing posted; see burn_rejects)',
  ],
  ['late', 'recon_late', 'warning', 'late burns (posted as debt)'],
  ['unknownLease', 'recon_unknown_lease', 'warning', 'burns for unknown leases'],
  [
    'disputed',
    'recon_disputed',
    'critical',
    "burns beyond their lease's bounds (held on the site's dispute account for an operator)",
  ],
] as const;

/**
 * The alert list: conditions computed from the registry (state, telemetry age, the agent's outbox
 * alarm, hook errors), bad messages, and the latest reconciliation report of each site. An alert keeps
 * its first-seen time while the condition holds and is resolved when it clears.
 */
export class AlertBook {
  private readonly active = new Map<string, Alert>();
  private readonly resolved: Alert[] = [];
  private readonly badSeen = new Map<string, { lastMs: number; count: number; reason: string }>();
  /** Burn batches refused at the signature gate, per site (kept for badMessageWindowMs after the last). */
  private readonly refusedBatches = new Map<
    string,
    { lastMs: number; batches: number; records: number; reasons: Set<string> }
  >();
  /** Latest reconciliation counts per site (only sites that appeared in a run). */
  private readonly recon = new Map<string, Record<string, number>>();
  private readonly listeners: ((a: Alert) => void)[] = [];

  constructor(
    private readonly registry: FleetRegistry,
    private readonly s: AlertSettings,
    private readonly now: () => number = Date.now,
  ) {}

  onChange(fn: (a: Alert) => void): void {
    this.listeners.push(fn);
  }

  noteBadMessage(siteId: string, kind: string, reason: string): void {
    const cur = this.badSeen.get(siteId);
    this.badSeen.set(siteId, {
      lastMs: this.now(),
      count: (cur?.count ?? 0) + 1,
      reason: `${kind}/${reason}`,
    });
  }

  /** A burn batch refused unsigned or forged (coordinator/src/ingest/batch-signature-gate.ts): a critical alert for the site. */
  noteRefusedBatch(siteId: string, reason: string, records: number): void {
    const cur = this.refusedBatches.get(siteId) ?? {
      lastMs: 0,
      batches: 0,
      records: 0,
      reasons: new Set<string>(),
    };
    cur.lastMs = this.now();
    cur.batches++;
    cur.records += records;
    cur.reasons.add(reason);
    this.refusedBatches.set(siteId, cur);
  }

  noteReport(r: ReconciliationReport): void {
    for (const site of r.sites)
      this.recon.set(site.siteId, {
        gap: site.gap,
        overBudget: site.overBudget,
        tampered: site.tampered,
        refused: site.refused,
        late: site.late,
        unknownLease: site.unknownLease,
        disputed: site.disputed,
      });
  }

  /** Recomputes every condition; raises new alerts, refreshes held ones, resolves cleared ones. */
  evaluate(): void {
    const now = this.now();
    const seen = new Set<string>();
    const raise = (kind: AlertKind, severity: Severity, siteId: string, message: string) => {
      const id = `${kind}:${siteId}`;
      seen.add(id);
      const cur = this.active.get(id);
      if (cur) {
        cur.lastSeenMs = now;
        cur.message = message;
        return;
      }
      const a: Alert = {
        id,
        kind,
        severity,
        siteId,
        message,
        firstSeenMs: now,
        lastSeenMs: now,
        resolvedAtMs: null,
        ackedAtMs: null,
        ackedBy: null,
      };
      this.active.set(id, a);
      for (const fn of this.listeners) fn(a);
    };
    for (const site of this.registry.all()) {
      if (site.state === 'offline')
        raise(
          'site_offline',
          'critical',
          site.siteId,
          `site is offline since ${new Date(site.stateSinceMs).toISOString()}`,
        );
      else if (site.lastTelemetryMs > 0 && now - site.lastTelemetryMs > this.s.telemetryStaleMs) {
        raise(
          'telemetry_stale',
          'warning',
          site.siteId,
          `no telemetry for ${Math.round((now - site.lastTelemetryMs) / 1000)} s`,
        );
      }
      if (site.quarantined)
        raise(
          'site_drained_reputation',
          'critical',
          site.siteId,
          `drained by spot-checks (reputation ${site.reputation.toFixed(2)}): not routable, earnings held on dispute until an operator reinstates it`,
        );
      const alarm = site.hookErrors.find(isOutboxAlarm);
      if (alarm)
        raise(
          'outbox_near_full',
          'warning',
          site.siteId,
          `${alarm.code ?? ''}: ${alarm.message ?? ''}`.slice(0, 300),
        );
      const hookErrors = site.hookErrors.filter((h) => !isOutboxAlarm(h));
      if (hookErrors.length > 0 && site.state !== 'offline') {
        raise(
          'hook_errors',
          'warning',
          site.siteId,
          hookErrors
            .map((h) => `${h.hook ?? '?'}: ${h.code ?? ''} ${h.message ?? ''}`.trim())
            .join('; ')
            .slice(0, 300),
        );
      }
    }
    // A site that left the registry (revoked) keeps no alert: its bad messages and run counts go too.
    for (const siteId of [...this.badSeen.keys(), ...this.recon.keys()]) {
      if (this.registry.get(siteId)) continue;
      this.badSeen.delete(siteId);
      this.recon.delete(siteId);
    }
    for (const [siteId, b] of this.badSeen) {
      if (now - b.lastMs > this.s.badMessageWindowMs) this.badSeen.delete(siteId);
      else raise('bad_messages', 'warning', siteId, `${b.count} bad message(s), last: ${b.reason}`);
    }
    for (const [siteId, b] of this.refusedBatches) {
      if (now - b.lastMs > this.s.badMessageWindowMs) this.refusedBatches.delete(siteId);
      else
        raise(
          'burn_batch_refused',
          'critical',
          siteId,
          `${b.batches} burn batch(es), ${b.records} record(s), refused at the signature check (${[...b.reasons].sort().join(', ')}); nothing posted or charged`,
        );
    }
    for (const [siteId, counts] of this.recon) {
      for (const [field, kind, sev, text] of RECON_KINDS) {
        const n = counts[field] ?? 0;
        if (n > 0) raise(kind, sev, siteId, `${n} ${text} in the last reconciliation run`);
      }
    }
    for (const [id, a] of this.active) {
      if (seen.has(id)) continue;
      this.active.delete(id);
      a.resolvedAtMs = now;
      this.resolved.push(a);
      for (const fn of this.listeners) fn(a);
    }
    if (this.resolved.length > this.s.keepResolved)
      this.resolved.splice(0, this.resolved.length - this.s.keepResolved);
  }

  /** An operator acknowledges an active alert (in this replica's memory; the shared store has its own). */
  ack(id: string, by: string): Alert | undefined {
    const a = this.active.get(id);
    if (!a) return undefined;
    if (a.ackedAtMs === null) {
      a.ackedAtMs = this.now();
      a.ackedBy = by;
    }
    return a;
  }

  /** Active alerts (critical first, then oldest first), or resolved ones (newest first). */
  list(which: 'active' | 'resolved' | 'all'): Alert[] {
    const act = [...this.active.values()].sort((a, b) =>
      a.severity === b.severity
        ? a.firstSeenMs - b.firstSeenMs || a.id.localeCompare(b.id)
        : a.severity === 'critical'
          ? -1
          : 1,
    );
    const res = [...this.resolved].reverse();
    return which === 'active' ? act : which === 'resolved' ? res : [...act, ...res];
  }
}
