import { describe, expect, it } from 'vitest';
import { StreamKeepalive, type KeepaliveTimers } from './stream-keepalive.js';

/** Manual timers: `advance(ms)` runs what falls due, in order. */
function fakeTimers() {
  let now = 0;
  let id = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: KeepaliveTimers = {
    setTimeout: (fn, ms) => {
      due.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => due.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...due.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  return { timers, advance, now: () => now, pending: () => due.size };
}

describe('StreamKeepalive', () => {
  it('pings every interval while answered, and reports a miss timeout after an unanswered ping', () => {
    const t = fakeTimers();
    const pings: number[] = [];
    const misses: number[] = [];
    let answer = true;
    const k: StreamKeepalive = new StreamKeepalive(
      { intervalMs: 1000, timeoutMs: 2000 },
      (seq) => {
        pings.push(seq);
        if (answer) k.pong(seq);
      },
      (waited) => misses.push(waited),
      t.timers,
      t.now,
    );
    k.start();
    t.advance(999);
    expect(pings).toEqual([]);
    t.advance(1);
    t.advance(2000);
    expect(pings).toEqual([1, 2, 3]);
    expect(k.lastRttMs).toBe(0);
    answer = false;
    t.advance(1000);
    expect(pings).toEqual([1, 2, 3, 4]);
    t.advance(1999);
    expect(misses).toEqual([]);
    t.advance(1);
    expect(misses).toEqual([2000]);
    // A miss ends it: no more pings, no second miss.
    t.advance(10_000);
    expect(pings).toHaveLength(4);
    expect(misses).toHaveLength(1);
    expect(t.pending()).toBe(0);
  });

  it('ignores a pong of another seq; stop() cancels everything', () => {
    const t = fakeTimers();
    const misses: number[] = [];
    const k = new StreamKeepalive(
      { intervalMs: 100, timeoutMs: 300 },
      () => undefined,
      (w) => misses.push(w),
      t.timers,
      t.now,
    );
    k.start();
    t.advance(100);
    k.pong(7);
    t.advance(300);
    expect(misses).toEqual([300]);

    const s = new StreamKeepalive(
      { intervalMs: 100, timeoutMs: 300 },
      () => undefined,
      (w) => misses.push(w),
      t.timers,
      t.now,
    );
    s.start();
    t.advance(150);
    s.stop();
    t.advance(1000);
    expect(misses).toEqual([300]);
    expect(t.pending()).toBe(0);
  });
});
