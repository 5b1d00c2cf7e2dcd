import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import {
  connectMqtt,
  publish,
  startHarness,
  waitFor,
  type Enrolled,
  type Harness,
} from './support.js';

/**
 * The embedded broker's door: anonymous and wrong-password connections are refused and counted;
 * a site may publish only status/telemetry/burns under its own prefix and subscribe only to its
 * own ack/config; everything else is denied, counted, and never reaches the registry.
 */
export const RUNS = { passwords: 60, topics: 60, filters: 60 } as const;

const telemetry = (siteId: string, model: string) =>
  encodePayload(
    pb.Telemetry,
    new pb.Telemetry({ site_id: siteId, ts_ms: Date.now(), models: [model] }),
  );

describe('security: MQTT authentication and topic ACL', () => {
  let h: Harness;
  let a: Enrolled;
  let b: Enrolled;
  let bClient: MqttClient;

  beforeAll(async () => {
    h = await startHarness();
    a = await h.enroll('site a');
    b = await h.enroll('site b');
    bClient = await connectMqtt(b.mqttUrl, {
      clientId: b.siteId,
      username: b.siteId,
      password: b.secret,
    });
    await publish(bClient, siteTopic(b.siteId, 'telemetry'), telemetry(b.siteId, 'b-own'));
    await waitFor(
      () => h.coord.registry.get(b.siteId)?.models.join(),
      (m) => m === 'b-own',
    );
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((r) => (bClient ? bClient.end(true, {}, () => r()) : r()));
    await h?.close();
  });

  const refused = async (opts: Parameters<typeof connectMqtt>[1]): Promise<string> => {
    try {
      const c = await connectMqtt(a.mqttUrl, opts);
      c.end(true);
      return 'connected';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('anonymous connections are refused (CONNACK 5) and counted', async () => {
    const before = await h.metric('edgefleet_mqtt_auth_rejected_total', { reason: 'anonymous' });
    expect(await refused({ clientId: 'anon-1' })).toMatch(/Not authorized/i);
    expect(await refused({ clientId: a.siteId, username: a.siteId })).toMatch(/Not authorized/i);
    expect(await h.metric('edgefleet_mqtt_auth_rejected_total', { reason: 'anonymous' })).toBe(
      before + 2,
    );
  });

  it("wrong passwords (random, another site's secret, a prefix of the right one) are refused and counted", async () => {
    const before = await h.metric('edgefleet_mqtt_auth_rejected_total', {
      reason: 'bad_credentials',
    });
    let n = 0;
    const pw = fc.oneof(
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.constant(b.secret),
      fc.nat({ max: a.secret.length - 1 }).map((k) => a.secret.slice(0, Math.max(1, k))),
      fc.constant(`${a.secret}x`),
    );
    await fc.assert(
      fc.asyncProperty(
        pw.filter((p) => p !== a.secret),
        async (password) => {
          expect(await refused({ clientId: a.siteId, username: a.siteId, password })).toMatch(
            /Bad username or password|Not authorized/i,
          );
          n++;
        },
      ),
      { numRuns: RUNS.passwords },
    );
    expect(
      await h.metric('edgefleet_mqtt_auth_rejected_total', { reason: 'bad_credentials' }),
    ).toBe(before + n);
    // Right password under another client id / another site's username: refused as a bad identity.
    expect(
      await refused({ clientId: 'someone-else', username: a.siteId, password: a.secret }),
    ).not.toBe('connected');
    expect(await refused({ clientId: b.siteId, username: b.siteId, password: a.secret })).not.toBe(
      'connected',
    );
    expect(
      await h.metric('edgefleet_mqtt_auth_rejected_total', { reason: 'bad_identity' }),
    ).toBeGreaterThanOrEqual(1);
    expect(h.coord.registry.get(a.siteId)?.mqttUp).toBe(false);
  }, 60_000);

  it("site A publishing under site B's prefix (or outside its own allowed topics) is denied, counted, and never applied to B", async () => {
    const other = fc.oneof(
      fc
        .constantFrom('status', 'telemetry', 'burns', 'ack', 'config')
        .map((k) => siteTopic(b.siteId, k as 'status')),
      fc.constantFrom('ack', 'config').map((k) => siteTopic(a.siteId, k as 'ack')),
      fc.constantFrom(
        `edgefleet/v1/site/${b.siteId}/telemetry/x`,
        'edgefleet/v1/site//telemetry',
        '$SYS/x',
        'edgefleet/v1/site/A/telemetry',
        `edgefleet/v1/site/${a.siteId}`,
      ),
      fc
        .stringMatching(/^[a-z0-9/]{1,40}$/)
        .filter((t) => !t.startsWith(`edgefleet/v1/site/${a.siteId}/`)),
    );
    let denied = 0;
    const before = await h.metric('edgefleet_mqtt_acl_denied_total', { action: 'publish' });
    await fc.assert(
      fc.asyncProperty(other, async (topic) => {
        const c = await connectMqtt(a.mqttUrl, {
          clientId: a.siteId,
          username: a.siteId,
          password: a.secret,
        });
        const closed = new Promise<void>((r) => c.once('close', () => r()));
        // QoS 1: the broker refuses by closing the connection (3.1.1 has no negative PUBACK).
        c.publish(topic, telemetry(b.siteId, 'hijacked'), { qos: 1 }, () => undefined);
        await closed;
        c.end(true);
        denied++;
      }),
      { numRuns: RUNS.topics },
    );
    await publish(bClient, siteTopic(b.siteId, 'telemetry'), telemetry(b.siteId, 'b-own-2'));
    await waitFor(
      () => h.coord.registry.get(b.siteId)?.models.join(),
      (m) => m === 'b-own-2',
    );
    expect(await h.metric('edgefleet_mqtt_acl_denied_total', { action: 'publish' })).toBe(
      before + denied,
    );
  }, 120_000);

  it('subscriptions to other sites, wildcards or own publish topics get a negative SUBACK and are counted', async () => {
    const c = await connectMqtt(a.mqttUrl, {
      clientId: a.siteId,
      username: a.siteId,
      password: a.secret,
    });
    try {
      const filter = fc.oneof(
        fc.constantFrom(
          '#',
          '+/+/+/+/+',
          'edgefleet/#',
          'edgefleet/v1/site/+/config',
          `edgefleet/v1/site/${b.siteId}/ack`,
          `edgefleet/v1/site/${b.siteId}/config`,
          `edgefleet/v1/site/${a.siteId}/telemetry`,
          `edgefleet/v1/site/${a.siteId}/#`,
          '$SYS/#',
        ),
        fc
          .stringMatching(/^[a-z0-9/+#]{1,30}$/)
          .filter((t) => !t.startsWith(`edgefleet/v1/site/${a.siteId}/`)),
      );
      const before = await h.metric('edgefleet_mqtt_acl_denied_total', { action: 'subscribe' });
      let n = 0;
      await fc.assert(
        fc.asyncProperty(filter, async (f) => {
          // mqtt.js reports a SUBACK of 128 as an error ("Unspecified error"), echoing the requested QoS in `granted`.
          const granted = await new Promise<number>((resolve) =>
            c.subscribe(f, { qos: 1 }, (err, g) => resolve(err ? 128 : (g?.[0]?.qos ?? 128))),
          );
          expect(granted, f).toBe(128);
          if (validFilter(f)) n++; // a malformed filter is refused by aedes itself, before the ACL is asked
        }),
        { numRuns: RUNS.filters },
      );
      expect(await h.metric('edgefleet_mqtt_acl_denied_total', { action: 'subscribe' })).toBe(
        before + n,
      );
      // Its own ack topic is still allowed on the same connection.
      const own = await new Promise<number>((resolve) =>
        c.subscribe(siteTopic(a.siteId, 'ack'), { qos: 1 }, (err, g) =>
          resolve(err ? 128 : (g?.[0]?.qos ?? 128)),
        ),
      );
      expect(own).toBe(1);
    } finally {
      c.end(true);
    }
  }, 60_000);
});

/** MQTT 3.1.1 §4.7: '#' only as the whole last level, '+' only as a whole level. */
function validFilter(f: string): boolean {
  const levels = f.split('/');
  return levels.every((l, i) =>
    l.includes('#') ? l === '#' && i === levels.length - 1 : !l.includes('+') || l === '+',
  );
}
