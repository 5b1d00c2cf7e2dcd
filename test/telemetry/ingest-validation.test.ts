import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import type { Coordinator } from '@edgefleet/coordinator';
import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import { eventually } from '../support/processes.js';
import {
  connectMqtt,
  enrollSite,
  metricValue,
  runTag,
  startInProcessCoordinator,
} from '../support/telemetry-harness.js';

/**
 * Bad telemetry over a real socket into the embedded broker: every malformed, oversized,
 * out-of-range or wrong-site payload is counted (by kind+reason in Prometheus, by site+reason
 * in the registry), dropped whole, and the good messages around it still flow.
 */
describe('telemetry validation (embedded broker, real mqtt.js client)', () => {
  let coord: Coordinator;
  let client: MqttClient;
  let site = '';
  let other = '';

  beforeAll(async () => {
    coord = await startInProcessCoordinator();
    const tag = runTag();
    const a = await enrollSite(coord, `${tag}-a`);
    other = (await enrollSite(coord, `${tag}-b`)).siteId;
    site = a.siteId;
    client = await connectMqtt(coord.mqttUrl, {
      clientId: site,
      username: site,
      password: a.secret,
    });
  });
  afterAll(async () => {
    await client?.endAsync();
    await coord?.close();
  });

  const good = (util: number) =>
    encodePayload(
      pb.Telemetry,
      new pb.Telemetry({
        site_id: site,
        ts_ms: Date.now(),
        site_power_w: 900,
        accelerators: [
          {
            vendor: 'nvidia',
            model: 'NVIDIA H100 80GB HBM3',
            profile_id: 'h100-80gb-sxm',
            utilization_pct: util,
            temperature_c: 55,
            power_w: 400,
            memory_total_mib: 81_920,
            memory_used_mib: 1024,
            slots_total: 1,
            slots_free: 1,
            multiplier: 1,
          },
        ],
        rtt: [{ pop_id: 'pop-a', rtt_ms: 2.5 }],
      }),
    );
  const tally = () => coord.registry.get(site)?.badMessages;
  const publish = (payload: Buffer | string, topic = siteTopic(site, 'telemetry')) =>
    client.publishAsync(topic, payload, { qos: 1 });

  it('applies a good protobuf and a good JSON telemetry message', async () => {
    await publish(good(40));
    await eventually(
      async () => coord.registry.get(site)?.telemetryCount,
      (n) => n === 1,
      5000,
      20,
    );
    expect(coord.registry.get(site)?.utilization).toBeCloseTo(0.4);
    await publish(
      JSON.stringify({
        site_id: site,
        site_power_w: 700,
        accelerators: [
          {
            utilization_pct: 80,
            memory_total_mib: 10,
            memory_used_mib: 5,
            slots_total: 2,
            slots_free: 1,
          },
        ],
      }),
    );
    await eventually(
      async () => coord.registry.get(site)?.telemetryCount,
      (n) => n === 2,
      5000,
      20,
    );
    expect(coord.registry.get(site)?.sitePowerW).toBe(700);
    expect(tally()?.total).toBe(0);
  });

  const cases: [string, string, () => Buffer | string][] = [
    ['malformed protobuf', 'malformed', () => Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f])],
    ['malformed JSON', 'malformed', () => '{"site_id": '],
    ['oversized (100 KiB)', 'too_large', () => Buffer.alloc(100 * 1024, 1)],
    ['another site named in the payload', 'wrong_site', () => JSON.stringify({ site_id: other })],
    [
      'utilization 140 %',
      'invalid',
      () => JSON.stringify({ accelerators: [{ utilization_pct: 140 }] }),
    ],
    [
      'utilization NaN',
      'invalid',
      () => JSON.stringify({ accelerators: [{ utilization_pct: 'NaN' }] }),
    ],
    [
      'temperature 900 °C',
      'invalid',
      () => JSON.stringify({ accelerators: [{ temperature_c: 900 }] }),
    ],
    ['power -5 W', 'invalid', () => JSON.stringify({ accelerators: [{ power_w: -5 }] })],
    [
      'memory used > total',
      'invalid',
      () => JSON.stringify({ accelerators: [{ memory_total_mib: 10, memory_used_mib: 11 }] }),
    ],
    ['negative RTT', 'invalid', () => JSON.stringify({ rtt: [{ pop_id: 'p', rtt_ms: -1 }] })],
    [
      '257 accelerators',
      'invalid',
      () =>
        encodePayload(
          pb.Telemetry,
          new pb.Telemetry({ accelerators: Array.from({ length: 257 }, () => ({})) }),
        ),
    ],
    [
      '65 PoPs',
      'invalid',
      () =>
        encodePayload(
          pb.Telemetry,
          new pb.Telemetry({
            rtt: Array.from({ length: 65 }, (_, i) => ({ pop_id: `p${i}`, rtt_ms: 1 })),
          }),
        ),
    ],
  ];

  it.each(cases)(
    'drops %s and counts it as %s against the site',
    async (_what, reason, payload) => {
      const before = { ...tally(), byReason: { ...tally()?.byReason } };
      const applied = coord.registry.get(site)?.telemetryCount ?? 0;
      const metricBefore = metricValue(
        await coord.metrics.registry.metrics(),
        'edgefleet_bad_messages_total',
        { kind: 'telemetry', reason },
      );
      await publish(payload());
      await eventually(
        async () => tally()?.total,
        (n) => n === (before.total ?? 0) + 1,
        5000,
        20,
      );
      expect(tally()?.byReason[reason]).toBe((before.byReason[reason] ?? 0) + 1);
      expect(tally()?.last).toMatchObject({ kind: 'telemetry', reason });
      expect(
        metricValue(await coord.metrics.registry.metrics(), 'edgefleet_bad_messages_total', {
          kind: 'telemetry',
          reason,
        }),
      ).toBe(metricBefore + 1);
      expect(coord.registry.get(site)?.telemetryCount).toBe(applied);
      // a good message right after still flows
      await publish(good(10));
      await eventually(
        async () => coord.registry.get(site)?.telemetryCount,
        (n) => n === applied + 1,
        5000,
        20,
      );
      expect(coord.registry.get(site)?.utilization).toBeCloseTo(0.1);
    },
  );

  it('validates status too: an impossible latitude is counted, the site keeps its state', async () => {
    await publish(
      encodePayload(
        pb.SiteStatus,
        new pb.SiteStatus({ site_id: site, state: pb.SiteState.SITE_STATE_ONLINE, lat: 91 }),
      ),
      siteTopic(site, 'status'),
    );
    await eventually(
      async () => tally()?.last?.kind,
      (k) => k === 'status',
      5000,
      20,
    );
    expect(tally()?.last?.message).toContain('lat 91');
    expect(coord.registry.get(other)?.badMessages.total).toBe(0);
  });
});
