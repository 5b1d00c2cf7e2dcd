import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import { pb, type edgefleet } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { AgentClock } from '../clock.js';
import {
  OutboxDiskFullError,
  openOutbox,
  type FileOutbox,
  type OutboxFs,
} from '../outbox/index.js';
import { FaultyFs } from '../outbox/testdata/faulty-fs.js';
import { SITE, burn, tempDir } from '../outbox/testdata/burns.js';
import { CLOCK_WARN_MS, EdgeControlHandler, type ReplyPort } from './edge-control.js';
import { MacKeys } from './mac-keys.js';
import { RevokedLeases } from './revoked-leases.js';

const NOW = 1_800_000_000_000;

/** A stream that keeps what the agent sent on it. */
class Stream implements ReplyPort {
  readonly sent: edgefleet.v1.AgentMessage.$Properties[] = [];
  private waiting: (() => void) | undefined;
  constructor(readonly target: string) {}
  send(m: edgefleet.v1.AgentMessage.$Properties): boolean {
    this.sent.push(m);
    this.waiting?.();
    return true;
  }
  /** Resolves at the next send. */
  nextSend(): Promise<void> {
    return new Promise((r) => (this.waiting = r));
  }
}

const opened: FileOutbox[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function setup(
  o: { outboxCapacity?: number; offerReplyDelayMs?: number; fs?: OutboxFs } = {},
) {
  const admission = new Admission(['llama-3-8b'], 1);
  admission.setAccelerators(
    (
      await createHook('fake', {
        seed: 1,
        accelerators: [{ profile: 'fake-h100', count: 2 }],
      }).collect()
    ).accelerators,
  );
  const outbox = await openOutbox({
    dir: await tempDir(),
    siteId: SITE,
    ...(o.outboxCapacity ? { capacity: o.outboxCapacity } : {}),
    ...(o.fs ? { fs: o.fs } : {}),
  });
  opened.push(outbox);
  const clock = { local: NOW };
  const agentClock = new AgentClock({
    offsetMs: 0,
    followCoordinator: true,
    base: () => clock.local,
  });
  const broadcasts: edgefleet.v1.AgentMessage.$Properties[] = [];
  const calls = { status: 0, flush: 0 };
  const skews: number[] = [];
  const log = createLogger('test', 'silent');
  const revoked = new RevokedLeases();
  const macKeys = new MacKeys();
  const handler = new EdgeControlHandler({
    admission,
    clock: agentClock,
    outbox,
    revoked,
    macKeys,
    log,
    hello: () => ({ site_id: SITE, slots_free: admission.slotsFree }),
    broadcast: (m) => broadcasts.push(m),
    publishStatus: () => calls.status++,
    flushBurns: () => calls.flush++,
    offerReplyDelayMs: o.offerReplyDelayMs ?? 0,
    onClockSkew: (ms) => skews.push(ms),
  });
  return {
    admission,
    outbox,
    clock,
    agentClock,
    broadcasts,
    calls,
    skews,
    log,
    revoked,
    macKeys,
    handler,
    stream: new Stream('coord-a:7443'),
  };
}

const offer = (leaseId: string, over: Partial<edgefleet.v1.LeaseOffer.$Properties> = {}) =>
  new pb.CoordinatorMessage({
    offer: {
      offer_id: `offer-${leaseId}`,
      lease_id: leaseId,
      hold_id: `hold-${leaseId}`,
      model: 'llama-3-8b',
      budget_micro_tokens: 1_000_000,
      expires_at_ms: NOW + 60_000,
      ...over,
    },
  });

describe('EdgeControlHandler', () => {
  it('takes a clock sample from the welcome to the hello it answers, and warns past CLOCK_WARN_MS', async () => {
    const { handler, clock, agentClock, skews, log, stream } = await setup();
    const warn = vi.spyOn(log, 'warn');
    expect(handler.hello(stream.target)).toMatchObject({ site_id: SITE });
    clock.local += 100;
    // The coordinator is 10 s ahead: its time at the midpoint of the round trip.
    handler.onMessage(
      new pb.CoordinatorMessage({ welcome: { server_time_ms: NOW + 50 + 10_000 } }),
      stream,
    );
    expect(skews).toEqual([10_000]);
    expect(agentClock.now()).toBe(clock.local + 10_000);
    expect(warn).toHaveBeenCalledTimes(1);

    handler.hello(stream.target);
    handler.onMessage(
      new pb.CoordinatorMessage({ welcome: { server_time_ms: clock.local + CLOCK_WARN_MS } }),
      stream,
    );
    expect(skews).toEqual([10_000, CLOCK_WARN_MS]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('answers an offer on the stream it came on: admitted with its slot, or refused with the reason, with the free slots either way', async () => {
    const { handler, admission, broadcasts, stream } = await setup();
    handler.onMessage(offer('l1'), stream);
    expect(stream.sent).toEqual([
      {
        offer_reply: {
          offer_id: 'offer-l1',
          admitted: true,
          slot: admission.get('l1')?.slot,
          accelerator_model: 'NVIDIA H100 80GB HBM3',
          accelerator_serial: admission.get('l1')?.acceleratorSerial,
          mig_instance_uuid: '',
          slots_free: 1,
        },
      },
    ]);
    handler.onMessage(offer('l2', { model: 'other' }), stream);
    expect(stream.sent[1]).toEqual({
      offer_reply: { offer_id: 'offer-l2', admitted: false, reason: 'model', slots_free: 1 },
    });
    handler.onMessage(offer('l3', { expires_at_ms: NOW - 1 }), stream);
    expect(stream.sent[2]).toMatchObject({ offer_reply: { admitted: false, reason: 'expired' } });
    expect(broadcasts).toEqual([]);
  });

  it('refuses offers while the outbox is full', async () => {
    const { handler, outbox, stream } = await setup({ outboxCapacity: 1 });
    await outbox.append(burn(1));
    expect(outbox.isFull).toBe(true);
    handler.onMessage(offer('l1'), stream);
    expect(stream.sent).toEqual([
      {
        offer_reply: {
          offer_id: 'offer-l1',
          admitted: false,
          reason: 'outbox_full',
          slots_free: 2,
        },
      },
    ]);
  });

  it('refuses offers with outbox_disk_full while the disk under the outbox is full, and admits again once space returns', async () => {
    const fs = new FaultyFs();
    const { handler, outbox, stream } = await setup({ fs });
    fs.quota = 0; // the disk fills up under the outbox
    await expect(outbox.append(burn(1))).rejects.toBeInstanceOf(OutboxDiskFullError);
    handler.onMessage(offer('l1'), stream);
    expect(stream.sent).toEqual([
      {
        offer_reply: {
          offer_id: 'offer-l1',
          admitted: false,
          reason: 'outbox_disk_full',
          slots_free: 2,
        },
      },
    ]);
    fs.quota = Infinity; // space returns; the agent's next telemetry round probes it
    expect(await outbox.recheckDisk()).toBe(false);
    handler.onMessage(offer('l2'), stream);
    expect(stream.sent[1]).toMatchObject({ offer_reply: { offer_id: 'offer-l2', admitted: true } });
  });

  it('holds the answer to an offer for faults.offerReplyDelayMs', async () => {
    const { handler, stream } = await setup({ offerReplyDelayMs: 20 });
    const answered = stream.nextSend();
    handler.onMessage(offer('l1'), stream);
    expect(stream.sent).toEqual([]);
    await answered;
    expect(stream.sent).toMatchObject([{ offer_reply: { offer_id: 'offer-l1', admitted: true } }]);
  });

  it('renews a lease forward only', async () => {
    const { handler, admission, stream } = await setup();
    handler.onMessage(offer('l1'), stream);
    handler.onMessage(
      new pb.CoordinatorMessage({ renewal: { lease_id: 'l1', expires_at_ms: NOW + 120_000 } }),
      stream,
    );
    expect(admission.get('l1')?.expiresAtMs).toBe(NOW + 120_000);
    handler.onMessage(
      new pb.CoordinatorMessage({ renewal: { lease_id: 'l1', expires_at_ms: NOW + 90_000 } }),
      stream,
    );
    expect(admission.get('l1')?.expiresAtMs).toBe(NOW + 120_000);
  });

  it('a revoke frees the slot, remembers the lease as revoked, tells every replica and flushes burns', async () => {
    const { handler, admission, revoked, broadcasts, calls, stream } = await setup();
    handler.onMessage(offer('l1'), stream);
    expect(admission.slotsFree).toBe(1);
    handler.onMessage(
      new pb.CoordinatorMessage({ revoke: { lease_id: 'l1', reason: 'customer released' } }),
      stream,
    );
    expect(admission.get('l1')).toBeUndefined();
    expect(revoked.has('l1')).toBe(true);
    expect(broadcasts).toEqual([
      { lease_ended: { lease_id: 'l1', reason: 'customer released', slots_free: 2 } },
    ]);
    expect(calls.flush).toBe(1);
  });

  it("keeps each replica's LeaseMacKeys (a later set from the same replica replaces it) and answers nothing", async () => {
    const { handler, macKeys, stream } = await setup();
    const other = new Stream('coord-b:7443');
    const key = (n: number) => Buffer.alloc(32, n);
    handler.onMessage(
      new pb.CoordinatorMessage({
        mac_keys: {
          keys: [
            { kid: 'k1', key: key(1) },
            { kid: 'k2', key: key(2) },
          ],
        },
      }),
      stream,
    );
    handler.onMessage(
      new pb.CoordinatorMessage({ mac_keys: { keys: [{ kid: 'k3', key: key(3) }] } }),
      other,
    );
    expect([...macKeys.current.keys()].sort()).toEqual(['k1', 'k2', 'k3']);
    // Replica a retired k1; a key of the wrong length or without a kid is dropped.
    handler.onMessage(
      new pb.CoordinatorMessage({
        mac_keys: {
          keys: [
            { kid: 'k2', key: key(2) },
            { kid: 'k4', key: Buffer.alloc(16) },
            { kid: '', key: key(5) },
          ],
        },
      }),
      stream,
    );
    expect([...macKeys.current.keys()].sort()).toEqual(['k2', 'k3']);
    expect(macKeys.current.get('k2')?.equals(key(2))).toBe(true);
    expect(stream.sent).toEqual([]);
    expect(other.sent).toEqual([]);
  });

  it('answers a keepalive ping with a pong of its seq on the stream it came on, and nothing else', async () => {
    const { handler, broadcasts, calls, stream } = await setup();
    handler.onMessage(new pb.CoordinatorMessage({ ping: { seq: 41 } }), stream);
    handler.onMessage(new pb.CoordinatorMessage({ ping: { seq: 42 } }), stream);
    expect(stream.sent.map((m) => Number(m.pong?.seq))).toEqual([41, 42]);
    expect(broadcasts).toEqual([]);
    expect(calls).toEqual({ status: 0, flush: 0 });
  });

  it('a drain stops admission and republishes the status; undrain admits again', async () => {
    const { handler, admission, calls, stream } = await setup();
    handler.onMessage(new pb.CoordinatorMessage({ drain: { drain: true } }), stream);
    expect([admission.draining, calls.status]).toEqual([true, 1]);
    handler.onMessage(offer('l1'), stream);
    expect(stream.sent[0]).toEqual({
      offer_reply: { offer_id: 'offer-l1', admitted: false, reason: 'draining', slots_free: 0 },
    });
    handler.onMessage(new pb.CoordinatorMessage({ drain: { drain: false } }), stream);
    expect([admission.draining, calls.status]).toEqual([false, 2]);
  });

  it('expires leases past their end in coordinator time and tells every replica', async () => {
    const { handler, clock, broadcasts, stream } = await setup();
    handler.onMessage(offer('l1', { expires_at_ms: NOW + 1000 }), stream);
    handler.onMessage(offer('l2', { expires_at_ms: NOW + 5000 }), stream);
    handler.expireLeases();
    expect(broadcasts).toEqual([]);
    clock.local = NOW + 1000;
    handler.expireLeases();
    expect(broadcasts).toEqual([
      { lease_ended: { lease_id: 'l1', reason: 'expired', slots_free: 1 } },
    ]);
  });
});
