import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '@edgefleet/common';
import { ShutdownSteps } from './shutdown.js';

describe('ShutdownSteps', () => {
  it('runs the steps last-first, logs a failed one and goes on, and runs them once', async () => {
    const log = createLogger('test', 'silent');
    const warn = vi.spyOn(log, 'warn');
    const shutdown = new ShutdownSteps(log);
    const order: string[] = [];
    shutdown.add(() => void order.push('db'));
    shutdown.add(() => Promise.reject(new Error('broker stuck')));
    shutdown.add(async () => {
      await Promise.resolve();
      order.push('http');
    });
    expect(shutdown.closing).toBe(false);
    await shutdown.close();
    expect(shutdown.closing).toBe(true);
    expect(order).toEqual(['http', 'db']);
    expect(warn).toHaveBeenCalledTimes(1);
    await shutdown.close();
    expect(order).toEqual(['http', 'db']);
  });
});
