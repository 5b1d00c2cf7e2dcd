import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startSystemdNotify, watchdogIntervalMs } from '@edgefleet/common';
import { eventually } from '../support/processes.js';
import { startNotifyListener } from './notify-listener.js';

const haveTools =
  !spawnSync('systemd-notify', ['--help']).error && !spawnSync('python3', ['--version']).error;

describe('startSystemdNotify: READY=1 once ready, WATCHDOG=1 only while ready', () => {
  const saved = { socket: process.env.NOTIFY_SOCKET, usec: process.env.WATCHDOG_USEC };
  afterEach(() => {
    for (const [k, v] of [
      ['NOTIFY_SOCKET', saved.socket],
      ['WATCHDOG_USEC', saved.usec],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  it('reads the interval from WATCHDOG_USEC (half of it) and only for this process', () => {
    expect(watchdogIntervalMs({ NOTIFY_SOCKET: '/x', WATCHDOG_USEC: '30000000' })).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' })).toBeUndefined();
    expect(
      watchdogIntervalMs({ NOTIFY_SOCKET: '/x', WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' }),
    ).toBeUndefined();
  });

  it.skipIf(!haveTools)(
    'holds READY=1 back while not ready, pings while ready, stops pinging once not ready',
    async () => {
      const listener = await startNotifyListener();
      process.env.NOTIFY_SOCKET = listener.path;
      process.env.WATCHDOG_USEC = '1000000';
      let ready = false;
      let asked = 0;
      const stop = startSystemdNotify(
        () => {
          asked++;
          return Promise.resolve(ready);
        },
        { pollMs: 50 },
      );
      try {
        const watchdogs = () => listener.messages().filter((m) => m.includes('WATCHDOG=1')).length;
        await eventually(
          () => Promise.resolve(asked),
          (n) => n >= 3,
        );
        expect(listener.messages()).toEqual([]);

        ready = true;
        await eventually(
          () => Promise.resolve(listener.messages()),
          (m) => m.filter((x) => x.includes('WATCHDOG=1')).length >= 2,
        );
        expect(listener.messages()[0]).toMatch(/^MAINPID=\d+ READY=1/);
        expect(listener.messages().filter((m) => m.includes('READY=1'))).toHaveLength(1);

        ready = false;
        // Each tick awaits its message before the next: once asked again, no ping is in flight.
        const at = asked;
        await eventually(
          () => Promise.resolve(asked),
          (n) => n > at,
        );
        const pinged = watchdogs();
        const then = asked;
        await eventually(
          () => Promise.resolve(asked),
          (n) => n >= then + 2,
        );
        expect(watchdogs()).toBe(pinged);

        ready = true;
        await eventually(
          () => Promise.resolve(watchdogs()),
          (n) => n > pinged,
        );
      } finally {
        stop();
        listener.close();
      }
    },
    30_000,
  );
});
