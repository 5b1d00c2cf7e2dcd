import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, createLogger } from '@edgefleet/common';
import { MqttLink } from './mqtt-link.js';

const log = createLogger('test', 'silent');

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('MqttLink reconnect', () => {
  let link: MqttLink | undefined;
  afterEach(async () => {
    await link?.close();
  });

  it('re-arms mqtt.js reconnects with exponential backoff and full jitter, capped', async () => {
    const port = await closedPort();
    const draws = [0.9, 0.1, 0.5, 0.99, 0.3, 0.7, 0.8];
    let i = 0;
    const random = () => draws[i++ % draws.length] ?? 0.5;
    const periods: number[] = [];
    link = new MqttLink({
      url: `mqtt://127.0.0.1:${port}`,
      siteId: 'site-a',
      secret: 'x'.repeat(16),
      keepaliveS: 5,
      log,
      reconnectBaseMs: 10,
      reconnectMaxMs: 80,
      random,
      status: () => ({ site_id: 'site-a' }),
    });
    await new Promise<void>((resolve) => {
      link?.onReconnect((waitedMs) => {
        periods.push(waitedMs);
        if (periods.length >= 6) resolve();
      });
    });
    // Attempt k waited backoffDelay(k): 0..10, 0..20, 0..40, then capped at 0..80.
    const expected = draws.slice(0, 6).map((r, k) =>
      Math.max(
        1,
        backoffDelay(k, 10, 80, () => r),
      ),
    );
    expect(periods.slice(0, 6)).toEqual(expected);
    expect(link.reconnectTimes.length).toBeGreaterThanOrEqual(6);
  });
});

describe('MqttLink connect timeout', () => {
  it('gives up on a broker that accepts the connection but never answers CONNACK after mqtt.connectTimeoutMs, and tries again', async () => {
    // A broker stuck with a full queue: the TCP connection is taken, nothing comes back.
    const sockets: { closedByClient: Promise<void>; destroy: () => void }[] = [];
    const srv = createServer((sock) => {
      sockets.push({
        closedByClient: new Promise((r) => sock.on('close', () => r())),
        destroy: () => sock.destroy(),
      });
      sock.on('error', () => undefined);
      sock.resume(); // read (and drop) the CONNECT, so the client's close is seen
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as AddressInfo;
    const link = new MqttLink({
      url: `mqtt://127.0.0.1:${port}`,
      siteId: 'site-t',
      secret: 'x'.repeat(16),
      keepaliveS: 5,
      log,
      connectTimeoutMs: 300,
      reconnectBaseMs: 10,
      reconnectMaxMs: 20,
      status: () => ({ site_id: 'site-t' }),
    });
    try {
      expect(link.connectTimeoutMs).toBe(300);
      while (sockets.length < 2) await new Promise((r) => setTimeout(r, 20));
      await sockets[0]?.closedByClient; // the first attempt was abandoned by the agent, then a second was made
    } finally {
      await link.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    }
    const dflt = new MqttLink({
      url: `mqtt://127.0.0.1:${port}`,
      siteId: 'site-d',
      secret: 'x'.repeat(16),
      keepaliveS: 5,
      log,
      reconnectBaseMs: 10,
      status: () => ({ site_id: 'site-d' }),
    });
    expect(dflt.connectTimeoutMs).toBe(30_000);
    await dflt.close();
  });
});
