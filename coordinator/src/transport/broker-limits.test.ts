import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createCoordinatorMetrics, type CoordinatorMetrics } from '../metrics.js';
import { startEmbeddedBroker, type EmbeddedBroker, type LimitReason } from './embedded-broker.js';

const SECRET = 'a-site-secret';
const FLOODER = 'site-flood-1';
const QUIET = 'site-quiet-1';
const MAX_PACKET = 1024 * 1024 + 64 * 1024;
const BURST = 10;
const MB = 1024 * 1024;

/**
 * The embedded broker's limits over real sockets with a real MQTT client (mqtt.js): a 50 MB
 * PUBLISH is refused from its fixed header, before the payload is read (the coordinator's buffer
 * memory never rises by anything like 50 MB), and a site publishing past its rate has the excess
 * dropped, counted and alerted while its connection and every other site's telemetry go on.
 */
describe('embedded broker limits', () => {
  let broker: EmbeddedBroker;
  let metrics: CoordinatorMetrics;
  const limited: [string, LimitReason][] = [];
  const received: { siteId: string; bytes: number }[] = [];
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    metrics = createCoordinatorMetrics();
    broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      auth: { verify: (id, s) => [FLOODER, QUIET].includes(id) && s.toString() === SECRET },
      metrics,
      log: createLogger('test', 'error'),
      limits: {
        maxPacketBytes: MAX_PACKET,
        // Next to no refill: what passes is the burst, whatever the machine's speed.
        messagesPerSecond: 0.001,
        messageBurst: BURST,
        bytesPerSecond: 64 * MB,
        byteBurst: 64 * MB,
      },
    });
    broker.onLimit((siteId, reason) => limited.push([siteId, reason]));
    await broker.bus.subscribe('edgefleet/v1/site/+/telemetry', (topic, payload) =>
      received.push({ siteId: topic.split('/')[3] ?? '', bytes: payload.length }),
    );
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await broker?.close();
  });

  const connect = async (siteId: string): Promise<MqttClient> => {
    const c = mqtt.connect(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: siteId,
      username: siteId,
      password: SECRET,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('error', reject);
    });
    return c;
  };
  const topic = (siteId: string) => `edgefleet/v1/site/${siteId}/telemetry`;
  const publish = (c: MqttClient, siteId: string, payload: Buffer, qos: 0 | 1 = 1) =>
    new Promise<void>((resolve, reject) =>
      c.publish(topic(siteId), payload, { qos }, (err) => (err ? reject(err) : resolve())),
    );
  const until = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!check()) throw new Error(`still waiting for ${what}`);
  };
  const limitedCount = async (reason: string) =>
    (await metrics.mqttLimited.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;

  it('refuses a 50 MB publish from its header without buffering it; other sites go on', async () => {
    const quiet = await connect(QUIET);
    const flooder = await connect(FLOODER);
    const payload = Buffer.alloc(50 * MB, 7); // allocated before the baseline: the client's own copy
    const base = process.memoryUsage().arrayBuffers;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 2);
    try {
      let closed = false;
      flooder.once('close', () => (closed = true));
      flooder.publish(topic(FLOODER), payload, { qos: 0 });
      // Refused: the connection closes. (Without the limit the whole 50 MB arrives instead.)
      await until(
        () => closed || received.some((r) => r.siteId === FLOODER),
        'the flooder closed or its publish delivered',
      );
      // The quiet site's telemetry still flows after the flood.
      await publish(quiet, QUIET, Buffer.from('{"site_id":"site-quiet-1"}'));
      await until(() => received.some((r) => r.siteId === QUIET), 'the quiet site');
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    } finally {
      clearInterval(sampler);
    }
    // The broker read at most a few socket chunks of the 50 MB (without the guard: all of it).
    expect(peak - base).toBeLessThan(10 * MB);
    expect(received.some((r) => r.siteId === FLOODER)).toBe(false);
    expect(await limitedCount('too_large')).toBe(1);
    expect(limited).toContainEqual([FLOODER, 'too_large']);
    // A publish within the limit from the same site, reconnected, passes.
    const again = await connect(FLOODER);
    await publish(again, FLOODER, Buffer.alloc(MAX_PACKET - 1024, 1));
    await until(() => received.some((r) => r.siteId === FLOODER), 'the in-limit publish');
  }, 60_000);

  it('drops, counts and alerts what a site publishes past its rate; its connection and other sites go on', async () => {
    const c = await connect(FLOODER);
    const quiet = await connect(QUIET);
    const passed = (() => {
      const before = received.filter((r) => r.siteId === FLOODER).length;
      return () => received.filter((r) => r.siteId === FLOODER).length - before;
    })();
    const dropped = (() => {
      const rate = () => limited.filter(([s, r]) => s === FLOODER && r === 'rate_limited').length;
      const before = rate();
      return () => rate() - before;
    })();
    const countedBefore = await limitedCount('rate_messages');
    // QoS 1: every publish is acknowledged (the dropped ones too), so the client never retries them.
    for (let i = 0; i < 3 * BURST; i++) await publish(c, FLOODER, Buffer.from(`{"n":${i}}`));
    await until(() => passed() + dropped() === 3 * BURST, 'every publish passed or dropped');
    // The site's bucket was partly spent by the first test's in-limit publish.
    expect(passed()).toBeLessThanOrEqual(BURST);
    expect(dropped()).toBeGreaterThanOrEqual(2 * BURST);
    expect((await limitedCount('rate_messages')) - countedBefore).toBe(dropped());
    expect(c.connected).toBe(true);
    const quietBefore = received.filter((r) => r.siteId === QUIET).length;
    await publish(quiet, QUIET, Buffer.from('{}'));
    await until(
      () => received.filter((r) => r.siteId === QUIET).length > quietBefore,
      'the quiet site',
    );
  }, 60_000);
});
