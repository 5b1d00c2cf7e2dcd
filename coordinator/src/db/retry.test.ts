import { describe, expect, it } from 'vitest';
import { isRetryable, withRetries } from './retry.js';

const pgError = (code: string): Error => Object.assign(new Error(`pg ${code}`), { code });

describe('withRetries', () => {
  it('retries serialization failures and deadlocks, then succeeds', async () => {
    let calls = 0;
    const out = await withRetries(async () => {
      calls++;
      if (calls === 1) throw pgError('40001');
      if (calls === 2) throw pgError('40P01');
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw pgError('23505');
      }),
    ).rejects.toThrow('23505');
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw pgError('40001');
      }, 3),
    ).rejects.toThrow('40001');
    expect(calls).toBe(3);
  });

  it('knows what is retryable', () => {
    expect(isRetryable(pgError('40001'))).toBe(true);
    expect(isRetryable(new Error('x'))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});
