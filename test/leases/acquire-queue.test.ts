import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EdgefleetClient,
  NoSiteAvailableError,
  QueueTimeoutError,
  type LeaseSession,
} from '@edgefleet/client';
import { startLeaseFleet, type LeaseFleet } from '../support/lease-fleet.js';
import { BrokerClient } from './grpc-clients.js';

const MODEL = 'llama-3-8b';
const acquire = (
  c: EdgefleetClient,
  maxQueueMs: number,
  onQueued?: (i: { position: number; expectedWaitMs: number | undefined }) => void,
) =>
  c.acquire({
    model: MODEL,
    location: { popId: 'pop-fra' },
    budgetMicroTokens: 10_000,
    ttlS: 60,
    autoRenew: false,
    maxQueueMs,
    ...(onQueued ? { onQueued } : {}),
  });

/**
 * An Acquire that asks to wait (maxQueueMs) on a full fleet: a coordinator process and one agent
 * process with its slots all leased. It waits, and is granted the slot a release frees; one that
 * waits in vain is told QUEUE_TIMEOUT and holds nothing; one that does not ask to wait is refused
 * at once, as before.
 */
describe('Acquire waits in the fair queue for a freed slot', () => {
  let fleet: LeaseFleet;
  let other: EdgefleetClient;
  const held: LeaseSession[] = [];

  beforeAll(async () => {
    fleet = await startLeaseFleet(['queue-a'], 'queue-first', 10_000_000);
    const topup = await fleet.coord.api('POST', '/api/v1/customers/queue-second/topup', {
      microTokens: 10_000_000,
    });
    expect(topup.status).toBe(200);
    other = new EdgefleetClient({
      coordinator: fleet.coord.grpc,
      customerId: 'queue-second',
      defaultTimeoutMs: 3000,
      bearerToken: fleet.coord.adminToken,
    });
    // Fill every slot of the site.
    for (;;) {
      try {
        held.push(await acquire(fleet.client, 0));
      } catch (err) {
        expect(err).toBeInstanceOf(NoSiteAvailableError);
        break;
      }
    }
    expect(held.length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(async () => {
    other?.close();
    await fleet?.close();
  });

  it('refuses at once without maxQueueMs, times out with QUEUE_TIMEOUT holding nothing, and grants a freed slot to a waiter', async () => {
    await expect(acquire(other, 0)).rejects.toBeInstanceOf(NoSiteAvailableError);

    const before = (
      await fleet.coord.api<{ held: number }>('GET', '/api/v1/customers/queue-second/balance')
    ).body;
    await expect(acquire(other, 400)).rejects.toBeInstanceOf(QueueTimeoutError);
    const after = (
      await fleet.coord.api<{ held: number }>('GET', '/api/v1/customers/queue-second/balance')
    ).body;
    expect(after.held).toBe(before.held);

    const waiting = acquire(other, 15_000);
    // It is waiting: nothing has freed a slot yet.
    const early = await Promise.race([
      waiting.then(() => 'granted'),
      sleep(500).then(() => 'waiting'),
    ]);
    expect(early).toBe('waiting');
    await held.pop()?.release();
    const session = await waiting;
    expect(session.leases[0]?.site_id).toBeTruthy();
    await session.release();

    const metrics = await fetch(`${fleet.coord.http}/metrics`, {
      headers: { authorization: `Bearer ${fleet.coord.adminToken}` },
    }).then((r) => r.text());
    expect(metrics).toMatch(/edgefleet_acquire_queue_outcomes_total\{outcome="granted"\} [1-9]/);
    expect(metrics).toMatch(/edgefleet_acquire_queue_outcomes_total\{outcome="timeout"\} [1-9]/);
  });

  it('tells a waiter its place, and drops a waiter whose call went away so the freed slot goes to the next', async () => {
    // The first test left one slot free: fill it again.
    held.push(await acquire(fleet.client, 0));
    const balance = async () =>
      (await fleet.coord.api<{ held: number }>('GET', '/api/v1/customers/queue-second/balance'))
        .body.held;
    const heldBefore = await balance();

    // A caller that gives up first: its call's deadline passes while it waits in the queue.
    const raw = new BrokerClient(fleet.coord.grpc, fleet.coord.adminToken);
    const gaveUp = raw
      .acquire(
        {
          customer_id: 'queue-second',
          model: MODEL,
          location: { pop_id: 'pop-fra' },
          budget_micro_tokens: 10_000,
          ttl_s: 60,
          max_queue_ms: 15_000,
        },
        5_000, // long enough for the next caller to queue behind it, even on a loaded machine
      )
      .then(
        () => 'granted',
        (err: { code?: number }) => err.code,
      );
    const metricsText = () =>
      fetch(`${fleet.coord.http}/metrics`, {
        headers: { authorization: `Bearer ${fleet.coord.adminToken}` },
      }).then((r) => r.text());
    // It waits in the queue (not still on its way) before the next one asks.
    await expect
      .poll(metricsText, { timeout: 10_000, interval: 50 })
      .toMatch(/edgefleet_acquire_queue_waiting 1\b/);
    const told: { position: number; expectedWaitMs: number | undefined }[] = [];
    const waiting = acquire(other, 15_000, (i) => told.push(i));
    await expect.poll(() => told.length, { timeout: 10_000 }).toBe(1);
    expect(told[0]?.position).toBe(1); // behind the caller that is about to give up
    expect(await gaveUp).toBe(4); // DEADLINE_EXCEEDED, on the caller's side
    await expect
      .poll(metricsText, { timeout: 10_000 })
      .toMatch(/edgefleet_acquire_queue_outcomes_total\{outcome="abandoned"\} [1-9]/);

    // One slot frees: it goes to the waiter that is still there, and nothing is held for the other.
    await held.pop()?.release();
    const session = await waiting;
    expect(session.leases[0]?.site_id).toBeTruthy();
    // Held: this session's budget at most (the first test's release may still be closing); the
    // caller that gave up was never granted, so no grant had to be handed back either.
    expect(await balance()).toBeLessThanOrEqual(heldBefore + 10_000);
    expect(await metricsText()).not.toMatch(
      /edgefleet_acquire_queue_outcomes_total\{outcome="released_unclaimed"\} [1-9]/,
    );
    await session.release();
    raw.close();
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
