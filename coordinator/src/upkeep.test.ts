import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { coordinatorConfigSchema } from './config.js';
import { ShutdownSteps } from './shutdown.js';
import { startUpkeep } from './upkeep.js';

const T0 = 1_800_000_000_000;

describe('startUpkeep', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function upkeep(sweepExpired: (now: number) => Promise<void>) {
    const config = coordinatorConfigSchema.parse({
      dataDir: '/tmp/unused',
      liveness: { sweepIntervalMs: 1000 },
      leases: { maxTtlS: 600 },
    });
    const calls: string[] = [];
    const log = createLogger('test', 'silent');
    const warn = vi.spyOn(log, 'warn');
    const shutdown = new ShutdownSteps(log);
    startUpkeep(config, {
      registry: { sweep: () => void calls.push('registry.sweep') },
      siteConfig: {
        retireKeys: (maxAgeMs, nowMs) => {
          calls.push(`retireKeys(${maxAgeMs}, +${nowMs - T0})`);
          return [];
        },
        sync: () => void calls.push('siteConfig.sync'),
      },
      leases: {
        sweepExpired: (now) => {
          calls.push(`sweepExpired(+${now - T0})`);
          return sweepExpired(now);
        },
      },
      log,
      shutdown,
    });
    return { calls, warn, shutdown };
  }

  it('every sweepIntervalMs: sweeps the registry, retires keys older than the longest lease, sweeps expired holds, syncs site configs', async () => {
    const { calls, warn } = upkeep(() => Promise.resolve());
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([
      'registry.sweep',
      'retireKeys(600000, +1000)',
      'sweepExpired(+1000)',
      'siteConfig.sync',
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.slice(4)).toEqual([
      'registry.sweep',
      'retireKeys(600000, +2000)',
      'sweepExpired(+2000)',
      'siteConfig.sync',
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a failed hold sweep is logged and tried again at the next tick; shutdown stops the ticks', async () => {
    const { calls, warn, shutdown } = upkeep(() => Promise.reject(new Error('database away')));
    await vi.advanceTimersByTimeAsync(1000);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toBe('hold expiry sweep failed; retried at the next tick');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.filter((c) => c.startsWith('sweepExpired'))).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(2);

    await shutdown.close();
    const before = calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(before);
  });
});
