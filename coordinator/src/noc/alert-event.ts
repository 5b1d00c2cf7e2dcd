import type { Alert } from './alerts.js';

/** What the webhook receives: one JSON object per POST. */
export interface AlertEvent {
  /**
   * Unique per event: a receiver may see an event twice (a replica stopped after the receiver took
   * it but before the outbox knew), never an older event after a newer one; it drops repeats by this.
   */
  eventId: string;
  event: 'alert.raised' | 'alert.resolved' | 'alert.acked';
  alert: Alert;
  /** The coordinator's clock when the change was recorded. */
  atMs: number;
}
