import { describe, expect, it } from 'vitest';
import type { Logger } from '@edgefleet/common';
import { sliceErrorLog } from './slice-error-log.js';

describe('sliceErrorLog', () => {
  it('logs the first failure of a step, then one line a period per step with the failures between', () => {
    const lines: Record<string, unknown>[] = [];
    const log = { warn: (o: Record<string, unknown>) => lines.push(o) } as unknown as Logger;
    let clock = 0;
    const report = sliceErrorLog(log, 60_000, () => clock);
    for (let i = 0; i < 5; i++, clock += 1_000) report('heartbeat', new Error('db down'));
    report('sweep', new Error('db down'));
    clock = 61_000;
    report('heartbeat', new Error('still down'));
    expect(lines.map((l) => [l['step'], l['err'], l['failedSinceLastLine']])).toEqual([
      ['heartbeat', 'db down', 0],
      ['sweep', 'db down', 0],
      ['heartbeat', 'still down', 4],
    ]);
  });
});
