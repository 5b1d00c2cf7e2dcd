/** An alert the agent reports in telemetry beside its firmware-hook errors (same shape as HookError). */
export interface OutboxAlarm {
  hook: 'outbox';
  code: 'OUTBOX_NEAR_FULL' | 'OUTBOX_FULL';
  message: string;
}

/** Fraction of capacity from which the outbox reports OUTBOX_NEAR_FULL (default 0.8). */
export const NEAR_FULL_RATIO = 0.8;

/**
 * The outbox's alarm, if any: OUTBOX_FULL when it refuses appends (the agent admits no new lease),
 * OUTBOX_NEAR_FULL from `ratio` × capacity (acks are not keeping up: the coordinator, the broker or
 * the link is behind). undefined when neither.
 */
export function outboxAlarm(
  o: { depth: number; capacity: number; isFull: boolean },
  ratio = NEAR_FULL_RATIO,
): OutboxAlarm | undefined {
  const of = `${o.depth} of ${o.capacity} burn records unacknowledged`;
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
  o: { depth: number; capacity: number; isFull: boolean },
): (T | OutboxAlarm)[] {
  const alarm = outboxAlarm(o);
  return alarm ? [...errors, alarm] : [...errors];
}
