import { describe, expect, it } from 'vitest';
import type { Logger } from '@edgefleet/common';
import { throttledWarn } from './throttled-warn.js';

describe('throttledWarn', () => {
  it('logs the first occurrence of a key, then one line a period per key with the ones held back', () => {
    const lines: [Record<string, unknown>, string][] = [];
    const log = {
      warn: (o: Record<string, unknown>, msg: string) => lines.push([o, msg]),
    } as unknown as Logger;
    let clock = 0;
    const warn = throttledWarn(log, 'step failed', 60_000, () => clock);
    for (let i = 0; i < 5; i++, clock += 1_000) warn('heartbeat', { err: 'db down' });
    warn('sweep', { err: 'db down' });
    clock = 61_000;
    warn('heartbeat', { err: 'still down' });
    expect(lines.map(([o, msg]) => [msg, o['err'], o['repeatsSinceLastLine']])).toEqual([
      ['step failed', 'db down', 0],
      ['step failed', 'db down', 0],
      ['step failed', 'still down', 4],
    ]);
  });
});
