import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '@edgefleet/common';
import { EdgefleetError } from '@edgefleet/common';
import type { MessageBus, MessageHandler, SubscribeOptions } from './bus.js';
import { topicMatches } from './bus.js';

export class BrokerUnavailableError extends EdgefleetError {
  constructor(url: string, cause: unknown) {
    super(
      'BROKER_UNAVAILABLE',
      `cannot reach MQTT broker at ${redact(url)}: ${(cause as Error)?.message ?? String(cause)}`,
      { url: redact(url) },
      { cause },
    );
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

/**
 * An external broker (Mosquitto, EMQX, HiveMQ) over mqtt.js, MQTT 3.1.1. Burns use a shared
 * subscription so each batch goes to one coordinator replica; telemetry fans out to all.
 */
export async function connectExternalBus(opts: {
  url: string;
  clientId: string;
  sharedGroup: string;
  log: Logger;
  connectTimeoutMs?: number;
}): Promise<MessageBus> {
  const routes: { filter: string; handler: MessageHandler }[] = [];
  const client: MqttClient = mqtt.connect(opts.url, {
    clientId: opts.clientId,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: opts.connectTimeoutMs ?? 5000,
    keepalive: 15,
    // mqtt-packet otherwise pre-builds a 2-byte Buffer for each of the 65,536 packet ids and lengths
    // at the first write (~7 MiB of heap for the life of the process); the coordinator mostly
    // receives on this client and writes a few packets a second, so it allocates them.
    writeCache: false,
  });
  client.on('message', (topic, payload) => {
    for (const r of routes) if (topicMatches(r.filter, topic)) r.handler(topic, payload);
  });
  const connListeners: ((up: boolean) => void)[] = [];
  let up = false;
  const setUp = (next: boolean) => {
    if (next === up) return;
    up = next;
    for (const fn of connListeners) fn(next);
  };
  client.on('error', (err) => opts.log.warn({ err: err.message }, 'mqtt: broker error'));
  client.on('offline', () => opts.log.warn('mqtt: broker connection lost, reconnecting'));
  client.on('close', () => setUp(false));
  client.on('connect', () => setUp(true));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new BrokerUnavailableError(opts.url, new Error('connect timeout')));
    }, opts.connectTimeoutMs ?? 5000);
    // Both listeners are for the first connection only: left attached, the error one would end
    // the client at the first error of a later outage, and the coordinator would never reconnect.
    const onConnect = () => {
      clearTimeout(timer);
      client.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.end(true);
      reject(new BrokerUnavailableError(opts.url, err));
    };
    client.once('connect', onConnect);
    client.once('error', onError);
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
    connected: () => client.connected,
    onConnectionChange(fn) {
      connListeners.push(fn);
    },
    async close() {
      connListeners.length = 0;
      // A clean DISCONNECT (no last will), but never wait on the broker for more than 2 s.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.endAsync(),
        new Promise<void>((r) => (timer = setTimeout(r, 2000))),
      ]);
      clearTimeout(timer);
      if (!client.disconnected) await client.endAsync(true);
    },
  };
}
