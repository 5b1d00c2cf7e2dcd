import type { ClientReadableStream } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import {
  SessionClosedError,
  UnknownHoldError,
  coordinatorError,
  isServiceError,
} from './errors.js';
import { inferWithFailover, resolveHedgeDelay, type InferHost } from './failover.js';
import { inferStreamWithFailover } from './infer-stream.js';
import {
  LeaseEventKind,
  toLease,
  type InferOptions,
  type InferResult,
  type Lease,
  type LeaseEvent,
  type PreemptionNotice,
  type ReleaseResult,
  type RouteExplanation,
} from './types.js';

/** What a session needs from its client (kept as an interface so session.ts does not import client.ts). */
export interface SessionHost extends InferHost {
  readonly defaultTimeoutMs: number;
  renewHold(holdId: string, ttlS: number): Promise<Lease[]>;
  releaseHold(holdId: string): Promise<ReleaseResult>;
  watchHold(holdId: string, prices?: boolean): ClientReadableStream<LeaseEvent>;
}

/** Timer functions, replaceable in tests. */
export interface SessionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SessionTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SessionInit {
  holdId: string;
  model: string;
  leases: Lease[];
  explanation: RouteExplanation | undefined;
  ttlS: number;
  autoRenew: boolean;
  onRenewError: ((err: Error) => void) | undefined;
  onRenew?: ((leases: readonly Lease[]) => void) | undefined;
  onPreempted?: ((notice: PreemptionNotice) => void) | undefined;
  onReplaceError?: ((err: Error) => void) | undefined;
  /**
   * Acquires a new hold with the session's request (a preempted session with no other lease moves
   * onto it); absent = the session does not replace its hold.
   */
  replace?: (() => Promise<{ holdId: string; leases: Lease[] }>) | undefined;
  inferDefaults: Partial<InferOptions>;
  timers?: SessionTimers | undefined;
}

export interface WatchHandle {
  /** Stops watching (idempotent). */
  cancel(): void;
}

export interface WatchCallbacks {
  onError?: (err: Error) => void;
  onEnd?: () => void;
  /**
   * Also hear the spot price of each of the hold's sites (KIND_PRICE events: when the watch starts
   * and whenever a price changes).
   */
  prices?: boolean;
}

/** One watch() of the caller: its stream follows the session's hold (a replacement hold too). */
interface WatchSpec {
  onEvent: (event: LeaseEvent) => void;
  callbacks: WatchCallbacks;
  stream: ClientReadableStream<LeaseEvent> | undefined;
  cancelled: boolean;
}

const FALLBACK_TTL_MS = 30_000;
const MIN_RENEW_INTERVAL_MS = 50;

/**
 * A granted lease set (primary + hedges, one ledger hold) and the requests sent under it.
 * Renews itself every third of the TTL until released.
 */
export class LeaseSession {
  private hold: string;
  readonly model: string;
  readonly explanation: RouteExplanation | undefined;
  private leaseList: Lease[];
  private readonly timers: SessionTimers;
  private renewTimer: unknown;
  private readonly watches = new Set<WatchSpec>();
  /** Leases given preemption notice: out of the rotation, never taken back from a renewal. */
  private readonly preempted = new Set<string>();
  private replacing: Promise<void> | undefined;
  private releasing: Promise<ReleaseResult> | undefined;
  private isClosed = false;

  constructor(
    private readonly host: SessionHost,
    private readonly init: SessionInit,
  ) {
    this.hold = init.holdId;
    this.model = init.model;
    this.explanation = init.explanation;
    this.leaseList = [...init.leases];
    this.timers = init.timers ?? realTimers;
    if (init.autoRenew) this.scheduleRenew();
  }

  /** The ledger hold the session runs under (a new one after a preemption replaced it). */
  get holdId(): string {
    return this.hold;
  }

  /** Live leases, primary (or its replacement) first. */
  get leases(): readonly Lease[] {
    return this.leaseList;
  }

  get primary(): Lease | undefined {
    return this.leaseList[0];
  }

  get hedges(): readonly Lease[] {
    return this.leaseList.slice(1);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Milliseconds between automatic renewals: a third of the TTL. */
  renewIntervalMs(nowMs = Date.now()): number {
    let ttlMs = this.init.ttlS > 0 ? this.init.ttlS * 1000 : Infinity;
    if (!Number.isFinite(ttlMs)) {
      for (const l of this.leaseList)
        if (l.expires_at_ms > nowMs) ttlMs = Math.min(ttlMs, l.expires_at_ms - nowMs);
    }
    if (!Number.isFinite(ttlMs)) ttlMs = FALLBACK_TTL_MS;
    return Math.max(MIN_RENEW_INTERVAL_MS, Math.floor(ttlMs / 3));
  }

  /** Sends one request to the best lease, failing over (and optionally hedging) across the others. */
  async infer(input: string, options: InferOptions = {}): Promise<InferResult> {
    if (this.isClosed)
      throw new SessionClosedError(`session ${this.holdId} is released`, { holdId: this.holdId });
    const o = { ...this.init.inferDefaults, ...options };
    const timeoutMs = o.timeoutMs ?? this.host.defaultTimeoutMs;
    return inferWithFailover(this.host, {
      leases: this.leaseList,
      model: this.model,
      input,
      maxOutputTokens: o.maxOutputTokens ?? 0,
      timeoutMs,
      hedgeAfterMs: resolveHedgeDelay(o.hedgeAfterMs, timeoutMs, this.host.latencies),
      requestId: o.requestId,
      tensors: o.tensors,
      outputNames: o.outputNames,
    });
  }

  /**
   * Streams one text request (Inference.InferStream): `onDelta` gets each piece of text as the site
   * produces it (a site on an OpenAI-compatible server streams token by token); resolves with the
   * summary like `infer`. Fails over only before the first piece; never hedged (infer-stream.ts).
   */
  async inferStream(
    input: string,
    onDelta: (text: string) => void,
    options: Omit<InferOptions, 'hedgeAfterMs' | 'tensors' | 'outputNames'> = {},
  ): Promise<InferResult> {
    if (this.isClosed)
      throw new SessionClosedError(`session ${this.holdId} is released`, { holdId: this.holdId });
    const o = { ...this.init.inferDefaults, ...options };
    return inferStreamWithFailover(this.host, {
      leases: this.leaseList,
      model: this.model,
      input,
      maxOutputTokens: o.maxOutputTokens ?? 0,
      timeoutMs: o.timeoutMs ?? this.host.defaultTimeoutMs,
      requestId: o.requestId,
      onDelta,
    });
  }

  /** Extends the hold and its leases; the coordinator's answer replaces the lease set. */
  async renew(): Promise<readonly Lease[]> {
    if (this.isClosed)
      throw new SessionClosedError(`session ${this.holdId} is released`, { holdId: this.holdId });
    const renewed = await this.host.renewHold(this.holdId, this.init.ttlS);
    if (renewed.length > 0 && !this.isClosed) {
      const byId = new Map(renewed.map((l) => [l.lease_id, l]));
      const kept = this.leaseList
        .filter((l) => byId.has(l.lease_id))
        .map((l) => byId.get(l.lease_id) ?? l);
      const added = renewed.filter(
        (l) =>
          !this.preempted.has(l.lease_id) && !this.leaseList.some((k) => k.lease_id === l.lease_id),
      );
      this.leaseList = [...kept, ...added];
    }
    return this.leaseList;
  }

  /**
   * Follows the hold's LeaseBroker.Watch stream: a reroute replaces the lease in the session,
   * a revoke or expiry removes it, a preemption notice moves requests to a hedge (or, with none
   * left, onto a replacement hold, which the watch then follows); `onEvent` sees every event after
   * the session is updated.
   */
  watch(onEvent: (event: LeaseEvent) => void, callbacks: WatchCallbacks = {}): WatchHandle {
    if (this.isClosed)
      throw new SessionClosedError(`session ${this.holdId} is released`, { holdId: this.holdId });
    const spec: WatchSpec = { onEvent, callbacks, stream: undefined, cancelled: false };
    this.watches.add(spec);
    this.openWatch(spec);
    return {
      cancel: () => {
        if (spec.cancelled) return;
        spec.cancelled = true;
        this.watches.delete(spec);
        spec.stream?.cancel();
      },
    };
  }

  private openWatch(spec: WatchSpec): void {
    const stream = this.host.watchHold(this.hold, spec.callbacks.prices === true);
    spec.stream = stream;
    // A stream left behind by a move to a replacement hold (or cancelled) says nothing more.
    const current = () => spec.stream === stream && !spec.cancelled;
    stream.on('data', (event: LeaseEvent) => {
      if (!current()) return;
      this.apply(event);
      spec.onEvent(event);
    });
    stream.on('error', (err: unknown) => {
      if (!current()) return;
      this.watches.delete(spec);
      if (isServiceError(err) && err.code === status.CANCELLED && this.isClosed) return;
      spec.callbacks.onError?.(coordinatorError(err, 'watch'));
    });
    stream.on('end', () => {
      if (!current()) return;
      this.watches.delete(spec);
      spec.callbacks.onEnd?.();
    });
  }

  /** Ends the session: stops renewing and watching, and releases the hold (idempotent). */
  release(): Promise<ReleaseResult> {
    this.isClosed = true;
    this.stopAutoRenew();
    for (const w of this.watches) w.stream?.cancel();
    this.watches.clear();
    this.releasing ??= this.host.releaseHold(this.holdId).catch((err: unknown) => {
      this.releasing = undefined; // let the caller retry a failed release
      throw err;
    });
    return this.releasing;
  }

  stopAutoRenew(): void {
    if (this.renewTimer !== undefined) this.timers.clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
  }

  private apply(event: LeaseEvent): void {
    const idx = this.leaseList.findIndex((l) => l.lease_id === event.lease_id);
    if (event.kind === LeaseEventKind.KIND_REROUTE) {
      const replacement = toLease(event.replacement);
      if (!replacement) return;
      if (idx >= 0) this.leaseList.splice(idx, 1, replacement);
      else if (!this.leaseList.some((l) => l.lease_id === replacement.lease_id))
        this.leaseList.push(replacement);
    } else if (
      (event.kind === LeaseEventKind.KIND_REVOKE || event.kind === LeaseEventKind.KIND_EXPIRED) &&
      idx >= 0
    ) {
      this.leaseList.splice(idx, 1);
    } else if (event.kind === LeaseEventKind.KIND_PREEMPTED && idx >= 0) {
      this.onPreempted(event, idx);
    }
  }

  /**
   * A lease gives its slot up at event.deadline_ms. With another lease left, requests move to it
   * at once; with none, the lease keeps serving while a replacement hold is acquired, and the
   * session moves onto it (releasing the old hold ends the preempted lease early: only the work
   * done is paid for).
   */
  private onPreempted(event: LeaseEvent, idx: number): void {
    const lease = this.leaseList[idx] as Lease;
    this.preempted.add(lease.lease_id);
    const replacing = this.leaseList.length === 1 && this.init.replace !== undefined;
    if (this.leaseList.length > 1) this.leaseList.splice(idx, 1);
    else if (replacing && !this.replacing)
      this.replacing = this.replaceHold().then(
        () => {
          this.replacing = undefined;
        },
        (err: unknown) => {
          this.replacing = undefined;
          if (!this.isClosed)
            this.init.onReplaceError?.(err instanceof Error ? err : new Error(String(err)));
        },
      );
    this.init.onPreempted?.({
      lease,
      deadlineMs: Number(event.deadline_ms),
      reason: event.reason,
      replacing,
    });
  }

  /** Acquires a replacement hold and moves the session (leases, renewals, watches) onto it. */
  private async replaceHold(): Promise<void> {
    const replace = this.init.replace;
    if (!replace) return;
    const next = await replace();
    if (this.isClosed) {
      await this.host.releaseHold(next.holdId);
      return;
    }
    const old = this.hold;
    this.hold = next.holdId;
    this.leaseList = [...next.leases];
    for (const spec of this.watches) {
      const prior = spec.stream;
      this.openWatch(spec);
      prior?.cancel();
    }
    await this.host.releaseHold(old).catch((err: unknown) => {
      // The old hold ended on its own already (revoked at its deadline): nothing left to release.
      if (!(err instanceof UnknownHoldError)) throw err;
    });
  }

  private scheduleRenew(): void {
    if (this.isClosed) return;
    this.renewTimer = this.timers.setTimeout(() => {
      this.renewTimer = undefined;
      this.renew().then(
        (leases) => {
          if (!this.isClosed) this.init.onRenew?.(leases);
          this.scheduleRenew();
        },
        (err: unknown) => {
          if (this.isClosed) return;
          this.init.onRenewError?.(err instanceof Error ? err : new Error(String(err)));
          if (!(err instanceof UnknownHoldError)) this.scheduleRenew();
        },
      );
    }, this.renewIntervalMs());
  }
}
