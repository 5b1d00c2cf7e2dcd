import { describe, expect, it } from 'vitest';
import { AgentClock, neverBackwards } from './clock.js';

describe('AgentClock', () => {
  it('adds the configured offset to the host clock', () => {
    const c = new AgentClock({
      offsetMs: -180_000,
      followCoordinator: true,
      base: () => 1_000_000,
    });
    expect(c.local()).toBe(820_000);
    expect(c.now()).toBe(820_000);
    expect(c.isSynced).toBe(false);
  });

  it('follows the coordinator from a hello/welcome sample (midpoint of the round trip)', () => {
    let t = 1_000_000;
    const c = new AgentClock({ offsetMs: 180_000, followCoordinator: true, base: () => t });
    // hello sent at local 1_180_000, welcome at local 1_180_100 carrying coordinator time 1_000_050.
    expect(c.sample(1_180_000, 1_000_050, 1_180_100)).toBe(-180_000);
    expect(c.isSynced).toBe(true);
    expect(c.now()).toBe(1_000_000);
    t += 5000;
    expect(c.now()).toBe(1_005_000);
  });

  it('ignores samples with a long or negative round trip or no server time', () => {
    const c = new AgentClock({
      offsetMs: 0,
      followCoordinator: true,
      maxSampleRttMs: 1000,
      base: () => 0,
    });
    expect(c.sample(0, 50_000, 5000)).toBeUndefined();
    expect(c.sample(10, 50_000, 5)).toBeUndefined();
    expect(c.sample(0, 0, 10)).toBeUndefined();
    expect(c.correctionMs).toBe(0);
  });

  it('measures but does not correct when not following the coordinator', () => {
    const c = new AgentClock({ offsetMs: 60_000, followCoordinator: false, base: () => 0 });
    expect(c.sample(61_000, 1000, 61_000)).toBe(-60_000);
    expect(c.now()).toBe(60_000);
    expect(c.isSynced).toBe(false);
  });
});

describe('neverBackwards', () => {
  it('holds the highest value read when the clock steps back, and follows it forward again', () => {
    const readings = [1000, 1005, 998, 1003, 1010];
    let i = 0;
    const now = neverBackwards(() => readings[i++] ?? 0);
    expect(readings.map(() => now())).toEqual([1000, 1005, 1005, 1005, 1010]);
  });
});
