import { describeError, type Logger } from '@edgefleet/common';
import { BadMessageError, decodePayload, MAX_PAYLOAD_BYTES, pb } from '@edgefleet/proto';
import type { Admission } from '../admission.js';
import type { SigningKeys } from './signing-keys.js';

/** Who takes the coordinator's burn acks (the BurnUploader). */
export interface AckSink {
  onAck(ack: { acked_seq: number; resend_from: number }): Promise<void>;
}

export interface SiteTopicDeps {
  acks: AckSink;
  keys: SigningKeys;
  admission: Admission;
  /** Republishes the retained MQTT status (a drain changes it). */
  publishStatus: () => void;
  log: Logger;
  /** A message that failed validation, by reason (the bad-messages counter). */
  onBadMessage?: (reason: string) => void;
}

/**
 * The coordinator's messages on the site's own MQTT topics: `ack` (burns reconciled up to a seq, or
 * a resend request) and the retained `config` (signing keys, drain). Nothing trusts a payload: a
 * message that does not decode or validate is counted, logged and dropped.
 */
export class SiteTopicHandler {
  constructor(private readonly d: SiteTopicDeps) {}

  handle(kind: 'ack' | 'config', payload: Buffer): void {
    try {
      if (kind === 'ack') this.onAck(payload);
      else this.onConfig(payload);
    } catch (err) {
      this.d.onBadMessage?.(err instanceof BadMessageError ? err.reason : 'invalid');
      this.d.log.warn({ kind, err: describeError(err) }, 'bad message from coordinator dropped');
    }
  }

  private onAck(payload: Buffer): void {
    const ack = decodePayload(pb.BurnAck, payload, MAX_PAYLOAD_BYTES.ack, 'ack');
    // onAck never rejects (the uploader logs a failed outbox ack itself).
    void this.d.acks.onAck(ack);
  }

  private onConfig(payload: Buffer): void {
    const cfg = decodePayload(pb.SiteConfig, payload, MAX_PAYLOAD_BYTES.config, 'config');
    this.d.keys.merge(cfg.signing_keys);
    if (cfg.drain !== this.d.admission.draining) {
      this.d.admission.draining = cfg.drain;
      this.d.publishStatus();
    }
  }
}
