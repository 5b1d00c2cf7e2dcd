import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

describe('Mutex', () => {
  it('runs holders one at a time, in arrival order', async () => {
    const m = new Mutex();
    const log: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const a = m.run(async () => {
      log.push('a:start');
      await gate;
      log.push('a:end');
    });
    const b = m.run(async () => {
      log.push('b');
    });
    const c = m.run(async () => {
      log.push('c');
    });
    await Promise.resolve();
    open();
    await Promise.all([a, b, c]);
    expect(log).toEqual(['a:start', 'a:end', 'b', 'c']);
  });

  it('releases the lock when the holder throws', async () => {
    const m = new Mutex();
    await expect(m.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(m.run(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
