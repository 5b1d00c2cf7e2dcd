import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import type { Coordinator } from '@edgefleet/coordinator';
import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import { eventually } from '../support/processes.js';
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';
import {
  connectMqtt,
  enrollSite,
  metricValue,
  runTag,
  startInProcessCoordinator,
} from '../support/telemetry-harness.js';

const telemetry = (siteId: string, powerW: number) =>
  encodePayload(pb.Telemetry, new pb.Telemetry({ site_id: siteId, site_power_w: powerW }));
const connectError = (p: Promise<MqttClient>) =>
  p.then(
    (c) => {
      c.end(true);
      return 'connected';
    },
    (e: Error & { code?: number }) => `refused ${e.code ?? e.message}`,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('per-site MQTT credentials and topic ACL: embedded aedes over real sockets', () => {
  let coord: Coordinator;
  let a: { siteId: string; secret: string };
  let b: { siteId: string; secret: string };
  const clients: MqttClient[] = [];
  const asSite = async (s: { siteId: string; secret: string }) => {
    const c = await connectMqtt(coord.mqttUrl, {
      clientId: s.siteId,
      username: s.siteId,
      password: s.secret,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    coord = await startInProcessCoordinator();
    const tag = runTag();
    a = await enrollSite(coord, `${tag}-a`);
    b = await enrollSite(coord, `${tag}-b`);
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await coord?.close();
  });

  it('refuses anonymous, wrong-password and clientId≠username connections, and counts them', async () => {
    const metric = async (reason: string) =>
      metricValue(await coord.metrics.registry.metrics(), 'edgefleet_mqtt_auth_rejected_total', {
        reason,
      });
    expect(await connectError(connectMqtt(coord.mqttUrl, { clientId: a.siteId }))).toBe(
      'refused 5',
    );
    expect(
      await connectError(
        connectMqtt(coord.mqttUrl, { clientId: a.siteId, username: a.siteId, password: b.secret }),
      ),
    ).toBe('refused 4');
    expect(
      await connectError(
        connectMqtt(coord.mqttUrl, { clientId: b.siteId, username: a.siteId, password: a.secret }),
      ),
    ).toBe('refused 4');
    expect(await metric('anonymous')).toBe(1);
    expect(await metric('bad_credentials')).toBe(1);
    expect(await metric('bad_identity')).toBe(1);
    expect(
      await connectError(
        connectMqtt(coord.mqttUrl, { clientId: a.siteId, username: a.siteId, password: a.secret }),
      ),
    ).toBe('connected');
  });

  it("denies and counts a publish under another site's prefix; the coordinator's ingest never sees it", async () => {
    const denied = async () =>
      metricValue(await coord.metrics.registry.metrics(), 'edgefleet_mqtt_acl_denied_total', {
        action: 'publish',
      });
    const before = await denied();
    const ca = await asSite(a);
    ca.publish(siteTopic(b.siteId, 'telemetry'), telemetry(b.siteId, 666), { qos: 0 });
    await eventually(denied, (n) => n === before + 1, 5000, 20);
    const cb = await asSite(b);
    await cb.publishAsync(siteTopic(b.siteId, 'telemetry'), telemetry(b.siteId, 100), { qos: 1 });
    await eventually(
      async () => coord.registry.get(b.siteId)?.telemetryCount,
      (n) => n === 1,
      5000,
      20,
    );
    expect(coord.registry.get(b.siteId)?.sitePowerW).toBe(100);
    expect(coord.registry.get(b.siteId)?.badMessages.total).toBe(0);
    // a site may not write its own ack or config either
    // (aedes closes the connection of a site after a denied publish)
    cb.publish(siteTopic(b.siteId, 'ack'), Buffer.from('x'), { qos: 0 });
    await eventually(denied, (n) => n === before + 2, 5000, 20);
    (await asSite(b)).publish(siteTopic(b.siteId, 'config'), Buffer.from('x'), { qos: 0 });
    await eventually(denied, (n) => n === before + 3, 5000, 20);
  });

  it("refuses a subscription to another site's ack (negative SUBACK) and allows its own", async () => {
    const ca = await asSite(a);
    const granted = (filter: string) =>
      ca.subscribeAsync(filter, { qos: 1 }).then(
        (g) => g[0]?.qos,
        (e: { packet?: { granted?: number[] } }) => e.packet?.granted?.[0],
      );
    expect(await granted(siteTopic(b.siteId, 'ack'))).toBe(128);
    expect(await granted('edgefleet/v1/site/+/ack')).toBe(128);
    expect(await granted(siteTopic(a.siteId, 'ack'))).toBe(1);
    expect(
      metricValue(await coord.metrics.registry.metrics(), 'edgefleet_mqtt_acl_denied_total', {
        action: 'subscribe',
      }),
    ).toBe(2);
  });
});

describe('the same isolation on a real Mosquitto with the shipped ACL (deploy/mosquitto/edgefleet.acl)', () => {
  let mosq: MosquittoProc;
  let coord: Coordinator;
  let a: { siteId: string; secret: string };
  let b: { siteId: string; secret: string };
  const clients: MqttClient[] = [];
  const coordPassword = `coord-${runTag()}`;
  const asSite = async (s: { siteId: string; secret: string }, clientId = s.siteId) => {
    const c = await connectMqtt(mosq.url, { clientId, username: s.siteId, password: s.secret });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    // Passwords go into the broker at provisioning: enroll on a first coordinator (which
    // returns each site's secret once), provision Mosquitto, then run the coordinator on it.
    const probe = await startInProcessCoordinator();
    const tag = runTag();
    a = await enrollSite(probe, `${tag}-a`);
    b = await enrollSite(probe, `${tag}-b`);
    mosq = await startMosquitto({
      users: {
        'edgefleet-coordinator': coordPassword,
        'edgefleet-ops': coordPassword,
        [a.siteId]: a.secret,
        [b.siteId]: b.secret,
      },
      // the shipped ACL, plus an operator user that may write acks (a second login of the
      // coordinator's user would take over the coordinator's session: one user per replica)
      acl: `${readFileSync(new URL('../../deploy/mosquitto/edgefleet.acl', import.meta.url), 'utf8')}\nuser edgefleet-ops\ntopic write edgefleet/v1/site/+/ack\n`,
      conf: ['use_username_as_clientid true', 'max_queued_messages 100000'],
    });
    await probe.close();
    coord = await startInProcessCoordinator({
      mqtt: { url: `mqtt://edgefleet-coordinator:${coordPassword}@127.0.0.1:${mosq.port}` },
    });
    coord.registry.upsertEnrolled({ siteId: a.siteId });
    coord.registry.upsertEnrolled({ siteId: b.siteId });
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await coord?.close();
    await mosq?.stop();
  });

  it('refuses anonymous and wrong-password connections', async () => {
    expect(await connectError(connectMqtt(mosq.url, { clientId: a.siteId }))).toMatch(
      /^refused (5|4)/,
    );
    expect(
      await connectError(
        connectMqtt(mosq.url, { clientId: a.siteId, username: a.siteId, password: b.secret }),
      ),
    ).toMatch(/^refused (5|4)/);
  });

  it("drops a publish under another site's prefix before it reaches the coordinator", async () => {
    const ca = await asSite(a);
    await ca.publishAsync(siteTopic(b.siteId, 'telemetry'), telemetry(b.siteId, 666), { qos: 1 });
    await ca.publishAsync(siteTopic(a.siteId, 'telemetry'), telemetry(a.siteId, 123), { qos: 1 });
    // same connection, in order: once A's own message is in, B's forged one would have been too
    await eventually(
      async () => coord.registry.get(a.siteId)?.telemetryCount,
      (n) => n === 1,
      5000,
      20,
    );
    expect(coord.registry.get(a.siteId)?.sitePowerW).toBe(123);
    expect(coord.registry.get(b.siteId)?.telemetryCount).toBe(0);
  });

  it("keeps a site out of another site's ack, and out of writing its own ack; the coordinator's ack still arrives", async () => {
    const ca = await asSite(a);
    const got: string[] = [];
    ca.on('message', (topic, payload) => got.push(`${topic}=${payload.toString()}`));
    await ca.subscribeAsync(siteTopic(b.siteId, 'ack'), { qos: 1 }).catch(() => undefined);
    await ca.subscribeAsync(siteTopic(a.siteId, 'ack'), { qos: 1 });
    await ca.publishAsync(siteTopic(a.siteId, 'ack'), Buffer.from('forged'), { qos: 1 });
    const busB = await asSite(b);
    await busB.publishAsync(siteTopic(b.siteId, 'burns'), Buffer.alloc(0), { qos: 1 });
    // a privileged user acks both sites
    const bus = await connectMqtt(mosq.url, {
      clientId: 'edgefleet-ops',
      username: 'edgefleet-ops',
      password: coordPassword,
    });
    clients.push(bus);
    await bus.publishAsync(siteTopic(b.siteId, 'ack'), Buffer.from('for-b'), { qos: 1 });
    await bus.publishAsync(siteTopic(a.siteId, 'ack'), Buffer.from('for-a'), { qos: 1 });
    await eventually(
      async () => got.length,
      (n) => n >= 1,
      5000,
      20,
    );
    await sleep(200);
    expect(got).toEqual([`${siteTopic(a.siteId, 'ack')}=for-a`]);
  });

  it("cannot take over another site's session with its client id (client id is forced to the username)", async () => {
    const ca = await asSite(a);
    let closed = false;
    ca.on('close', () => (closed = true));
    const impostor = await asSite(b, a.siteId);
    expect(impostor.connected).toBe(true);
    await sleep(300);
    expect(closed).toBe(false);
    expect(ca.connected).toBe(true);
  });
});
