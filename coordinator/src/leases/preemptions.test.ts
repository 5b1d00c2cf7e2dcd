import { describe, expect, it } from 'vitest';
import { createLogger } from '@edgefleet/common';
import type { RunningLease } from '../market/index.js';
import { createCoordinatorMetrics } from '../metrics.js';
import { Preemptions } from './preemptions.js';

const victim = (leaseId: string): RunningLease => ({
  leaseId,
  holdId: `h-${leaseId}`,
  siteId: 'site-a',
  customerId: 'spot',
  priority: 0,
  startedAtMs: 1,
  reserved: false,
  noticed: false,
});

function desk(graceMs: number) {
  const notified: { leaseId: string; deadlineMs: number }[] = [];
  const revoked: string[] = [];
  const metrics = createCoordinatorMetrics();
  const d = new Preemptions(
    graceMs,
    {
      notify: (v, _reason, deadlineMs) => notified.push({ leaseId: v.leaseId, deadlineMs }),
      revoke: (v) => {
        revoked.push(v.leaseId);
        return Promise.resolve();
      },
    },
    metrics,
    createLogger('preemptions-test', 'silent'),
  );
  return { d, notified, revoked, metrics };
}

describe('Preemptions', () => {
  it('notifies with the deadline, revokes after the grace, then frees the preemptor', async () => {
    const { d, notified, revoked, metrics } = desk(30);
    const freed = d.preempt(victim('l-1'), 'reservation', 'owner', 1_000);
    expect(notified).toEqual([{ leaseId: 'l-1', deadlineMs: 1_030 }]);
    expect(d.noticed('l-1')).toBe(true);
    expect(d.claimedBy('owner', ['site-a'])).toBe(1);
    expect(d.claimedBy('owner', ['site-b'])).toBe(0);
    expect(d.claimedBy('other', ['site-a'])).toBe(0);
    expect(revoked).toEqual([]);
    await freed;
    expect(revoked).toEqual(['l-1']);
    expect(d.noticed('l-1')).toBe(false);
    expect((await metrics.preemptions.get()).values).toMatchObject([
      { labels: { reason: 'reservation' }, value: 1 },
    ]);
  });

  it('a lease that ends before its deadline frees the slot without a revoke', async () => {
    const { d, revoked } = desk(60_000);
    const freed = d.preempt(victim('l-2'), 'priority', 'owner');
    d.ended('l-2');
    await freed;
    expect(revoked).toEqual([]);
    expect(d.size).toBe(0);
  });

  it('close() stops the timers and lets the preemptors go; the victims are not revoked', async () => {
    const { d, revoked } = desk(60_000);
    const freed = d.preempt(victim('l-3'), 'priority', 'owner');
    d.close();
    await freed;
    expect(revoked).toEqual([]);
  });
});
