import { EdgefleetError } from '@edgefleet/common';

/** A request sent tensors to a backend that only takes text (simulated, HTTP proxy). */
export class TensorsNotSupportedError extends EdgefleetError {
  constructor(backend: string) {
    super('TENSORS_NOT_SUPPORTED', `the ${backend} backend takes text input only, not tensors`, {
      backend,
    });
  }
}

/** A slot's queue already holds as much work as it may: the caller should go to another site now. */
export class BackendQueueFullError extends EdgefleetError {
  constructor(queued: number, max: number) {
    super('BACKEND_QUEUE_FULL', `inference queue is full (${queued} of ${max} waiting)`, {
      queued,
      max,
    });
  }
}

/** The work ahead of this request would outlast its deadline: refusing now beats timing out later. */
export class BackendWaitExceedsDeadlineError extends EdgefleetError {
  constructor(expectedWaitMs: number, leftMs: number) {
    super(
      'BACKEND_WAIT_EXCEEDS_DEADLINE',
      `expected wait ${Math.round(expectedWaitMs)} ms exceeds the ${Math.round(leftMs)} ms left before the caller's deadline`,
      { expectedWaitMs, leftMs },
    );
  }
}

/** The caller went away (cancelled, deadline passed) while its work was still queued: dropped, never run, never billed. */
export class QueuedWorkCancelledError extends EdgefleetError {
  constructor(reason: string) {
    super('QUEUED_WORK_CANCELLED', `queued inference dropped: ${reason}`, { reason });
  }
}
