import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/index.js';
import type { AlertEvent } from './alert-event.js';

/** An event at the head of the outbox, claimed by the caller for one delivery attempt. */
export interface ClaimedAlertEvent {
  seq: number;
  event: AlertEvent;
  /** Failed attempts so far (this one not counted). */
  attempts: number;
}

/** What `claim` found: the head to deliver now, a head not due yet (or another replica's), or nothing. */
export type ClaimResult =
  { kind: 'claimed'; head: ClaimedAlertEvent } | { kind: 'wait'; ms: number } | { kind: 'empty' };

/**
 * Writes one webhook event into the outbox (migration 116), with a fresh `eventId`, inside the
 * caller's transaction: the alert change and the event that reports it commit together.
 */
export async function insertAlertEvent(
  q: Queryable,
  e: Omit<AlertEvent, 'eventId'>,
): Promise<void> {
  await q.query('INSERT INTO noc_alert_outbox (body) VALUES ($1)', [
    JSON.stringify({ eventId: randomUUID(), ...e }),
  ]);
}

interface HeadRow {
  seq: number;
  body: string;
  attempts: number;
  next_at_ms: number;
  claimed_by: string | null;
  claimed_until_ms: number | null;
}

/**
 * The durable queue of alert webhook events, shared by every replica on the database. Only its head
 * (the oldest row) is ever attempted, and by one replica at a time: `claim` takes the head's row lock
 * and marks it as the caller's until `now + leaseMs`, so of two replicas one delivers and the other
 * waits, and a replica that dies mid-delivery leaves the head to the next once its claim runs out
 * (at-least-once: the receiver may see an `eventId` twice, never an event before an older one).
 */
export class AlertOutbox {
  constructor(private readonly db: Db) {}

  async claim(claimer: string, nowMs: number, leaseMs: number): Promise<ClaimResult> {
    return this.db.tx(async (q) => {
      const [head] = await q.query<HeadRow>(
        `SELECT seq, body, attempts, next_at_ms, claimed_by, claimed_until_ms
         FROM noc_alert_outbox ORDER BY seq LIMIT 1 FOR UPDATE`,
      );
      if (!head) return { kind: 'empty' } as const;
      const heldElsewhere =
        head.claimed_by !== null &&
        head.claimed_by !== claimer &&
        (head.claimed_until_ms ?? 0) > nowMs;
      if (heldElsewhere) return { kind: 'wait', ms: (head.claimed_until_ms ?? nowMs) - nowMs };
      if (head.next_at_ms > nowMs) return { kind: 'wait', ms: head.next_at_ms - nowMs };
      await q.query(
        'UPDATE noc_alert_outbox SET claimed_by = $2, claimed_until_ms = $3 WHERE seq = $1',
        [head.seq, claimer, nowMs + leaseMs],
      );
      return {
        kind: 'claimed',
        head: {
          seq: head.seq,
          event: JSON.parse(head.body) as AlertEvent,
          attempts: head.attempts,
        },
      } as const;
    });
  }

  /** The head was delivered (or given up on): it leaves the outbox, if the caller still holds it. */
  async remove(seq: number, claimer: string): Promise<void> {
    await this.db.query('DELETE FROM noc_alert_outbox WHERE seq = $1 AND claimed_by = $2', [
      seq,
      claimer,
    ]);
  }

  /** The caller stops before the head's attempt ended: its claim is released, the attempt not counted. */
  async release(seq: number, claimer: string): Promise<void> {
    await this.db.query(
      `UPDATE noc_alert_outbox SET claimed_by = NULL, claimed_until_ms = NULL
       WHERE seq = $1 AND claimed_by = $2`,
      [seq, claimer],
    );
  }

  /** An attempt failed: counted, the claim released, the next attempt not before `nextAtMs`. */
  async retryAt(seq: number, claimer: string, nextAtMs: number): Promise<void> {
    await this.db.query(
      `UPDATE noc_alert_outbox SET attempts = attempts + 1, next_at_ms = $3,
         claimed_by = NULL, claimed_until_ms = NULL
       WHERE seq = $1 AND claimed_by = $2`,
      [seq, claimer, nextAtMs],
    );
  }

  /**
   * Keeps at most `max` events, dropping the oldest (a dead receiver must not grow the table
   * without end); returns the events dropped and the number left.
   */
  async trim(max: number): Promise<{ dropped: AlertEvent[]; left: number }> {
    const rows = await this.db.query<{ body: string }>(
      `DELETE FROM noc_alert_outbox WHERE seq IN
         (SELECT seq FROM noc_alert_outbox ORDER BY seq DESC OFFSET $1)
       RETURNING body`,
      [max],
    );
    const [n] = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM noc_alert_outbox',
    );
    return { dropped: rows.map((r) => JSON.parse(r.body) as AlertEvent), left: n?.n ?? 0 };
  }
}
