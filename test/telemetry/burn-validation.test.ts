import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import type { Coordinator } from '@edgefleet/coordinator';
import {
  BURN_RECORD_LIMITS,
  chainBurn,
  decodePayload,
  encodePayload,
  pb,
  signBurnBatch,
  siteTopic,
  type BurnRecordData,
} from '@edgefleet/proto';
import { eventually } from '../support/processes.js';
import {
  connectMqtt,
  enrollSite,
  metricValue,
  runTag,
  startInProcessCoordinator,
} from '../support/telemetry-harness.js';

/**
 * A burn batch with one record outside proto's burn-record schema, over a real socket into the
 * embedded broker: the record is refused by name (counted, kept in burn_rejects). Its hash is right,
 * so it has a place in the site's chain: it is decided as refused (nothing posted), the records
 * before and after it post, and the site is acked past it — it never resends it, and its chain is
 * never stuck behind it.
 */
describe('a burn batch with one bad record (embedded broker, real mqtt.js client)', () => {
  let coord: Coordinator;
  let client: MqttClient;
  let site = '';
  let siteKey: KeyObject;
  const acks: { acked_seq: number; resend_from: number }[] = [];
  const leaseId = 'l-burn-validation';

  beforeAll(async () => {
    coord = await startInProcessCoordinator();
    const a = await enrollSite(coord, `${runTag()}-burns`);
    site = a.siteId;
    siteKey = a.siteKey;
    const now = Date.now();
    await coord.ledger.topUp('cust-bv', 10_000_000, '');
    await coord.ledger.placeHold({
      holdId: 'h-burn-validation',
      customerId: 'cust-bv',
      microTokens: 1_000_000,
      expiresAtMs: now + 3_600_000,
    });
    await coord.ledger.registerLease({
      leaseId,
      holdId: 'h-burn-validation',
      siteId: site,
      customerId: 'cust-bv',
      model: 'm',
      budgetMicroTokens: 1_000_000,
      issuedAtMs: now - 60_000,
      expiresAtMs: now + 3_600_000,
    });
    client = await connectMqtt(coord.mqttUrl, {
      clientId: site,
      username: site,
      password: a.secret,
    });
    client.on('message', (_topic, payload) => {
      const ack = decodePayload(pb.BurnAck, payload, 4096, 'ack');
      acks.push({ acked_seq: Number(ack.acked_seq), resend_from: Number(ack.resend_from) });
    });
    await client.subscribeAsync(siteTopic(site, 'ack'), { qos: 1 });
  });
  afterAll(async () => {
    await client?.endAsync();
    await coord?.close();
  });

  it('posts the good records around it, refuses it by name, and acks past it', async () => {
    const t = Date.now() - 10_000;
    const records: BurnRecordData[] = [];
    for (let i = 0; i < 5; i++) {
      // seq 3 has a slot one character over the schema's limit; its hash is right, so the chain links.
      const slot = i === 2 ? 's'.repeat(BURN_RECORD_LIMITS.slotMaxChars + 1) : 'gpu0';
      records.push(
        chainBurn(records[i - 1], {
          site_id: site,
          lease_id: leaseId,
          accelerator_model: 'H100',
          accelerator_serial: 'SN1',
          slot,
          started_at_ms: t + i * 1000,
          ended_at_ms: t + i * 1000 + 500,
          micro_tokens: 100 + i,
        }),
      );
    }
    await client.publishAsync(
      siteTopic(site, 'burns'),
      encodePayload(
        pb.BurnBatch,
        new pb.BurnBatch({
          site_id: site,
          records,
          signature: signBurnBatch(siteKey, { site_id: site, records }),
        }),
      ),
      { qos: 1 },
    );

    // Counted against the site by name, once for the batch.
    const tally = await eventually(
      async () => coord.registry.get(site)?.badMessages,
      (b) => (b?.total ?? 0) === 1,
      5000,
      20,
    );
    expect(tally?.last).toMatchObject({ kind: 'burns', reason: 'invalid' });
    expect(tally?.last?.message).toContain('seq 3 bad_slot');
    expect(
      metricValue(await coord.metrics.registry.metrics(), 'edgefleet_bad_messages_total', {
        kind: 'burns',
        reason: 'invalid',
      }),
    ).toBe(1);

    // The batch reached staging (the refused record as a stand-in), then one run decides it.
    await eventually(
      async () =>
        metricValue(await coord.metrics.registry.metrics(), 'edgefleet_burns_staged_total', {
          outcome: 'staged',
        }),
      (n) => n === 5,
      5000,
      20,
    );
    const report = await coord.reconciler.runNow();
    expect(report.sites.find((s) => s.siteId === site)).toMatchObject({
      accepted: 4,
      acceptedMicroTokens: 100 + 101 + 103 + 104,
      refused: 1,
      tampered: 0,
      ackedSeq: 5,
      resendFrom: 0,
    });
    expect(await coord.ledger.siteEarnings(site)).toBe(100 + 101 + 103 + 104);
    expect(await coord.ledger.totalOfAllBalances()).toBe(0);

    const rejects = await coord.db.query<{ seq: number; reason: string; detail: string }>(
      'SELECT seq, reason, detail FROM burn_rejects WHERE site_id = $1',
      [site],
    );
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ seq: 3, reason: 'refused' });
    expect(rejects[0]?.detail).toMatch(/^bad_slot: slot: longer than 64 characters/);

    // The ack reaches the site over MQTT: past the refused record, nothing to resend.
    await eventually(
      async () => acks,
      (a) => a.some((x) => x.acked_seq === 5),
      5000,
      20,
    );
    expect(acks.find((x) => x.acked_seq === 5)).toEqual({ acked_seq: 5, resend_from: 0 });
    expect(acks.some((x) => x.resend_from === 3)).toBe(false);
  });
});
