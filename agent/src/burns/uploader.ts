import { describeError, EdgefleetError, type Logger } from '@edgefleet/common';
import { pb, signBurnBatch, type edgefleet } from '@edgefleet/proto';
import type { KeyObject } from 'node:crypto';
import type { AgentConfig } from '../config.js';
import type { Outbox } from '../outbox/index.js';

export class PublishTimeoutError extends EdgefleetError {
  constructor(what: string, ms: number) {
    super('PUBLISH_TIMEOUT', `${what} not acknowledged by the broker within ${ms} ms`, {
      what,
      ms,
    });
  }
}

/** What the uploader needs from the MQTT link (agent/src/links/mqtt-link.ts). */
export interface BurnLink {
  readonly connected: boolean;
  /** Resolves when the broker acknowledged the batch (PUBACK). */
  publishBurns(batch: edgefleet.v1.BurnBatch): Promise<void>;
}

export interface BurnUploadSettings {
  /** Most records per published batch. */
  batchMax: number;
  /** How often the uploader publishes when there is something to publish. */
  flushIntervalMs: number;
  /** A batch the broker has not acknowledged within this fails the flush (records stay pending). */
  publishTimeoutMs: number;
  /** Published but unacknowledged for this long: publish again from the ack mark. */
  rewindAfterSilenceMs: number;
}

export function burnUploadSettings(
  c: Pick<
    AgentConfig,
    'burnBatchMax' | 'burnFlushIntervalMs' | 'burnPublishTimeoutMs' | 'burnRewindAfterSilenceMs'
  >,
): BurnUploadSettings {
  return {
    batchMax: c.burnBatchMax,
    flushIntervalMs: c.burnFlushIntervalMs,
    publishTimeoutMs: c.burnPublishTimeoutMs,
    rewindAfterSilenceMs: c.burnRewindAfterSilenceMs,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishTimeoutError(what, ms)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The burn upload protocol (docs/ledger.md): publish every outbox record after the publish cursor,
 * in batches; an ack from the coordinator drops records from the outbox; a resend request, a
 * reconnect or a long silence after publishing rewinds the cursor to the ack mark (the coordinator
 * deduplicates by (site, seq), so a record sent twice costs only bandwidth). One flush at a time.
 */
export class BurnUploader {
  /** Highest seq published since the last rewind; a flush publishes from the one after it. */
  private publishedUpTo: number;
  private lastAckAt: number;
  private flushing: Promise<void> | undefined;
  /** A burn was appended since the last timer tick. */
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(
    private readonly o: {
      siteId: string;
      link: BurnLink;
      outbox: Outbox;
      settings: BurnUploadSettings;
      log: Logger;
      /**
       * The site key to sign each batch with, asked at every publish (a rotated key signs what is
       * still unsent); undefined publishes unsigned. Throwing fails the flush (records stay pending).
       */
      signingKey?: () => KeyObject | undefined;
      /** Wall clock for the silence rewind (tests step it). Default Date.now. */
      now?: () => number;
    },
  ) {
    this.now = o.now ?? Date.now;
    this.publishedUpTo = o.outbox.ackedSeq;
    this.lastAckAt = this.now();
  }

  /**
   * Publishes pending records now. Concurrent calls share the flush in progress. Never rejects: a
   * failed flush is logged and the records stay pending for the next one.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.publishPending()
      .catch((err: unknown) =>
        this.o.log.warn({ err: describeError(err) }, 'burn publish failed; will retry'),
      )
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  private async publishPending(): Promise<void> {
    const { link, outbox, settings } = this.o;
    if (!link.connected) return;
    if (
      this.publishedUpTo > outbox.ackedSeq &&
      this.now() - this.lastAckAt > settings.rewindAfterSilenceMs
    )
      this.publishedUpTo = outbox.ackedSeq;
    for (;;) {
      // Only fsync'd records: one lost at a power cut would have its seq reused by a different
      // record after the restart, a fork the coordinator must refuse (outbox README "Durability").
      const from = Math.max(this.publishedUpTo, outbox.ackedSeq) + 1;
      const batch = outbox.pending(from, Math.min(settings.batchMax, outbox.durableSeq - from + 1));
      if (batch.length === 0) break;
      // A QoS 1 publish in flight when the broker dies may never complete: bound it, so a lost
      // batch fails this flush (the records stay pending and go again) instead of blocking all later ones.
      const msg = new pb.BurnBatch({ site_id: this.o.siteId, records: batch });
      const key = this.o.signingKey?.();
      if (key) msg.signature = signBurnBatch(key, msg);
      await withTimeout(link.publishBurns(msg), settings.publishTimeoutMs, 'burn batch publish');
      this.publishedUpTo = (batch[batch.length - 1] as { seq: number }).seq;
    }
  }

  /**
   * An ack from the coordinator: `acked_seq` drops records from the outbox, `resend_from` (a gap
   * it saw) moves the cursor back. Resolves when the outbox has dropped the records; never rejects
   * (a failed outbox ack is logged; the records stay and the next ack drops them).
   */
  onAck(ack: { acked_seq: number; resend_from: number }): Promise<void> {
    const { outbox, log } = this.o;
    this.lastAckAt = this.now();
    if (ack.resend_from > 0) this.publishedUpTo = Math.min(this.publishedUpTo, ack.resend_from - 1);
    if (ack.acked_seq <= outbox.ackedSeq) return Promise.resolve();
    return outbox
      .ack(ack.acked_seq)
      .catch((err: unknown) => log.error({ err: describeError(err) }, 'outbox ack failed'));
  }

  /** The MQTT session (re)connected: batches in flight on the old session may be lost, so start again from the ack mark. */
  onConnect(): void {
    this.publishedUpTo = this.o.outbox.ackedSeq;
    void this.flush();
  }

  /** A burn was appended: the next tick publishes it. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Publishes on an interval while there is anything new or unacknowledged. */
  start(): void {
    this.timer ??= setInterval(() => {
      if (this.dirty || this.o.outbox.depth > 0) {
        this.dirty = false;
        void this.flush();
      }
    }, this.o.settings.flushIntervalMs);
  }

  /** Stops the interval and runs one last flush. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
