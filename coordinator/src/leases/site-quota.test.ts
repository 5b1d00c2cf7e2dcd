import { describe, expect, it } from 'vitest';
import { HELD_GRACE_MS, SiteQuotas } from './site-quota.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const slot = (id: string, isolation = 'whole') => ({
  slot: id,
  accelerator_model: 'NVIDIA H100 80GB HBM3',
  accelerator_serial: `sn-${id}`,
  mig_instance_uuid: '',
  isolation,
});

const lease = (leaseId: string, expiresAtMs: number, isolation = '') => ({
  leaseId,
  isolation,
  expiresAtMs,
});

describe('SiteQuotas', () => {
  it('admits no more leases than the grant has slots, each on its own slot, with what a reply would say', () => {
    const c = clock();
    const q = new SiteQuotas(c.now);
    q.grant('s1', { epoch: 7, ttl_ms: 10_000, slots: [slot('0/0'), slot('1/0')] });
    const a = q.admit('s1', lease('l1', c.now() + 60_000));
    const b = q.admit('s1', lease('l2', c.now() + 60_000));
    expect(a).toMatchObject({ slot: '0/0', acceleratorSerial: 'sn-0/0', epoch: 7 });
    expect(b?.slot).toBe('1/0');
    expect(q.admit('s1', lease('l3', c.now() + 60_000))).toBeUndefined();
    expect(q.free('s1')).toBe(0);
  });

  it('gives a slot back when its lease ends, and keeps what it holds across a renewal of the grant', () => {
    const c = clock();
    const q = new SiteQuotas(c.now);
    q.grant('s1', { epoch: 1, ttl_ms: 10_000, slots: [slot('0/0')] });
    expect(q.admit('s1', lease('l1', c.now() + 60_000))).toBeDefined();
    q.grant('s1', { epoch: 2, ttl_ms: 10_000, slots: [slot('0/0')] });
    expect(q.admit('s1', lease('l2', c.now() + 60_000))).toBeUndefined();
    q.ended('l1');
    expect(q.admit('s1', lease('l2', c.now() + 60_000))?.epoch).toBe(2);
  });

  it('admits nothing once the grant expired, was revoked by an empty grant, or the stream dropped', () => {
    const c = clock();
    const q = new SiteQuotas(c.now);
    q.grant('s1', { epoch: 1, ttl_ms: 1_000, slots: [slot('0/0'), slot('1/0')] });
    c.advance(1_000);
    expect(q.has('s1')).toBe(false);
    expect(q.admit('s1', lease('l1', c.now() + 60_000))).toBeUndefined();

    q.grant('s1', { epoch: 2, ttl_ms: 1_000, slots: [slot('0/0')] });
    q.grant('s1', { epoch: 3, ttl_ms: 1_000, slots: [] });
    expect(q.admit('s1', lease('l1', c.now() + 60_000))).toBeUndefined();

    q.grant('s1', { epoch: 4, ttl_ms: 1_000, slots: [slot('0/0')] });
    q.drop('s1');
    expect(q.admit('s1', lease('l1', c.now() + 60_000))).toBeUndefined();
    expect(q.admit('s2', lease('l1', c.now() + 60_000))).toBeUndefined();
  });

  it('matches the isolation asked for, as the agent does', () => {
    const c = clock();
    const q = new SiteQuotas(c.now);
    q.grant('s1', { epoch: 1, ttl_ms: 10_000, slots: [slot('0/0', 'whole'), slot('1/0', 'mig')] });
    expect(q.admit('s1', lease('l1', c.now() + 60_000, 'mig'))?.slot).toBe('1/0');
    expect(q.admit('s1', lease('l2', c.now() + 60_000, 'mig'))).toBeUndefined();
    expect(q.admit('s1', lease('l3', c.now() + 60_000, 'timeslice'))).toBeUndefined();
    expect(q.admit('s1', lease('l4', c.now() + 60_000))?.slot).toBe('0/0');
  });

  it('frees at the next grant a slot whose lease passed its expiry (plus grace) without an end heard; a lease renewal keeps it', () => {
    const c = clock();
    const q = new SiteQuotas(c.now);
    const grant = { epoch: 1, ttl_ms: 600_000, slots: [slot('0/0'), slot('1/0')] };
    q.grant('s1', grant);
    q.admit('s1', lease('l1', c.now() + 1_000));
    q.admit('s1', lease('l2', c.now() + 1_000));
    q.renew('l2', c.now() + 100_000);
    c.advance(1_000 + HELD_GRACE_MS);
    expect(q.free('s1')).toBe(0);
    q.grant('s1', grant);
    expect(q.free('s1')).toBe(1);
    expect(q.admit('s1', lease('l3', c.now() + 1_000))?.slot).toBe('0/0');
    q.ended('l1'); // the old lease's late end must not free l3's slot
    expect(q.free('s1')).toBe(0);
  });

  it('holds the invariant over random operations: held leases ≤ granted slots, each slot once', () => {
    const c = clock();
    const q = new SiteQuotas(c.now);
    const live = new Map<string, string>();
    let n = 0;
    let seed = 42;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % k) | 0;
    let granted = 0;
    for (let i = 0; i < 2000; i++) {
      const op = rnd(10);
      if (op === 0) {
        granted = rnd(4);
        q.grant('s', {
          epoch: i,
          ttl_ms: 5_000,
          slots: Array.from({ length: granted }, (_, k) => slot(`${k}/0`)),
        });
      } else if (op === 1 && live.size > 0) {
        const id = [...live.keys()][rnd(live.size)] as string;
        q.ended(id);
        live.delete(id);
      } else if (op === 2) {
        c.advance(rnd(3_000));
      } else {
        const a = q.admit('s', lease(`l${n++}`, c.now() + 600_000));
        if (a) {
          expect([...live.values()]).not.toContain(a.slot);
          live.set(`l${n - 1}`, a.slot);
        }
      }
      if (!q.has('s')) continue;
      expect(q.free('s') + [...live.values()].filter((s) => Number(s[0]) < granted).length).toBe(
        granted,
      );
    }
  });
});
