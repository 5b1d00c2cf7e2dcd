import { describeError, type Logger } from '@edgefleet/common';
import {
  BadMessageError,
  MAX_PAYLOAD_BYTES,
  checkBurnRecord,
  decodePayload,
  fleetTopic,
  parseSiteTopic,
  pb,
  type BurnRecordData,
  type SiteTopicKind,
  type edgefleet,
} from '@edgefleet/proto';
import type { FleetRegistry } from '../fleet/registry.js';
import type { Ledger } from '../ledger/types.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { MessageBus } from '../transport/bus.js';
import { publishBurnAck } from '../transport/burn-ack.js';
import { validateStatus, validateTelemetry } from './validate-telemetry.js';
import type { BatchRefusal, SiteKeyBook } from '../fleet/site-keys.js';
import { gateBurnBatch, type SignedBurnsPolicy } from './batch-signature-gate.js';

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
  /** Burn batch signatures: the sites' keys, and whether a batch must be signed (config siteKeys). */
  siteKeys: Pick<SiteKeyBook, 'verify'>;
  signedBurns: SignedBurnsPolicy;
  /** Called for every refused burn batch (unsigned, forged, no site key), for the alerts list. */
  onBatchRefused?: (siteId: string, reason: BatchRefusal, records: number) => void;
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

  const handle =
    (kind: SiteTopicKind, fn: (siteId: string, payload: Buffer) => void | Promise<void>) =>
    (topic: string, payload: Buffer) => {
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

  await d.bus.subscribe(
    fleetTopic('telemetry'),
    handle('telemetry', (siteId, payload) => {
      const msg = decodePayload(pb.Telemetry, payload, MAX_PAYLOAD_BYTES.telemetry, 'telemetry');
      if (msg.site_id && msg.site_id !== siteId)
        throw new BadMessageError(
          'wrong_site',
          `telemetry names site ${msg.site_id} on ${siteId}'s topic`,
        );
      msg.site_id = siteId;
      validateTelemetry(msg);
      d.registry.applyTelemetry(msg);
      d.metrics.telemetryMessages.inc();
    }),
  );

  await d.bus.subscribe(
    fleetTopic('status'),
    handle('status', (siteId, payload) => {
      if (payload.byteLength === 0) return; // a retained status being cleared, not a report
      const msg = decodePayload(pb.SiteStatus, payload, MAX_PAYLOAD_BYTES.status, 'status');
      if (msg.site_id && msg.site_id !== siteId)
        throw new BadMessageError(
          'wrong_site',
          `status names site ${msg.site_id} on ${siteId}'s topic`,
        );
      msg.site_id = siteId;
      validateStatus(msg);
      const kind =
        msg.state === pb.SiteState.SITE_STATE_ONLINE
          ? 'online'
          : msg.state === pb.SiteState.SITE_STATE_DRAINING
            ? 'draining'
            : 'offline';
      d.registry.applyStatus(msg, kind);
    }),
  );

  await d.bus.subscribe(
    fleetTopic('burns'),
    handle('burns', async (siteId, payload) => {
      const batch = decodePayload(pb.BurnBatch, payload, MAX_PAYLOAD_BYTES.burns, 'burns');
      if (batch.site_id && batch.site_id !== siteId)
        throw new BadMessageError(
          'wrong_site',
          `burn batch names site ${batch.site_id} on ${siteId}'s topic`,
        );
      if (batch.records.length > MAX_BURNS_PER_BATCH)
        throw new BadMessageError(
          'invalid',
          `${batch.records.length} records in one batch (max ${MAX_BURNS_PER_BATCH})`,
        );
      // The signature first, before anything is staged: a batch the site did not sign with its
      // enrolled key posts nothing and is not acked (an ack would let whoever forged it move the
      // site's ack mark and make the honest agent drop unsent burns). The honest agent keeps its
      // records and publishes them again, signed, at its silence rewind (burnRewindAfterSilenceMs):
      // a bounded retry, never a hot loop; a key the coordinator does not know is fixed by rotation.
      const gate = await gateBurnBatch(d.siteKeys, d.signedBurns, siteId, batch);
      if (!gate.pass) {
        d.metrics.burnBatchesRefused.inc({ reason: gate.reason });
        const message = `burn batch of ${batch.records.length} record(s) refused: ${gate.reason}`;
        d.registry.noteBadMessage(siteId, 'burns', gate.reason, message);
        d.log.warn({ siteId, reason: gate.reason, records: batch.records.length }, message);
        d.onBatchRefused?.(siteId, gate.reason, batch.records.length);
        return;
      }
      // Each record is checked with proto's burn-record schema, the one the ledger applies: a bad one
      // is refused by name and goes on with the batch. The ledger keeps it in burn_rejects; when it is
      // authentic (its own hash is right) it is decided as refused, posting nothing, and acked, so the
      // site stops resending it; otherwise it is tampered (a hole in the chain until a resend heals it).
      // The good records before it post and are acked either way. Throwing here dropped the whole
      // batch, unacked, and the agent resent it forever.
      const records = batch.records.map(burnData);
      const refused = refusals(siteId, records);
      if (refused) bad(siteId, 'burns', refused);
      if (records.length === 0) return;
      // In-order batches are decided and posted at once (the fast path); the rest is staged for the reconciler.
      const res = d.fastPath
        ? await d.ledger.ingestBurns(siteId, records)
        : {
            ...(await d.ledger.stageBurns(siteId, records)),
            posted: 0,
            ackedSeq: 0,
            runId: undefined,
            report: undefined,
          };
      if (res.posted > 0) {
        d.metrics.burnsStaged.inc({ outcome: 'posted' }, res.posted);
        if (res.report) {
          d.metrics.reconAccepted.inc(res.report.acceptedMicroTokens);
          for (const k of ['overBudget', 'late'] as const)
            if (res.report[k] > 0) d.metrics.reconDiscrepancies.inc({ kind: k }, res.report[k]);
        }
        // Acked after the commit, as the reconciler acks: every seq up to ackedSeq is decided and stored.
        publishBurnAck(d.bus, {
          siteId,
          ackedSeq: res.ackedSeq,
          resendFrom: 0,
          runId: res.runId ?? '',
        }).catch((err: unknown) => {
          d.log.warn({ err: describeError(err), siteId }, 'burn ack publish failed');
        });
      }
      d.metrics.burnsStaged.inc({ outcome: 'staged' }, res.staged);
      if (res.duplicate) d.metrics.burnsStaged.inc({ outcome: 'duplicate' }, res.duplicate);
      if (res.tampered) {
        d.metrics.burnsStaged.inc({ outcome: 'tampered' }, res.tampered);
        // The refused records were reported above (the ledger counts those it could not place in the
        // chain as tampered); what is left reused a seq with different content.
        const unplaced = (refused ? (refused.data['refused'] as number) : 0) - res.refused;
        const conflicts = res.tampered - unplaced;
        if (conflicts > 0)
          d.onBadMessage?.(
            siteId,
            'burns',
            'tampered',
            `${conflicts} record(s) reuse a seq with different content`,
          );
      }
    }),
    { shared: true },
  );
}

/** A protobuf record as plain burn data (uint64 fields as numbers; the schema then checks them). */
function burnData(r: edgefleet.v1.BurnRecord.$Properties): BurnRecordData {
  return {
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
    // Only a non-empty instance (proto3 has no absent string): a record without one stays v1.
    ...(r.mig_instance_uuid ? { mig_instance_uuid: r.mig_instance_uuid } : {}),
  };
}

const MAX_NAMED_REFUSALS = 5;

/**
 * One bad-message report for the records of a batch the schema refuses (undefined when none is):
 * how many, by reason, and the first few by seq, so one hostile batch is one log line, not 5,000.
 */
function refusals(siteId: string, records: readonly BurnRecordData[]): BadMessageError | undefined {
  const byReason: Record<string, number> = {};
  const named: string[] = [];
  let n = 0;
  for (const r of records) {
    const c = checkBurnRecord(r, siteId);
    if (c.ok) continue;
    n++;
    byReason[c.reason] = (byReason[c.reason] ?? 0) + 1;
    if (named.length < MAX_NAMED_REFUSALS) named.push(`seq ${r.seq} ${c.reason} (${c.problem})`);
  }
  if (n === 0) return undefined;
  const more = n > named.length ? `, and ${n - named.length} more` : '';
  return new BadMessageError(
    'invalid',
    `${n} of ${records.length} burn record(s) refused: ${named.join('; ')}${more}`,
    { refused: n, byReason },
  );
}
