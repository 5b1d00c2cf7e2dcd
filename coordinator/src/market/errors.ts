import { EdgefleetError } from '@edgefleet/common';

/** A reservation the capacity calendar cannot honour beside the ones already booked. */
export class ReservationOverbookedError extends EdgefleetError {
  readonly slots: number;
  /** The most slots of this class the calendar could still give over the whole window. */
  readonly available: number;
  constructor(slots: number, available: number, data: Record<string, unknown> = {}) {
    super(
      'RESERVATION_OVERBOOKED',
      `cannot reserve ${slots} slots: at most ${available} are free over the whole window`,
      { slots, available, ...data },
    );
    this.slots = slots;
    this.available = available;
  }
}

/** A reservation whose window, slot count or class cannot be booked at all. */
export class InvalidReservationError extends EdgefleetError {
  readonly field: string;
  constructor(field: string, message: string) {
    super('INVALID_RESERVATION', `${field}: ${message}`, { field });
    this.field = field;
  }
}

/** The queue already holds its maximum of waiting requests (for the fleet or for the customer). */
export class QueueFullError extends EdgefleetError {
  readonly scope: 'fleet' | 'customer';
  readonly limit: number;
  constructor(scope: 'fleet' | 'customer', limit: number, customerId: string) {
    super('QUEUE_FULL', `the ${scope} queue holds its maximum of ${limit} waiting requests`, {
      scope,
      limit,
      customerId,
    });
    this.scope = scope;
    this.limit = limit;
  }
}

/** A queued request whose deadline passed before a slot was free. */
export class QueueTimeoutError extends EdgefleetError {
  readonly waitedMs: number;
  constructor(customerId: string, waitedMs: number) {
    super('QUEUE_TIMEOUT', `no slot was free within the request's deadline (${waitedMs} ms)`, {
      customerId,
      waitedMs,
    });
    this.waitedMs = waitedMs;
  }
}

/**
 * A queued Acquire whose caller went away (cancelled the call, or its gRPC deadline passed) while it
 * waited: it leaves the queue at once, so it never takes a slot nobody will use.
 */
export class QueueAbandonedError extends EdgefleetError {
  readonly waitedMs: number;
  constructor(customerId: string, waitedMs: number) {
    super('QUEUE_ABANDONED', `the caller went away after ${waitedMs} ms in the queue`, {
      customerId,
      waitedMs,
    });
    this.waitedMs = waitedMs;
  }
}

/** Money arithmetic that would leave the safe integer range, or mixes currencies. */
export class MoneyError extends EdgefleetError {
  constructor(message: string, data: Record<string, unknown>) {
    super('MONEY_INVALID', message, data);
  }
}

/** The coordinator is shutting down: a waiting request is sent away to try another replica. */
export class QueueClosedError extends EdgefleetError {
  constructor(customerId: string) {
    super('UNAVAILABLE', 'the coordinator is shutting down; try another replica', { customerId });
  }
}

/** No reservation with this id (for this customer: another customer's is not shown to them either). */
export class ReservationNotFoundError extends EdgefleetError {
  constructor(reservationId: string) {
    super('RESERVATION_NOT_FOUND', `no reservation ${reservationId}`, { reservationId });
  }
}

/** A reservation already cancelled or settled: it cannot be cancelled (again). */
export class ReservationClosedError extends EdgefleetError {
  readonly status: string;
  constructor(reservationId: string, status: string) {
    super('RESERVATION_CLOSED', `reservation ${reservationId} is already ${status}`, {
      reservationId,
      status,
    });
    this.status = status;
  }
}
