import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { createHook } from '@edgefleet/firmware-hooks';
import { pb, type edgefleet } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { AgentClock } from '../clock.js';
import { QuotaGranter } from './capacity-quota.js';
import { EdgeControlHandler, type ReplyPort } from './edge-control.js';
import { MacKeys } from './mac-keys.js';
import { RevokedLeases } from './revoked-leases.js';

const NOW = 1_800_000_000_000;
const MODEL = 'llama-3-8b';

class Stream implements ReplyPort {
  readonly sent: edgefleet.v1.AgentMessage.$Properties[] = [];
  up = true;
  constructor(readonly target: string) {}
  send(m: edgefleet.v1.AgentMessage.$Properties): boolean {
    this.sent.push(m);
    return this.up;
  }
  /** The slots of the last grant on this stream. */
  lastGrant(): string[] | undefined {
    const q = this.sent.filter((m) => m.quota).at(-1)?.quota;
    return q ? (q.slots ?? []).map((s) => s.slot ?? '') : undefined;
  }
}

async function setup(o: { share?: number; accelerators?: number } = {}) {
  const admission = new Admission([MODEL], 1);
  const accs = (
    await createHook('fake', {
      seed: 1,
      accelerators: [{ profile: 'fake-h100', count: o.accelerators ?? 4 }],
    }).collect()
  ).accelerators;
  admission.setAccelerators(accs);
  const outbox = { isFull: false, diskFull: false, broken: undefined as unknown };
  const log = createLogger('test', 'silent');
  const quota = new QuotaGranter({
    admission,
    settings: { share: o.share ?? 1, ttlMs: 10_000 },
    outbox: () => (outbox.isFull ? 'outbox_full' : undefined),
    log,
  });
  const results: boolean[] = [];
  const handler = new EdgeControlHandler({
    admission,
    clock: new AgentClock({ offsetMs: 0, followCoordinator: false, base: () => NOW }),
    outbox,
    revoked: new RevokedLeases(),
    macKeys: new MacKeys(),
    log,
    hello: () => ({}),
    broadcast: () => undefined,
    publishStatus: () => undefined,
    flushBurns: () => undefined,
    offerReplyDelayMs: 0,
    quota,
    onQuotaLease: (ok) => results.push(ok),
  });
  const welcome = (s: Stream, accepts = true) =>
    handler.onMessage(
      new pb.CoordinatorMessage({ welcome: { server_time_ms: NOW, accepts_quota: accepts } }),
      s,
    );
  return { admission, accs, outbox, quota, handler, welcome, results };
}

const notice = (leaseId: string, slot: string) =>
  new pb.CoordinatorMessage({
    quota_leases: {
      leases: [
        {
          lease_id: leaseId,
          hold_id: `h-${leaseId}`,
          model: MODEL,
          budget_micro_tokens: 1000,
          expires_at_ms: NOW + 60_000,
          slot,
          epoch: 1,
        },
      ],
    },
  });

const offer = (leaseId: string) =>
  new pb.CoordinatorMessage({
    offer: {
      offer_id: `o-${leaseId}`,
      lease_id: leaseId,
      hold_id: `h-${leaseId}`,
      model: MODEL,
      budget_micro_tokens: 1000,
      expires_at_ms: NOW + 60_000,
    },
  });

describe('QuotaGranter + EdgeControlHandler (pre-granted site capacity)', () => {
  it('grants only to replicas whose welcome takes quotas, each its own disjoint share', async () => {
    const { welcome } = await setup({ share: 0.75 });
    const a = new Stream('a:1');
    const b = new Stream('b:1');
    const old = new Stream('old:1');
    welcome(a);
    welcome(b);
    welcome(old, false);
    expect(old.lastGrant()).toBeUndefined();
    const ga = a.lastGrant() ?? [];
    const gb = b.lastGrant() ?? [];
    expect(ga.length + gb.length).toBe(3); // floor(0.75 × 4)
    expect(ga.filter((s) => gb.includes(s))).toEqual([]);
    const q = a.sent.find((m) => m.quota)?.quota;
    expect(q).toMatchObject({ ttl_ms: 10_000 });
    expect(q?.slots?.[0]).toMatchObject({ isolation: 'whole' });
  });

  it('keeps delegated slots from offers, and admits notified leases onto them', async () => {
    const { welcome, handler, admission, results } = await setup({ share: 0.5 });
    const a = new Stream('a:1');
    welcome(a);
    const granted = a.lastGrant() ?? [];
    expect(granted).toHaveLength(2);
    for (const id of ['o1', 'o2', 'o3']) handler.onMessage(offer(id), a);
    const replies = a.sent.filter((m) => m.offer_reply).map((m) => m.offer_reply);
    expect(replies.map((r) => r?.admitted)).toEqual([true, true, false]);
    expect(replies.map((r) => r?.slot).filter((s) => granted.includes(s ?? ''))).toEqual([]);

    handler.onMessage(notice('q1', granted[0] ?? ''), a);
    expect(admission.get('q1')?.slot).toBe(granted[0]);
    expect(results).toEqual([true]);
  });

  it('refuses a notice beyond real capacity and tells that replica the lease ended', async () => {
    const { welcome, handler, admission, results } = await setup({ share: 1, accelerators: 1 });
    const a = new Stream('a:1');
    welcome(a);
    const [slot] = a.lastGrant() ?? [];
    // A token took the slot at Infer before any notice (its real capacity), then two notices name it.
    expect(
      admission.admit(
        { leaseId: 't1', holdId: 'h', model: MODEL, budget: 1, expiresAtMs: NOW + 60_000 },
        NOW,
        undefined,
        'token',
      ).ok,
    ).toBe(true);
    handler.onMessage(notice('t1', slot ?? ''), a);
    handler.onMessage(notice('q2', slot ?? ''), a);
    expect(results).toEqual([true, false]);
    expect(admission.active).toBe(1);
    expect(a.sent.at(-1)?.lease_ended).toMatchObject({
      lease_id: 'q2',
      reason: 'refused: no_capacity',
    });
  });

  it('revokes with an empty grant when draining, when the outbox refuses, and at shutdown; regrants after', async () => {
    const { welcome, handler, quota, outbox } = await setup({ share: 1 });
    const a = new Stream('a:1');
    welcome(a);
    expect(a.lastGrant()).toHaveLength(4);
    handler.onMessage(new pb.CoordinatorMessage({ drain: { drain: true } }), a);
    expect(a.lastGrant()).toEqual([]);
    expect(a.sent.filter((m) => m.quota).at(-1)?.quota?.ttl_ms).toBe(0);
    handler.onMessage(new pb.CoordinatorMessage({ drain: { drain: false } }), a);
    expect(a.lastGrant()).toHaveLength(4);
    outbox.isFull = true;
    quota.refresh();
    expect(a.lastGrant()).toEqual([]);
    outbox.isFull = false;
    quota.refresh();
    expect(a.lastGrant()).toHaveLength(4);
    quota.revokeAll();
    expect(a.lastGrant()).toEqual([]);
  });

  it('revokes at the first quota lease an outbox that cannot record burns refuses, not at the next renewal', async () => {
    const { welcome, handler, outbox, results } = await setup({ share: 1 });
    const a = new Stream('a:1');
    welcome(a);
    const granted = a.lastGrant() ?? [];
    expect(granted).toHaveLength(4);
    outbox.isFull = true; // no refresh: the disk filled between two renewals
    handler.onMessage(notice('q1', granted[0] ?? ''), a);
    expect(results).toEqual([false]);
    expect(a.sent.find((m) => m.lease_ended)?.lease_ended).toMatchObject({
      lease_id: 'q1',
      reason: 'refused: outbox_full',
    });
    expect(a.lastGrant()).toEqual([]);
  });

  it('drops a device gone from the slot table from the grant at once', async () => {
    const { welcome, quota, admission, accs } = await setup({ share: 1 });
    const a = new Stream('a:1');
    welcome(a);
    expect(a.lastGrant()).toHaveLength(4);
    admission.setAccelerators(accs.slice(1));
    quota.refresh();
    expect(a.lastGrant()).toHaveLength(3);
  });

  it('gives a replica whose stream went down nothing more, its slots back to the others', async () => {
    const { welcome, quota } = await setup({ share: 1 });
    const a = new Stream('a:1');
    const b = new Stream('b:1');
    welcome(a);
    welcome(b);
    expect(b.lastGrant()).toHaveLength(2);
    a.up = false;
    quota.refresh(true);
    expect(b.lastGrant()).toHaveLength(4);
  });

  it('grants a reconnected replica only free slots: its old session’s leases keep theirs, undelegated', async () => {
    const { welcome, handler, admission, quota } = await setup({ share: 1, accelerators: 2 });
    const a = new Stream('a:1');
    welcome(a);
    const [first] = a.lastGrant() ?? [];
    handler.onMessage(notice('q1', first ?? ''), a);
    welcome(a); // the stream came back: a new session on the replica
    expect(a.lastGrant()).toHaveLength(1);
    expect(a.lastGrant()).not.toContain(first);
    // When that lease ends, its slot is free and is granted again.
    handler.onMessage(new pb.CoordinatorMessage({ revoke: { lease_id: 'q1' } }), a);
    expect(admission.get('q1')).toBeUndefined();
    quota.refresh();
    expect(a.lastGrant()).toHaveLength(2);
  });

  it('answers an offer with the free slots that replica can use: not another replica’s delegated ones', async () => {
    const { welcome, handler } = await setup({ share: 0.5 });
    const a = new Stream('a:1');
    const b = new Stream('b:1');
    welcome(a);
    welcome(b);
    // 4 slots: one delegated to each replica, two of nobody's quota.
    handler.onMessage(offer('o1'), b);
    expect(b.sent.at(-1)?.offer_reply).toMatchObject({ admitted: true, slots_free: 2 });
    handler.onMessage(offer('o2'), b);
    expect(b.sent.at(-1)?.offer_reply).toMatchObject({ admitted: true, slots_free: 1 });
    handler.onMessage(offer('o3'), b);
    expect(b.sent.at(-1)?.offer_reply).toMatchObject({ admitted: false, slots_free: 1 });
    handler.onMessage(notice('q1', b.lastGrant()?.[0] ?? ''), b);
    handler.onMessage(offer('o4'), b);
    // Only replica a's delegated slot is free now: none for b.
    expect(b.sent.at(-1)?.offer_reply).toMatchObject({ admitted: false, slots_free: 0 });
  });

  it('grants nothing with share 0', async () => {
    const { welcome } = await setup({ share: 0 });
    const a = new Stream('a:1');
    welcome(a);
    expect(a.lastGrant()).toBeUndefined();
  });
});
