import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoticeBatcher } from './notice-batcher.js';

afterEach(() => vi.useRealTimers());

describe('NoticeBatcher', () => {
  it('sends a full batch at once and the rest after flushMs', () => {
    vi.useFakeTimers();
    const sent: number[][] = [];
    const b = new NoticeBatcher<number>({ flushMs: 5, maxBatch: 3, send: (x) => sent.push(x) });
    for (let i = 0; i < 4; i++) b.push(i);
    expect(sent).toEqual([[0, 1, 2]]);
    vi.advanceTimersByTime(4);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[0, 1, 2], [3]]);
  });

  it('sends nothing when empty, and nothing after clear', () => {
    vi.useFakeTimers();
    const sent: number[][] = [];
    const b = new NoticeBatcher<number>({ flushMs: 5, maxBatch: 10, send: (x) => sent.push(x) });
    b.flush();
    b.push(1);
    b.clear();
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([]);
    expect(b.size).toBe(0);
  });
});
