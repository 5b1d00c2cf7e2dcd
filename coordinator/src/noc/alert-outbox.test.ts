import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { openTestDb, TEST_BACKENDS, type TestDb } from '../db/db.test-support.js';
import type { Db } from '../db/index.js';
import type { AlertEvent } from './alert-event.js';
import { AlertOutbox } from './alert-outbox.js';
import { AlertStore } from './alert-store.js';
import { AlertWebhook, type AlertWebhookSettings } from './alert-webhook.js';
import type { Alert } from './alerts.js';

const alert = (siteId: string, atMs: number): Alert => ({
  id: `site_offline:${siteId}`,
  kind: 'site_offline',
  severity: 'critical',
  siteId,
  message: `site ${siteId} is offline`,
  firstSeenMs: atMs,
  lastSeenMs: atMs,
  resolvedAtMs: null,
  ackedAtMs: null,
  ackedBy: null,
});

/** A real HTTP receiver on an ephemeral port: answers each POST with `status()`. */
async function receiver(status: () => number = () => 204): Promise<{
  url: string;
  got: AlertEvent[];
  server: Server;
}> {
  const got: AlertEvent[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.statusCode = status();
      if (res.statusCode < 300)
        got.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertEvent);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/noc`, got, server };
}

/** A URL nothing listens on (a port that was free a moment ago). */
async function deadUrl(): Promise<string> {
  const r = await receiver();
  await new Promise((res) => r.server.close(res));
  return r.url;
}

const log = createLogger('alert-outbox-test', 'silent');
const settings = (url: string, o: Partial<AlertWebhookSettings> = {}): AlertWebhookSettings => ({
  url,
  maxAttempts: 100,
  backoffMs: 10,
  maxBackoffMs: 20,
  timeoutMs: 2_000,
  maxQueue: 1_000,
  pollMs: 20,
  ...o,
});

const rows = async (db: Db) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM noc_alert_outbox'))[0]?.n;

describe.each(TEST_BACKENDS)('alert webhook outbox on %s (migration 116)', (kind) => {
  let t: TestDb;
  const hooks: AlertWebhook[] = [];
  const servers: Server[] = [];
  beforeAll(async () => {
    t = await openTestDb(kind);
  });
  afterEach(async () => {
    await Promise.all(hooks.splice(0).map((h) => h.close()));
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    await t.db.query('DELETE FROM noc_alert_outbox');
    await t.db.query('DELETE FROM noc_alerts');
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const webhook = (url: string, o: Partial<AlertWebhookSettings> = {}, db: Db = t.db) => {
    const h = new AlertWebhook(settings(url, o), log, undefined, new AlertOutbox(db));
    hooks.push(h);
    return h;
  };

  it('writes an event with each change that notifies, in its transaction, and none without the outbox', async () => {
    const plain = new AlertStore(t.db);
    expect(await plain.raise(alert('p', 1000))).toBe('opened');
    expect(await rows(t.db)).toBe(0);

    const store = new AlertStore(t.db, { outbox: true });
    expect(await store.raise(alert('a', 1000), 1001)).toBe('opened');
    expect(await store.raise(alert('a', 2000), 2001)).toBe('held'); // refreshed: no event
    expect(await store.ack('site_offline:a', 'olga', 2500)).toBeDefined();
    expect(await store.ack('site_offline:nope', 'olga', 2600)).toBeUndefined();
    expect(await store.resolve('site_offline:a', 3000)).toBeDefined();
    expect(await store.resolve('site_offline:a', 3100)).toBeUndefined(); // already resolved
    expect(await store.raise(alert('b', 500))).toBe('opened');
    expect(await store.sweepStale(1500, 4000)).toHaveLength(2); // p and b
    const bodies = await t.db.query<{ body: string }>(
      'SELECT body FROM noc_alert_outbox ORDER BY seq',
    );
    const events = bodies.map((r) => JSON.parse(r.body) as AlertEvent);
    const seen = events.map((e) => [e.event, e.alert.id, e.atMs]);
    expect(seen.slice(0, 4)).toEqual([
      ['alert.raised', 'site_offline:a', 1001],
      ['alert.acked', 'site_offline:a', 2500],
      ['alert.resolved', 'site_offline:a', 3000],
      ['alert.raised', 'site_offline:b', 500],
    ]);
    // One sweep, in the same transaction: its two events in either order.
    expect(seen.slice(4).sort()).toEqual([
      ['alert.resolved', 'site_offline:b', 4000],
      ['alert.resolved', 'site_offline:p', 4000],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(6);
  });

  it('delivers in order, retries a failing receiver with the attempt kept in the row, and empties the outbox', async () => {
    let n = 0;
    const r = await receiver(() => (n++ < 2 ? 503 : 204)); // the first event fails twice
    servers.push(r.server);
    const store = new AlertStore(t.db, { outbox: true });
    await store.raise(alert('a', 1000));
    await store.raise(alert('b', 1000));
    await store.resolve('site_offline:a', 2000);
    const h = webhook(r.url);
    h.start();
    await vi.waitFor(() => expect(r.got).toHaveLength(3), { timeout: 10_000 });
    expect(r.got.map((e) => [e.event, e.alert.id])).toEqual([
      ['alert.raised', 'site_offline:a'],
      ['alert.raised', 'site_offline:b'],
      ['alert.resolved', 'site_offline:a'],
    ]);
    await vi.waitFor(async () => expect(await rows(t.db)).toBe(0), { timeout: 5_000 });
    expect(h.stats()).toMatchObject({ delivered: 3, failedAttempts: 2, dropped: 0 });
  });

  it('keeps what a stopped deliverer could not deliver; the next one (a restart) delivers it all', async () => {
    const store = new AlertStore(t.db, { outbox: true });
    for (const s of ['a', 'b', 'c']) await store.raise(alert(s, 1000));
    const first = webhook(await deadUrl());
    first.start();
    await vi.waitFor(() => expect(first.stats().failedAttempts).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    await first.close();
    expect(first.stats()).toMatchObject({ delivered: 0, dropped: 0 });
    expect(await rows(t.db)).toBe(3);
    const [head] = await t.db.query<{ attempts: number }>(
      'SELECT attempts FROM noc_alert_outbox ORDER BY seq LIMIT 1',
    );
    expect(head?.attempts).toBeGreaterThan(0);

    const r = await receiver();
    servers.push(r.server);
    const next = webhook(r.url);
    next.start();
    await vi.waitFor(() => expect(r.got).toHaveLength(3), { timeout: 10_000 });
    expect(r.got.map((e) => e.alert.siteId)).toEqual(['a', 'b', 'c']);
  });

  it('stops at close without waiting for a receiver that does not answer, and keeps the event', async () => {
    let held = 0;
    const hung = createServer(() => held++); // takes the request, never answers
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    servers.push(hung);
    const store = new AlertStore(t.db, { outbox: true });
    await store.raise(alert('a', 1000));
    const h = webhook(`http://127.0.0.1:${(hung.address() as AddressInfo).port}/noc`, {
      timeoutMs: 120_000, // far beyond the test's own limit: close must not wait for it
    });
    h.start();
    await vi.waitFor(() => expect(held).toBe(1), { timeout: 10_000 });
    await h.close();
    expect(h.stats()).toMatchObject({ delivered: 0, failedAttempts: 0, dropped: 0 });
    const [row] = await t.db.query<{ attempts: number; claimed_by: string | null }>(
      'SELECT attempts, claimed_by FROM noc_alert_outbox',
    );
    // Not counted against it, and not held: the next run or another replica sends it at once.
    expect(row).toEqual({ attempts: 0, claimed_by: null });
    hung.closeAllConnections();
  });

  it('has two replicas deliver every event once and in order', async () => {
    const r = await receiver();
    servers.push(r.server);
    const store = new AlertStore(t.db, { outbox: true });
    const sites = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    for (const s of sites) await store.raise(alert(s, 1000));
    const other = await t.sibling();
    const a = webhook(r.url, {}, t.db);
    const b = webhook(r.url, {}, other);
    a.start();
    b.start();
    await vi.waitFor(async () => expect(await rows(t.db)).toBe(0), { timeout: 20_000 });
    expect(r.got.map((e) => e.alert.siteId)).toEqual(sites);
    expect(a.stats().delivered + b.stats().delivered).toBe(20);
    await b.close();
    await other.close();
  });

  it('gives up on an event after maxAttempts (counted) and goes on with the next', async () => {
    let n = 0;
    const r = await receiver(() => (n++ < 2 ? 500 : 204));
    servers.push(r.server);
    const store = new AlertStore(t.db, { outbox: true });
    await store.raise(alert('a', 1000));
    await store.raise(alert('b', 1000));
    const h = webhook(r.url, { maxAttempts: 2 });
    h.start();
    await vi.waitFor(() => expect(r.got).toHaveLength(1), { timeout: 10_000 });
    expect(r.got[0]?.alert.siteId).toBe('b');
    expect(h.stats()).toMatchObject({ delivered: 1, failedAttempts: 2, dropped: 1 });
  });

  it('drops the oldest events beyond maxQueue (counted)', async () => {
    const store = new AlertStore(t.db, { outbox: true });
    for (const s of ['a', 'b', 'c', 'd']) await store.raise(alert(s, 1000));
    const h = webhook(await deadUrl(), { maxQueue: 2 });
    h.start();
    await vi.waitFor(() => expect(h.stats().dropped).toBe(2), { timeout: 10_000 });
    const left = await t.db.query<{ body: string }>(
      'SELECT body FROM noc_alert_outbox ORDER BY seq',
    );
    expect(left.map((x) => (JSON.parse(x.body) as AlertEvent).alert.siteId)).toEqual(['c', 'd']);
  });

  it('lets one claimer at a time hold the head, and another take it once that claim runs out', async () => {
    const store = new AlertStore(t.db, { outbox: true });
    await store.raise(alert('a', 1000));
    await store.raise(alert('b', 1000));
    const o = new AlertOutbox(t.db);
    const dead = await o.claim('dead', 10_000, 500);
    expect(dead.kind).toBe('claimed');
    expect(await o.claim('live', 10_200, 500)).toEqual({ kind: 'wait', ms: 300 });
    const taken = await o.claim('live', 10_600, 500);
    expect(taken).toMatchObject({ kind: 'claimed', head: { event: { alert: { siteId: 'a' } } } });
    // The claimer that lost it can no longer remove or reschedule it.
    if (dead.kind !== 'claimed' || taken.kind !== 'claimed') throw new Error('unreachable');
    await o.remove(dead.head.seq, 'dead');
    await o.retryAt(dead.head.seq, 'dead', 99_999);
    expect(await o.claim('live', 10_700, 500)).toMatchObject({
      kind: 'claimed',
      head: { seq: taken.head.seq, attempts: 0 },
    });
    await o.retryAt(taken.head.seq, 'live', 20_000);
    expect(await o.claim('live', 10_800, 500)).toEqual({ kind: 'wait', ms: 9_200 });
    expect(await o.claim('other', 20_000, 500)).toMatchObject({
      kind: 'claimed',
      head: { seq: taken.head.seq, attempts: 1 },
    });
  });
});
