import { describe, expect, it } from 'vitest';
import { PublishRateLimiter } from './publish-limit.js';

describe('PublishRateLimiter (token buckets per site)', () => {
  const limits = { messagesPerSecond: 2, messageBurst: 3, bytesPerSecond: 100, byteBurst: 250 };

  it('lets a burst through, then the refill rate; sites have their own buckets', () => {
    let now = 0;
    const r = new PublishRateLimiter(limits, () => now);
    expect([1, 2, 3, 4].map(() => r.take('a', 1))).toEqual(['ok', 'ok', 'ok', 'messages']);
    expect(r.take('b', 1)).toBe('ok');
    now += 500; // one message refilled
    expect(r.take('a', 1)).toBe('ok');
    expect(r.take('a', 1)).toBe('messages');
    now += 60_000; // never above the burst
    expect([1, 2, 3, 4].map(() => r.take('a', 1))).toEqual(['ok', 'ok', 'ok', 'messages']);
  });

  it('counts bytes too; a refused publish takes nothing from either bucket', () => {
    let now = 0;
    const r = new PublishRateLimiter(limits, () => now);
    expect(r.take('a', 200)).toBe('ok');
    expect(r.take('a', 100)).toBe('bytes'); // 50 left
    expect(r.take('a', 50)).toBe('ok'); // the refused one took no message either
    now += 1000; // +100 bytes (0 left before), +2 messages (1 left before)
    expect(r.take('a', 100)).toBe('ok');
    expect(r.take('a', 1)).toBe('bytes');
    now += 10; // +1 byte
    expect(r.take('a', 1)).toBe('ok');
    expect(r.take('a', 0)).toBe('ok'); // the last message
    expect(r.take('a', 0)).toBe('messages');
  });
});
