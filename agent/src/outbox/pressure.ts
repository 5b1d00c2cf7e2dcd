/** An alert the agent reports in telemetry beside its firmware-hook errors (same shape as HookError). */
export interface OutboxAlarm {
  hook: 'outbox';
  code: 'OUTBOX_NEAR_FULL' | 'OUTBOX_FULL' | 'OUTBOX_DISK_FULL';
  message: string;
}

/** Fraction of capacity from which the outbox reports OUTBOX_NEAR_FULL (default 0.8). */
export const NEAR_FULL_RATIO = 0.8;

/** What the alarm reads from the outbox (`diskFull` where the outbox knows it: the file outbox). */
export interface OutboxPressure {
  depth: number;
  capacity: number;
  isFull: boolean;
  diskFull?: boolean;
}

/**
 * The outbox's alarm, if any: OUTBOX_DISK_FULL when the disk under it is full (the agent admits no
 * new lease until a write or a space probe succeeds), OUTBOX_FULL when it refuses appends (the agent admits no new lease),
 * OUTBOX_NEAR_FULL from `ratio` × capacity (acks are not keeping up: the coordinator, the broker or
 * the link is behind). undefined when neither.
 */
export function outboxAlarm(o: OutboxPressure, ratio = NEAR_FULL_RATIO): OutboxAlarm | undefined {
  const of = `${o.depth} of ${o.capacity} burn records unacknowledged`;
  if (o.diskFull === true)
    return {
      hook: 'outbox',
      code: 'OUTBOX_DISK_FULL',
      message: `the disk under the burn outbox is full (${of}); new leases refused until space returns`,
    };
  if (o.isFull)
    return {
      hook: 'outbox',
      code: 'OUTBOX_FULL',
      message: `${of}; new leases refused until the coordinator acks`,
    };
  if (o.depth >= Math.ceil(o.capacity * ratio))
    return {
      hook: 'outbox',
      code: 'OUTBOX_NEAR_FULL',
      message: `${of} (≥ ${Math.round(ratio * 100)}%); acks are not keeping up`,
    };
  return undefined;
}

/** `errors` plus the outbox alarm when there is one (for telemetry's hook_errors). */
export function withOutboxAlarm<T extends object>(
  errors: readonly T[],
  o: OutboxPressure,
): (T | OutboxAlarm)[] {
  const alarm = outboxAlarm(o);
  return alarm ? [...errors, alarm] : [...errors];
}
