import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { agentConfigSchema } from '../config.js';
import { SigningKeys } from '../control/signing-keys.js';
import { openOutbox, type FileOutbox } from '../outbox/index.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import { createSiteUplink, type SiteUplink } from './site-uplink.js';

const log = createLogger('test', 'silent');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A real broker (aedes, no auth) on a free port, and an observer client subscribed to the site's topics. */
async function brokerWithObserver(): Promise<{
  url: string;
  observer: MqttClient;
  seen: { topic: string; payload: Buffer }[];
}> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => aedes.close(() => r()));
  });
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const observer = await mqtt.connectAsync(url, { clientId: 'observer', protocolVersion: 4 });
  cleanup.push(() => observer.endAsync(true));
  const seen: { topic: string; payload: Buffer }[] = [];
  observer.on('message', (topic, payload) => seen.push({ topic, payload }));
  await observer.subscribeAsync(`edgefleet/v1/site/${SITE}/#`, { qos: 1 });
  return { url, observer, seen };
}

/** The uplink over a fresh outbox holding `burns` records (appended before the link exists). */
async function uplinkTo(
  url: string,
  burns = 0,
): Promise<{
  uplink: SiteUplink;
  outbox: FileOutbox;
  admission: Admission;
  badMessages: string[];
}> {
  const config = agentConfigSchema.parse({
    siteId: SITE,
    secret: 'uplink-test-secret-0123456789',
    coordinator: { grpc: '127.0.0.1:1' },
    mqtt: { url },
    burnFlushIntervalMs: 60_000,
  });
  const outbox = await openOutbox({ dir: await tempDir(), siteId: SITE, capacity: 100 });
  for (let i = 0; i < burns; i++) await outbox.append(burn(i));
  const admission = new Admission(['llama-3-8b'], 1);
  const badMessages: string[] = [];
  const uplink = createSiteUplink(config, {
    site: {
      siteId: SITE,
      secret: config.secret,
      inferenceEndpoint: '127.0.0.1:50051',
      inferenceTls: false,
      models: ['llama-3-8b'],
      location: config.location,
    },
    admission,
    keys: new SigningKeys([]),
    outbox,
    signingKey: () => undefined,
    log,
    onBadMessage: (reason) => badMessages.push(reason),
  });
  cleanup.push(() => outbox.close());
  cleanup.push(async () => {
    await uplink.uploader.stop();
    await uplink.mqtt.close();
  });
  return { uplink, outbox, admission, badMessages };
}

const onTopic = (seen: { topic: string; payload: Buffer }[], kind: 'status' | 'burns') =>
  seen.filter((m) => m.topic === siteTopic(SITE, kind));

describe('createSiteUplink (real MQTT broker)', () => {
  it('at connect runs the caller first, then uploads the outbox from the ack mark; an ack drops the records', async () => {
    const { url, observer, seen } = await brokerWithObserver();
    const { uplink, outbox } = await uplinkTo(url, 3);
    const order: string[] = [];
    uplink.start(() => order.push(`caller, ${onTopic(seen, 'burns').length} batches out`));

    await vi.waitFor(() => expect(onTopic(seen, 'burns')).toHaveLength(1), { timeout: 5000 });
    expect(order).toEqual(['caller, 0 batches out']);
    const batch = pb.BurnBatch.decode(onTopic(seen, 'burns')[0]?.payload ?? Buffer.alloc(0));
    expect(batch.site_id).toBe(SITE);
    expect(batch.records.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    const status = pb.SiteStatus.decode(onTopic(seen, 'status')[0]?.payload ?? Buffer.alloc(0));
    expect(status.state).toBe(pb.SiteState.SITE_STATE_ONLINE);

    await observer.publishAsync(
      siteTopic(SITE, 'ack'),
      encodePayload(pb.BurnAck, new pb.BurnAck({ site_id: SITE, acked_seq: 2 })),
      { qos: 1 },
    );
    await vi.waitFor(() => expect(outbox.ackedSeq).toBe(2), { timeout: 5000 });
    expect(outbox.depth).toBe(1);
  });

  it('a retained config that drains the site republishes the status as draining; a bad message is counted', async () => {
    const { url, observer, seen } = await brokerWithObserver();
    const { uplink, admission, badMessages } = await uplinkTo(url);
    uplink.start(() => undefined);
    await vi.waitFor(() => expect(onTopic(seen, 'status')).toHaveLength(1), { timeout: 5000 });

    await observer.publishAsync(
      siteTopic(SITE, 'config'),
      encodePayload(pb.SiteConfig, new pb.SiteConfig({ drain: true })),
      { qos: 1, retain: true },
    );
    await vi.waitFor(() => expect(onTopic(seen, 'status')).toHaveLength(2), { timeout: 5000 });
    expect(admission.draining).toBe(true);
    const last = pb.SiteStatus.decode(onTopic(seen, 'status')[1]?.payload ?? Buffer.alloc(0));
    expect(last.state).toBe(pb.SiteState.SITE_STATE_DRAINING);

    await observer.publishAsync(siteTopic(SITE, 'ack'), Buffer.from([0xff, 0xff, 0xff]), {
      qos: 1,
    });
    await vi.waitFor(() => expect(badMessages).toHaveLength(1), { timeout: 5000 });
    // Clear the retained config so no later subscriber sees it.
    await observer.publishAsync(siteTopic(SITE, 'config'), Buffer.alloc(0), {
      qos: 1,
      retain: true,
    });
  });
});
