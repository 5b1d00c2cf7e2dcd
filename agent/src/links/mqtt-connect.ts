import { createConnection } from 'node:net';
import mqtt, { MqttClient, type IClientOptions } from 'mqtt';

/**
 * An mqtt.js client for `url`. mqtt.connect loads every transport mqtt.js has at the first connect
 * (WebSocket: ws; SOCKS: socks, ip-address, smart-buffer; about 30 modules and 1.7 MiB of heap)
 * whatever the URL. A plain `mqtt://host[:port]` (or `tcp://`) without a SOCKS proxy
 * (MQTTJS_SOCKS_PROXY) and without credentials in the URL gets a TCP stream builder of its own
 * instead, the same socket mqtt.js's would open; every other URL (mqtts, ws, wss, a proxy) goes
 * through mqtt.connect unchanged.
 */
export function connectMqtt(url: string, opts: IClientOptions): MqttClient {
  const plain = plainTcp(url);
  if (!plain || process.env['MQTTJS_SOCKS_PROXY']) return mqtt.connect(url, opts);
  const { host, port } = plain;
  return new MqttClient(() => createConnection({ host, port }), {
    ...opts,
    protocol: 'mqtt',
    host,
    hostname: host,
    port,
  });
}

/** Host and port of a plain-TCP MQTT URL (default port 1883), or undefined for any other URL. */
export function plainTcp(url: string): { host: string; port: number } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'mqtt:' && u.protocol !== 'tcp:') return undefined;
  if (u.username || u.password || !u.hostname) return undefined;
  if ((u.pathname !== '' && u.pathname !== '/') || u.search !== '') return undefined;
  // URL keeps an IPv6 literal's brackets; a socket wants the bare address.
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { host, port: u.port ? Number(u.port) : 1883 };
}
