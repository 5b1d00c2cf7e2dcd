import { afterEach, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { connectMqtt, plainTcp } from './mqtt-connect.js';

/** The Mosquitto broker every machine of this project runs (the env skill). */
const MOSQUITTO = 'mqtt://127.0.0.1:1883';

describe('plainTcp', () => {
  it('takes mqtt:// and tcp:// with a host and an optional port, nothing else', () => {
    expect(plainTcp('mqtt://broker.example.net')).toEqual({
      host: 'broker.example.net',
      port: 1883,
    });
    expect(plainTcp('tcp://10.0.0.7:11883/')).toEqual({ host: '10.0.0.7', port: 11883 });
    expect(plainTcp('mqtt://[::1]:1884')).toEqual({ host: '::1', port: 1884 });
    for (const other of [
      'mqtts://broker.example.net',
      'ws://broker.example.net/mqtt',
      'wss://broker.example.net:443/mqtt',
      'mqtt://user:pw@broker.example.net',
      'mqtt://broker.example.net?clientId=x',
      'not a url',
    ])
      expect(plainTcp(other)).toBeUndefined();
  });
});

describe('connectMqtt (a real broker)', () => {
  const clients: MqttClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  });

  it('connects over its own TCP stream, publishes and receives, and reconnects after a drop', async () => {
    const c = connectMqtt(MOSQUITTO, {
      clientId: `ef-connect-test-${process.pid}`,
      protocolVersion: 4,
      reconnectPeriod: 50,
    });
    clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('error', reject);
    });
    const topic = `edgefleet-test/connect-mqtt/${process.pid}`;
    await c.subscribeAsync(topic, { qos: 1 });
    const got = new Promise<string>((resolve) =>
      c.once('message', (_t, payload) => resolve(payload.toString('utf8'))),
    );
    await c.publishAsync(topic, 'hello', { qos: 1 });
    expect(await got).toBe('hello');

    const again = new Promise<void>((resolve) => c.once('connect', () => resolve()));
    c.stream.destroy(); // the connection drops: the client builds a new stream and connects again
    await again;
    expect(c.connected).toBe(true);
  });
});
