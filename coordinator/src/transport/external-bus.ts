import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '@edgefleet/common';
import { EdgefleetError } from '@edgefleet/common';
import type { MessageBus, MessageHandler, SubscribeOptions } from './bus.js';
import { topicMatches } from './bus.js';

export class BrokerUnavailableError extends EdgefleetError {
  constructor(url: string, cause: unknown) {
    super('BROKER_UNAVAILABLE', `cannot reach MQTT broker at ${redact(url)}: ${(cause as Error)?.message ?? String(cause)}`, { url: redact(url) }, { cause });
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/**
 * An external broker (Mosquitto, EMQX, HiveMQ) over mqtt.js, MQTT 3.1.1. Burns use a shared
 * subscription so each batch goes to one coordinator replica; telemetry fans out to all.
 */
export async function connectExternalBus(opts: { url: string; clientId: string; sharedGroup: string; log: Logger; connectTimeoutMs?: number }): Promise<MessageBus> {
  const routes: { filter: string; handler: MessageHandler }[] = [];
  const client: MqttClient = mqtt.connect(opts.url, {
    clientId: opts.clientId,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: opts.connectTimeoutMs ?? 5000,
    keepalive: 15,
  });
  client.on('message', (topic, payload) => {
    for (const r of routes) if (topicMatches(r.filter, topic)) r.handler(topic, payload);
  });
  client.on('error', (err) => opts.log.warn({ err: err.message }, 'mqtt: broker error'));
  client.on('offline', () => opts.log.warn('mqtt: broker connection lost, reconnecting'));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new BrokerUnavailableError(opts.url, new Error('connect timeout')));
    }, opts.connectTimeoutMs ?? 5000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    client.once('error', (err) => {
      clearTimeout(timer);
      client.end(true);
      reject(new BrokerUnavailableError(opts.url, err));
    });
  });

  return {
    kind: 'external',
    async subscribe(filter: string, handler: MessageHandler, so?: SubscribeOptions) {
      routes.push({ filter, handler });
      const wire = so?.shared && opts.sharedGroup ? `$share/${opts.sharedGroup}/${filter}` : filter;
      await client.subscribeAsync(wire, { qos: 1 });
    },
    async publish(topic: string, payload: Buffer, o: { qos: 0 | 1; retain?: boolean }) {
      await client.publishAsync(topic, payload, { qos: o.qos, retain: o.retain ?? false });
    },
    async close() {
      await client.endAsync();
    },
  };
}
