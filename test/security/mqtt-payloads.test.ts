import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePayload, pb, signBurnBatch, siteTopic } from '@edgefleet/proto';
import {
  connectMqtt,
  POLLUTION_KEYS,
  prototypeIsClean,
  publish,
  startHarness,
  waitFor,
  type Enrolled,
  type Harness,
} from './support.js';

/**
 * Fuzzes every MQTT topic a site may publish to (status, telemetry, burns) against a real
 * coordinator and its embedded broker. After each batch a control telemetry message must still
 * be applied to the registry; every telemetry payload is either applied or counted as bad; the
 * ledger never posts a fuzzed burn; Object.prototype stays clean; memory stays bounded.
 */
export const RUNS = { bytes: 120, hostile: 100, json: 120, burns: 100 } as const;

const hostileDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e308,
  ),
);
const hostileU64 = fc.oneof(
  fc.nat(),
  fc.constantFrom(0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 2 ** 63, 2 ** 64 - 1),
);
const hostileString = fc.oneof(
  fc.string({ maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom(
    '',
    '\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '%s%n%x',
    '\u202e\ufeff',
    'a'.repeat(70_000),
    '__proto__',
  ),
);

const accelerator = fc.record(
  {
    vendor: hostileString,
    model: hostileString,
    serial: hostileString,
    profile_id: hostileString,
    memory_total_mib: hostileU64,
    memory_used_mib: hostileU64,
    utilization_pct: hostileDouble,
    temperature_c: hostileDouble,
    power_w: hostileDouble,
    slots_total: fc.nat({ max: 2 ** 32 - 1 }),
    slots_free: fc.nat({ max: 2 ** 32 - 1 }),
    multiplier: hostileDouble,
    domestic: fc.boolean(),
    isolation: hostileString,
    index: hostileString,
  },
  { requiredKeys: [] },
);

const hostileTelemetry = fc.record(
  {
    site_id: fc.oneof(fc.constant(''), hostileString),
    ts_ms: hostileU64,
    accelerators: fc.oneof(
      fc.array(accelerator, { maxLength: 8 }),
      fc.array(fc.constant({ slots_total: 1 }), { minLength: 257, maxLength: 300 }),
    ),
    host: fc.record(
      {
        cpu_pct: hostileDouble,
        mem_used_bytes: hostileU64,
        mem_total_bytes: hostileU64,
        net_rx_bytes_per_s: hostileDouble,
        net_tx_bytes_per_s: hostileDouble,
      },
      { requiredKeys: [] },
    ),
    site_power_w: hostileDouble,
    rtt: fc.oneof(
      fc.array(fc.record({ pop_id: hostileString, rtt_ms: hostileDouble }), { maxLength: 8 }),
      fc.constant(Array.from({ length: 10_000 }, (_, i) => ({ pop_id: `p${i}`, rtt_ms: -i }))),
    ),
    models: fc.oneof(
      fc.array(hostileString, { maxLength: 8 }),
      fc.constant(Array.from({ length: 10_000 }, (_, i) => `m${i}`)),
    ),
    active_leases: fc.nat({ max: 2 ** 32 - 1 }),
    outbox_depth: fc.nat({ max: 2 ** 32 - 1 }),
    hook_errors: fc.array(
      fc.record({ hook: hostileString, code: hostileString, message: hostileString }),
      { maxLength: 4 },
    ),
    seq: hostileU64,
  },
  { requiredKeys: [] },
);

const hostileStatus = fc.record(
  {
    site_id: fc.oneof(fc.constant(''), hostileString),
    state: fc.integer({ min: -5, max: 10 }),
    ts_ms: hostileU64,
    agent_version: hostileString,
    inference_endpoint: hostileString,
    lat: hostileDouble,
    lon: hostileDouble,
    region: hostileString,
  },
  { requiredKeys: [] },
);

/** A JSON value whose keys include prototype-pollution keys and the real field names. */
const jsonKey = fc.oneof(
  fc.constantFrom(
    ...POLLUTION_KEYS,
    'site_id',
    'accelerators',
    'models',
    'rtt',
    'host',
    'records',
    'state',
    'seq',
  ),
  fc.string({ maxLength: 8 }),
);
const jsonValue = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    ),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(jsonKey, tie('v'), { maxKeys: 5 }),
  ),
})).v;

function nested(depth: number, key: string): string {
  return `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;
}

const jsonPayload = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => `{${s}`), // `{`-prefixed garbage
  fc.dictionary(jsonKey, jsonValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc
    .constantFrom(...POLLUTION_KEYS)
    .map(
      (k) =>
        `{"${k}":{"polluted":"yes","toString":1},"accelerators":[{"${k}":{"polluted":"yes"}}],"models":["x"]}`,
    ),
  fc
    .integer({ min: 100, max: 20_000 })
    .chain((d) =>
      fc.constantFrom(
        nested(d, 'a'),
        nested(d, 'host'),
        nested(d, '__proto__'),
        `{"accelerators":${'['.repeat(d)}${']'.repeat(d)}}`,
      ),
    ),
  fc.constantFrom(
    '{',
    '{}',
    '{"site_id":null}',
    '{"accelerators":"x"}',
    '{"models":{"length":1e9}}',
    '{"ts_ms":"9999999999999999999999"}',
    '{"seq":-1}',
    '{"rtt":[{"rtt_ms":"NaN"}]}',
  ),
);

describe('security: MQTT payloads on status/telemetry/burns', () => {
  let h: Harness;
  let site: Enrolled;
  let client: MqttClient;
  let control = 0;
  let sentTelemetry = 0;
  let rss0 = 0;

  beforeAll(async () => {
    h = await startHarness();
    site = await h.enroll('fuzz mqtt');
    client = await connectMqtt(site.mqttUrl, {
      clientId: site.siteId,
      username: site.siteId,
      password: site.secret,
    });
    rss0 = process.memoryUsage().rss;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((r) => (client ? client.end(true, {}, () => r()) : r()));
    await h?.close();
  });

  /** Publishes a good telemetry message and waits until the registry shows it: the coordinator still works. */
  async function controlRoundTrip(): Promise<void> {
    const tag = `ctl-${++control}`;
    await publish(
      client,
      siteTopic(site.siteId, 'telemetry'),
      encodePayload(
        pb.Telemetry,
        new pb.Telemetry({ site_id: site.siteId, ts_ms: Date.now(), models: [tag] }),
      ),
    );
    sentTelemetry++;
    await waitFor(
      () => h.coord.registry.get(site.siteId)?.models.join(),
      (m) => m === tag,
    );
  }

  async function invariants(): Promise<void> {
    expect(prototypeIsClean()).toBe(true);
    const ok = await h.metric('edgefleet_telemetry_messages_total');
    const bad = await h.metric('edgefleet_bad_messages_total', { kind: 'telemetry' });
    // Every telemetry payload is either applied or counted as bad; none vanishes.
    expect(ok + bad).toBe(sentTelemetry);
  }

  it('arbitrary bytes on every topic: never fatal; every telemetry payload is applied or counted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('status', 'telemetry', 'burns') as fc.Arbitrary<
              'status' | 'telemetry' | 'burns'
            >,
            fc.uint8Array({ maxLength: 1024 }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        async (msgs) => {
          for (const [kind, bytes] of msgs) {
            await publish(
              client,
              siteTopic(site.siteId, kind),
              Buffer.from(bytes),
              kind === 'telemetry' ? 0 : 1,
            );
            if (kind === 'telemetry') sentTelemetry++;
          }
          await controlRoundTrip();
          await invariants();
        },
      ),
      { numRuns: RUNS.bytes },
    );
  }, 120_000);

  it('valid protobuf with hostile values (NaN, ±Infinity, 2^64-1, 10k-element arrays, 70k strings, unicode)', async () => {
    const badBefore = await h.metric('edgefleet_bad_messages_total', { kind: 'telemetry' });
    let mustBeBad = 0;
    await fc.assert(
      fc.asyncProperty(hostileTelemetry, hostileStatus, async (t, st) => {
        const payload = encodePayload(pb.Telemetry, pb.Telemetry.fromObject(t));
        const wrongSite = t.site_id !== undefined && t.site_id !== '' && t.site_id !== site.siteId;
        if (payload.byteLength > 64 * 1024 || (t.accelerators?.length ?? 0) > 256 || wrongSite)
          mustBeBad++;
        await publish(client, siteTopic(site.siteId, 'telemetry'), payload);
        sentTelemetry++;
        await publish(
          client,
          siteTopic(site.siteId, 'status'),
          encodePayload(pb.SiteStatus, pb.SiteStatus.fromObject(st)),
          1,
        );
        await controlRoundTrip();
        await invariants();
        // The registry's view stays serializable for the REST API (no throw on NaN etc.).
        const r = await h.api('GET', `/api/v1/sites/${site.siteId}`);
        expect(r.status).toBe(200);
      }),
      { numRuns: RUNS.hostile },
    );
    const badAfter = await h.metric('edgefleet_bad_messages_total', { kind: 'telemetry' });
    expect(badAfter - badBefore).toBeGreaterThanOrEqual(mustBeBad);
    expect(
      await h.metric('edgefleet_bad_messages_total', { kind: 'telemetry', reason: 'too_large' }),
    ).toBeGreaterThan(0);
  }, 120_000);

  it('JSON variants: {-prefixed garbage, 20k-deep nesting, __proto__/constructor keys: no pollution, never fatal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonPayload, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('status', 'telemetry', 'burns') as fc.Arbitrary<
          'status' | 'telemetry' | 'burns'
        >,
        async (payloads, kind) => {
          for (const p of payloads) {
            await publish(client, siteTopic(site.siteId, kind), p, kind === 'telemetry' ? 0 : 1);
            if (kind === 'telemetry') sentTelemetry++;
          }
          await controlRoundTrip();
          await invariants();
        },
      ),
      { numRuns: RUNS.json },
    );
    expect(await h.metric('edgefleet_bad_messages_total', { reason: 'malformed' })).toBeGreaterThan(
      0,
    );
  }, 120_000);

  it('burn batches with hostile records are never posted: earnings 0, ledger total 0 after reconciliation', async () => {
    const hex = fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), hostileString);
    const record = fc.record(
      {
        site_id: fc.oneof(fc.constant(site.siteId), hostileString),
        seq: hostileU64,
        lease_id: fc.oneof(fc.constant('l-unknown'), hostileString),
        accelerator_model: hostileString,
        accelerator_serial: hostileString,
        slot: hostileString,
        started_at_ms: hostileU64,
        ended_at_ms: hostileU64,
        micro_tokens: hostileU64,
        prev_hash: hex,
        hash: hex,
      },
      { requiredKeys: [] },
    );
    const batch = fc.oneof(
      fc.record(
        {
          site_id: fc.oneof(fc.constant(site.siteId), hostileString),
          records: fc.array(record, { maxLength: 6 }),
        },
        { requiredKeys: ['records'] },
      ),
      fc.constant({
        site_id: site.siteId,
        records: Array.from({ length: 5001 }, (_, i) => ({ site_id: site.siteId, seq: i + 1 })),
      }),
    );
    await fc.assert(
      fc.asyncProperty(batch, async (b) => {
        // Signed with the site's own key (as the wire carries them), so hostile records get past the
        // signature check to the schema and the ledger: a site that holds its key is the threat here.
        const wire = pb.BurnBatch.decode(pb.BurnBatch.encode(pb.BurnBatch.fromObject(b)).finish());
        wire.signature = signBurnBatch(site.siteKeyPem, wire);
        await publish(
          client,
          siteTopic(site.siteId, 'burns'),
          encodePayload(pb.BurnBatch, wire),
          1,
        );
        await controlRoundTrip();
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: RUNS.burns },
    );
    // Oversized payload (over the 1 MiB burns limit).
    await publish(client, siteTopic(site.siteId, 'burns'), Buffer.alloc(1024 * 1024 + 1, 0x0a), 1);
    await controlRoundTrip();
    expect(
      await h.metric('edgefleet_bad_messages_total', { kind: 'burns', reason: 'too_large' }),
    ).toBeGreaterThanOrEqual(1);
    await h.coord.reconciler.runNow();
    expect(await h.coord.ledger.siteEarnings(site.siteId)).toBe(0);
    expect(await h.coord.ledger.totalOfAllBalances()).toBe(0);
    expect(
      (await h.api<{ totalMicroTokens: number }>('GET', '/api/v1/ledger/total')).body
        .totalMicroTokens,
    ).toBe(0);
  }, 120_000);

  it('memory stays bounded across the whole sweep (generous bound: < 512 MiB RSS growth)', () => {
    expect(process.memoryUsage().rss - rss0).toBeLessThan(512 * 1024 * 1024);
    expect(h.coord.registry.size).toBe(1);
  });
});
