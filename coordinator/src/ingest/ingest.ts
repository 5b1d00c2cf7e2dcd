import { describeError, type Logger } from '@edgefleet/common';
import {
  BadMessageError, MAX_PAYLOAD_BYTES, decodePayload, fleetTopic, parseSiteTopic, pb, type BurnRecordData, type SiteTopicKind, type edgefleet,
} from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';
import type { Ledger } from '../ledger/types.js';
import { isHex64 } from '../ledger/index.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { MessageBus } from '../transport/bus.js';
import { publishBurnAck } from '../transport/burn-ack.js';
import { validateStatus, validateTelemetry } from './validate-telemetry.js';

export interface IngestDeps {
  bus: MessageBus;
  registry: FleetRegistry;
  ledger: Ledger;
  metrics: CoordinatorMetrics;
  log: Logger;
  /**
   * Burn batches through ledger.ingestBurns (in-order batches decided and posted at once, acked here
   * after the commit) instead of stageBurns (everything staged for the reconciler). Default false.
   */
  fastPath?: boolean;
  /** Called for every bad message, for the alerts list. */
  onBadMessage?: (siteId: string, kind: string, reason: string, message: string) => void;
}

const MAX_BURNS_PER_BATCH = 5000;

/**
 * MQTT → registry and ledger staging. Every payload is size-bounded and validated; a bad one
 * is counted by kind and reason (Prometheus) and by site and reason (the registry's per-site
 * tally, for the NOC and alerts), logged with its site, dropped, and never fatal.
 */
export async function startIngest(d: IngestDeps): Promise<void> {
  const bad = (siteId: string, kind: SiteTopicKind | 'unknown', err: unknown) => {
    const reason = err instanceof BadMessageError ? err.reason : 'invalid';
    d.metrics.badMessages.inc({ kind, reason });
    d.registry.noteBadMessage(siteId, kind, reason, describeError(err));
    d.log.warn({ siteId, kind, reason, err: describeError(err) }, 'bad message dropped');
    d.onBadMessage?.(siteId, kind, reason, describeError(err));
  };

  const handle = (kind: SiteTopicKind, fn: (siteId: string, payload: Buffer) => void | Promise<void>) => (topic: string, payload: Buffer) => {
    const t = parseSiteTopic(topic);
    if (!t || t.kind !== kind) {
      bad('?', 'unknown', new BadMessageError('unknown_topic', `unexpected topic ${topic}`));
      return;
    }
    if (!d.registry.get(t.siteId)) {
      bad(t.siteId, kind, new BadMessageError('wrong_site', `site ${t.siteId} is not enrolled`));
      return;
    }
    try {
      const r = fn(t.siteId, payload);
      if (r instanceof Promise) r.catch((err: unknown) => bad(t.siteId, kind, err));
    } catch (err) {
      bad(t.siteId, kind, err);
    }
  };

  await d.bus.subscribe(fleetTopic('telemetry'), handle('telemetry', (siteId, payload) => {
    const msg = decodePayload(pb.Telemetry, payload, MAX_PAYLOAD_BYTES.telemetry, 'telemetry');
    if (msg.site_id && msg.site_id !== siteId) throw new BadMessageError('wrong_site', `telemetry names site ${msg.site_id} on ${siteId}'s topic`);
    msg.site_id = siteId;
    validateTelemetry(msg);
    d.registry.applyTelemetry(msg);
    d.metrics.telemetryMessages.inc();
  }));

  await d.bus.subscribe(fleetTopic('status'), handle('status', (siteId, payload) => {
    if (payload.byteLength === 0) return; // a retained status being cleared, not a report
    const msg = decodePayload(pb.SiteStatus, payload, MAX_PAYLOAD_BYTES.status, 'status');
    if (msg.site_id && msg.site_id !== siteId) throw new BadMessageError('wrong_site', `status names site ${msg.site_id} on ${siteId}'s topic`);
    msg.site_id = siteId;
    validateStatus(msg);
    const kind = msg.state === pb.SiteState.SITE_STATE_ONLINE ? 'online' : msg.state === pb.SiteState.SITE_STATE_DRAINING ? 'draining' : 'offline';
    d.registry.applyStatus(msg, kind);
  }));

  await d.bus.subscribe(fleetTopic('burns'), handle('burns', async (siteId, payload) => {
    const batch = decodePayload(pb.BurnBatch, payload, MAX_PAYLOAD_BYTES.burns, 'burns');
    if (batch.site_id && batch.site_id !== siteId) throw new BadMessageError('wrong_site', `burn batch names site ${batch.site_id} on ${siteId}'s topic`);
    if (batch.records.length > MAX_BURNS_PER_BATCH) throw new BadMessageError('invalid', `${batch.records.length} records in one batch (max ${MAX_BURNS_PER_BATCH})`);
    const records: BurnRecordData[] = [];
    for (const r of batch.records) {
      const rec = validateBurn(siteId, r);
      records.push(rec);
    }
    if (records.length === 0) return;
    // In-order batches are decided and posted at once (the fast path); the rest is staged for the reconciler.
    const res = d.fastPath ? await d.ledger.ingestBurns(siteId, records) : { ...(await d.ledger.stageBurns(siteId, records)), posted: 0, ackedSeq: 0, runId: undefined, report: undefined };
    if (res.posted > 0) {
      d.metrics.burnsStaged.inc({ outcome: 'posted' }, res.posted);
      if (res.report) {
        d.metrics.reconAccepted.inc(res.report.acceptedMicroTokens);
        for (const k of ['overBudget', 'late'] as const) if (res.report[k] > 0) d.metrics.reconDiscrepancies.inc({ kind: k }, res.report[k]);
      }
      // Acked after the commit, as the reconciler acks: every seq up to ackedSeq is decided and stored.
      publishBurnAck(d.bus, { siteId, ackedSeq: res.ackedSeq, resendFrom: 0, runId: res.runId ?? '' }).catch((err: unknown) => {
        d.log.warn({ err: describeError(err), siteId }, 'burn ack publish failed');
      });
    }
    d.metrics.burnsStaged.inc({ outcome: 'staged' }, res.staged);
    if (res.duplicate) d.metrics.burnsStaged.inc({ outcome: 'duplicate' }, res.duplicate);
    if (res.tampered) {
      d.metrics.burnsStaged.inc({ outcome: 'tampered' }, res.tampered);
      d.onBadMessage?.(siteId, 'burns', 'tampered', `${res.tampered} record(s) reuse a seq with different content`);
    }
  }), { shared: true });
}

function validateBurn(siteId: string, r: edgefleet.v1.BurnRecord.$Properties): BurnRecordData {
  const rec: BurnRecordData = {
    site_id: r.site_id ?? '',
    seq: Number(r.seq ?? 0),
    lease_id: r.lease_id ?? '',
    accelerator_model: r.accelerator_model ?? '',
    accelerator_serial: r.accelerator_serial ?? '',
    slot: r.slot ?? '',
    started_at_ms: Number(r.started_at_ms ?? 0),
    ended_at_ms: Number(r.ended_at_ms ?? 0),
    micro_tokens: Number(r.micro_tokens ?? 0),
    prev_hash: r.prev_hash ?? '',
    hash: r.hash ?? '',
  };
  if (rec.site_id !== siteId) throw new BadMessageError('wrong_site', `burn record of site ${rec.site_id} on ${siteId}'s topic`);
  if (!Number.isSafeInteger(rec.seq) || rec.seq < 1) throw new BadMessageError('invalid', `burn seq ${rec.seq} is not a positive integer`);
  if (!Number.isSafeInteger(rec.micro_tokens) || rec.micro_tokens < 0) throw new BadMessageError('invalid', `burn ${rec.seq}: micro_tokens ${rec.micro_tokens}`);
  if (!rec.lease_id || rec.lease_id.length > 128) throw new BadMessageError('invalid', `burn ${rec.seq}: lease_id missing or too long`);
  if (!isHex64(rec.hash) || !isHex64(rec.prev_hash)) throw new BadMessageError('invalid', `burn ${rec.seq}: hash/prev_hash must be 64 hex chars`);
  if (rec.ended_at_ms < rec.started_at_ms) throw new BadMessageError('invalid', `burn ${rec.seq}: ends before it starts`);
  if (rec.accelerator_model.length > 256 || rec.accelerator_serial.length > 256 || rec.slot.length > 64) throw new BadMessageError('invalid', `burn ${rec.seq}: field too long`);
  return rec;
}
