import {
  BackendQueueFullError,
  BackendWaitExceedsDeadlineError,
  QueuedWorkCancelledError,
} from './errors.js';

export interface WorkQueueOptions {
  /** Jobs that run at once (the slot's parallelism; 1 = one at a time). */
  concurrency: number;
  /** Jobs that may wait behind the running ones; one more is refused with BackendQueueFullError. */
  maxQueued: number;
  /** Service time assumed until a job has been observed (ms); afterwards an EWMA of observed jobs. */
  initialServiceMs: number;
  now?: () => number;
}

export interface RunOptions {
  /** The caller went away: a job still waiting is dropped (never run); a running one completes. */
  signal?: AbortSignal;
  /** Epoch ms (same clock as `now`): refused at once if it cannot finish by then, dropped if still waiting then. */
  deadlineMs?: number;
}

interface Waiter {
  start: () => void;
  drop: (err: Error) => void;
}

const EWMA_ALPHA = 0.2;

/**
 * A slot's bounded queue. Work is refused at the door rather than left to time out: a full queue, or
 * one whose expected completion (the work ahead, then this job, at the observed service time) lies
 * past the caller's deadline, throws at once so the client moves to a hedge site while it still can.
 * A caller that goes away while waiting costs nothing: its job never runs, so nothing is billed.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private serviceMs: number;
  private readonly now: () => number;

  constructor(private readonly o: WorkQueueOptions) {
    if (!(o.concurrency >= 1) || !(o.maxQueued >= 0))
      throw new RangeError('WorkQueue needs concurrency ≥ 1 and maxQueued ≥ 0');
    this.serviceMs = Math.max(0, o.initialServiceMs);
    this.now = o.now ?? Date.now;
  }

  get queued(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  /** The service time the queue plans with (ms). */
  get expectedServiceMs(): number {
    return this.serviceMs;
  }

  /** Feeds one observed service time into the estimate (a warm-up run seeds it before traffic). */
  observe(ms: number): void {
    this.serviceMs =
      this.serviceMs === 0 ? ms : this.serviceMs + EWMA_ALPHA * (ms - this.serviceMs);
  }

  /** When a job arriving now would finish, from now (ms): the rounds of work ahead of it, then itself. */
  expectedCompletionMs(): number {
    const free = this.running < this.o.concurrency && this.waiting.length === 0;
    const roundsAhead = free ? 0 : Math.ceil((this.waiting.length + 1) / this.o.concurrency);
    return (roundsAhead + 1) * this.serviceMs;
  }

  run<T>(job: () => Promise<T>, opts: RunOptions = {}): Promise<T> {
    if (opts.signal?.aborted)
      return Promise.reject(new QueuedWorkCancelledError('caller cancelled before queueing'));
    if (opts.deadlineMs !== undefined) {
      const left = opts.deadlineMs - this.now();
      const expected = this.expectedCompletionMs();
      if (expected > left)
        return Promise.reject(new BackendWaitExceedsDeadlineError(expected, left));
    }
    if (this.running < this.o.concurrency && this.waiting.length === 0) return this.execute(job);
    if (this.waiting.length >= this.o.maxQueued)
      return Promise.reject(new BackendQueueFullError(this.waiting.length, this.o.maxQueued));
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => waiter.drop(new QueuedWorkCancelledError('caller cancelled'));
      const leave = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        opts.signal?.removeEventListener('abort', onAbort);
        if (timer) clearTimeout(timer);
      };
      const waiter: Waiter = {
        start: () => {
          leave();
          this.execute(job).then(resolve, reject);
        },
        drop: (err) => {
          leave();
          reject(err);
        },
      };
      this.waiting.push(waiter);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.deadlineMs !== undefined) {
        // The caller's own deadline also cancels its gRPC call; this covers callers without a signal.
        timer = setTimeout(
          () => waiter.drop(new QueuedWorkCancelledError('deadline passed while queued')),
          Math.max(0, opts.deadlineMs - this.now()),
        );
        timer.unref();
      }
    });
  }

  private async execute<T>(job: () => Promise<T>): Promise<T> {
    this.running++;
    const t0 = performance.now();
    try {
      return await job();
    } finally {
      this.observe(performance.now() - t0);
      this.running--;
      this.waiting[0]?.start();
    }
  }
}
