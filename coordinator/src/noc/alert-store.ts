import type { Db, Queryable } from '../db/index.js';
import type { AlertEvent } from './alert-event.js';
import { insertAlertEvent } from './alert-outbox.js';
import type { Alert, AlertKind, Severity } from './alerts.js';

/** What recording a raised alert did: opened a new occurrence, or refreshed one already open. */
export type RaiseOutcome = 'opened' | 'held';

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  site_id: string;
  message: string;
  first_seen_ms: number;
  last_seen_ms: number;
  resolved_at_ms: number | null;
  acked_at_ms: number | null;
  acked_by: string | null;
}

const COLUMNS =
  'id, kind, severity, site_id, message, first_seen_ms, last_seen_ms, resolved_at_ms, acked_at_ms, acked_by';

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  kind: r.kind as AlertKind,
  severity: r.severity as Severity,
  siteId: r.site_id,
  message: r.message,
  firstSeenMs: r.first_seen_ms,
  lastSeenMs: r.last_seen_ms,
  resolvedAtMs: r.resolved_at_ms,
  ackedAtMs: r.acked_at_ms,
  ackedBy: r.acked_by,
});

/**
 * NOC alerts in the shared database (migration 107): every replica records what its AlertBook raises
 * and resolves, and reads the list from here, so an operator sees one list and one acknowledgement
 * whichever replica serves the page. Raising and resolving are decided under the row's lock, so of
 * two replicas seeing the same condition only one opens (or resolves) it: only that one notifies.
 * With `outbox` (a webhook is configured) each change that notifies (opened, resolved, acknowledged)
 * also writes its webhook event to the outbox (migration 116) in the same transaction, so no change
 * is recorded without its event and none is lost when the replica stops before delivering it.
 */
export class AlertStore {
  private readonly keepResolved: number;
  private readonly outbox: boolean;

  constructor(
    private readonly db: Db,
    o: { keepResolved?: number; outbox?: boolean } = {},
  ) {
    this.keepResolved = o.keepResolved ?? 500;
    this.outbox = o.outbox ?? false;
  }

  /** Writes the change's webhook event when the outbox is on (inside the change's transaction). */
  private async emit(
    q: Queryable,
    event: AlertEvent['event'],
    alert: Alert,
    atMs: number,
  ): Promise<void> {
    if (this.outbox) await insertAlertEvent(q, { event, alert, atMs });
  }

  /** Records a raised alert; `atMs` is the time its webhook event carries (default: its lastSeenMs). */
  async raise(a: Alert, atMs = a.lastSeenMs): Promise<RaiseOutcome> {
    return this.db.tx(async (q) => {
      const cur = await q.query<{ resolved_at_ms: number | null }>(
        'SELECT resolved_at_ms FROM noc_alerts WHERE id = $1 FOR UPDATE',
        [a.id],
      );
      const row = cur[0];
      if (!row) {
        const ins = await q.query(
          `INSERT INTO noc_alerts (id, kind, severity, site_id, message, first_seen_ms, last_seen_ms)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [a.id, a.kind, a.severity, a.siteId, a.message, a.firstSeenMs, a.lastSeenMs],
        );
        if (ins.length > 0) {
          await this.emit(q, 'alert.raised', a, atMs);
          return 'opened';
        }
      } else if (row.resolved_at_ms !== null) {
        await q.query(
          `UPDATE noc_alerts SET severity = $2, message = $3, first_seen_ms = $4, last_seen_ms = $5,
             resolved_at_ms = NULL, acked_at_ms = NULL, acked_by = NULL WHERE id = $1`,
          [a.id, a.severity, a.message, a.firstSeenMs, a.lastSeenMs],
        );
        await this.emit(q, 'alert.raised', a, atMs);
        return 'opened';
      }
      await q.query(
        `UPDATE noc_alerts SET message = $2, last_seen_ms = GREATEST(last_seen_ms, $3) WHERE id = $1`,
        [a.id, a.message, a.lastSeenMs],
      );
      return 'held';
    });
  }

  /** Resolves an open alert: the alert when this call resolved it, undefined when already resolved or unknown. */
  async resolve(id: string, atMs: number): Promise<Alert | undefined> {
    return this.db.tx(async (q) => {
      const rows = await q.query<AlertRow>(
        `UPDATE noc_alerts SET resolved_at_ms = $2 WHERE id = $1 AND resolved_at_ms IS NULL RETURNING ${COLUMNS}`,
        [id, atMs],
      );
      const a = rows[0] ? toAlert(rows[0]) : undefined;
      if (a) await this.emit(q, 'alert.resolved', a, atMs);
      return a;
    });
  }

  /**
   * An operator acknowledges an open alert (idempotent: a second ack keeps the first one's time and
   * name). Undefined when no open alert has this id.
   */
  async ack(id: string, by: string, atMs: number): Promise<Alert | undefined> {
    return this.db.tx(async (q) => {
      const rows = await q.query<AlertRow>(
        `UPDATE noc_alerts SET acked_at_ms = COALESCE(acked_at_ms, $2), acked_by = COALESCE(acked_by, $3)
         WHERE id = $1 AND resolved_at_ms IS NULL RETURNING ${COLUMNS}`,
        [id, atMs, by],
      );
      const a = rows[0] ? toAlert(rows[0]) : undefined;
      if (a) await this.emit(q, 'alert.acked', a, atMs);
      return a;
    });
  }

  /**
   * A replica still sees these alerts: their rows' last_seen_ms moves to `atMs` (open rows only). The
   * ids it returns are the ones refreshed; an id missing from it is no longer open in the store (a
   * sweep resolved it while this replica could not write), so the caller raises it again.
   */
  async refresh(ids: readonly string[], atMs: number): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      `UPDATE noc_alerts SET last_seen_ms = GREATEST(last_seen_ms, $2)
       WHERE id = ANY($1::text[]) AND resolved_at_ms IS NULL RETURNING id`,
      [[...ids], atMs],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Resolves open alerts that no replica has seen since `seenBeforeMs`: every live replica refreshes
   * the alerts it holds (refresh), so such a row was left open by replicas that stopped (or restarted
   * and no longer see the condition) and would otherwise stay on the page for ever. Returns them.
   */
  async sweepStale(seenBeforeMs: number, atMs: number): Promise<Alert[]> {
    return this.db.tx(async (q) => {
      const rows = await q.query<AlertRow>(
        `UPDATE noc_alerts SET resolved_at_ms = $2
         WHERE resolved_at_ms IS NULL AND last_seen_ms < $1 RETURNING ${COLUMNS}`,
        [seenBeforeMs, atMs],
      );
      const swept = rows.map(toAlert);
      for (const a of swept) await this.emit(q, 'alert.resolved', a, atMs);
      return swept;
    });
  }

  /** Open alerts (critical first, then oldest first) and/or recently resolved ones (newest first). */
  async list(which: 'active' | 'resolved' | 'all', siteId?: string): Promise<Alert[]> {
    const site = siteId === undefined ? '' : ' AND site_id = $1';
    const params = siteId === undefined ? [] : [siteId];
    const active =
      which === 'resolved'
        ? []
        : await this.db.query<AlertRow>(
            `SELECT ${COLUMNS} FROM noc_alerts WHERE resolved_at_ms IS NULL${site}
             ORDER BY (severity = 'critical') DESC, first_seen_ms, id`,
            params,
          );
    const resolved =
      which === 'active'
        ? []
        : await this.db.query<AlertRow>(
            `SELECT ${COLUMNS} FROM noc_alerts WHERE resolved_at_ms IS NOT NULL${site}
             ORDER BY resolved_at_ms DESC, id LIMIT ${Math.max(0, Math.floor(this.keepResolved))}`,
            params,
          );
    return [...active, ...resolved].map(toAlert);
  }
}
