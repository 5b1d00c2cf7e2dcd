import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { AlertWebhook, type AlertEvent, type AlertWebhookSettings } from './alert-webhook.js';

/** A real HTTP receiver on an ephemeral port: answers each POST with the next status of `replies`. */
async function receiver(replies: number[]): Promise<{
  url: string;
  got: { body: AlertEvent; type: string | undefined }[];
  server: Server;
}> {
  const got: { body: AlertEvent; type: string | undefined }[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertEvent,
        type: req.headers['content-type'],
      });
      res.statusCode = replies[Math.min(n++, replies.length - 1)] ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hook`, got, server };
}

const event = (id: string, e: AlertEvent['event'] = 'alert.raised'): AlertEvent => ({
  eventId: `${e} ${id}`,
  event: e,
  atMs: 1,
  alert: {
    id,
    kind: 'site_offline',
    severity: 'critical',
    siteId: id.split(':')[1] ?? '',
    message: 'offline',
    firstSeenMs: 1,
    lastSeenMs: 1,
    resolvedAtMs: null,
    ackedAtMs: null,
    ackedBy: null,
  },
});

const log = createLogger('webhook-test', 'error');
const settings = (url: string, o: Partial<AlertWebhookSettings> = {}): AlertWebhookSettings => ({
  url,
  maxAttempts: 4,
  backoffMs: 5,
  maxBackoffMs: 20,
  timeoutMs: 2000,
  maxQueue: 100,
  ...o,
});

describe('AlertWebhook (real HTTP receiver)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('POSTs each event as JSON, in order', async () => {
    const r = await receiver([200]);
    servers.push(r.server);
    const w = new AlertWebhook(settings(r.url), log);
    w.send(event('site_offline:a'));
    w.send(event('site_offline:a', 'alert.acked'));
    w.send(event('site_offline:b'));
    await w.drain();
    expect(r.got.map((g) => [g.body.event, g.body.alert.id])).toEqual([
      ['alert.raised', 'site_offline:a'],
      ['alert.acked', 'site_offline:a'],
      ['alert.raised', 'site_offline:b'],
    ]);
    expect(r.got[0]?.type).toMatch(/application\/json/);
    expect(w.stats()).toEqual({ delivered: 3, failedAttempts: 0, dropped: 0, queued: 0 });
  });

  it('retries a failing receiver with growing waits and counts the failures', async () => {
    const r = await receiver([500, 503, 200]);
    servers.push(r.server);
    const waits: number[] = [];
    const w = new AlertWebhook(settings(r.url, { backoffMs: 7, maxBackoffMs: 10 }), log, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    w.send(event('site_offline:a'));
    await w.drain();
    expect(r.got).toHaveLength(3); // the same event, three times
    expect(waits).toEqual([7, 10]); // doubled, capped
    expect(w.stats()).toEqual({ delivered: 1, failedAttempts: 2, dropped: 0, queued: 0 });
  });

  it('gives up after maxAttempts (counted as dropped) and goes on with the next event', async () => {
    const r = await receiver([500, 500, 500, 200]);
    servers.push(r.server);
    const w = new AlertWebhook(settings(r.url, { maxAttempts: 3 }), log);
    w.send(event('site_offline:a'));
    w.send(event('site_offline:b'));
    await w.drain();
    expect(r.got.map((g) => g.body.alert.id)).toEqual([
      'site_offline:a',
      'site_offline:a',
      'site_offline:a',
      'site_offline:b',
    ]);
    expect(w.stats()).toEqual({ delivered: 1, failedAttempts: 3, dropped: 1, queued: 0 });
  });

  it('counts a receiver that is not there (connection refused) as failed attempts', async () => {
    const r = await receiver([200]);
    await new Promise((res) => r.server.close(res)); // the port is free again: nothing listens
    const w = new AlertWebhook(settings(r.url, { maxAttempts: 2 }), log);
    w.send(event('site_offline:a'));
    await w.drain();
    expect(w.stats()).toEqual({ delivered: 0, failedAttempts: 2, dropped: 1, queued: 0 });
  });
});
