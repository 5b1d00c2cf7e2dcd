/**
 * Per-site publish rate limits of the embedded broker: two token buckets per client id, one
 * counting messages and one counting bytes, each refilled continuously at its rate up to its
 * burst. A publish that either bucket cannot pay for is dropped (and takes nothing from the other).
 */
export interface PublishLimits {
  /** Messages per second each site may publish, on average, and how many at once. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Payload bytes per second each site may publish, on average, and how many at once. */
  bytesPerSecond: number;
  byteBurst: number;
}

interface Buckets {
  messages: number;
  bytes: number;
  atMs: number;
}

export class PublishRateLimiter {
  private readonly buckets = new Map<string, Buckets>();

  constructor(
    private readonly limits: PublishLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one message of `bytes` from the site's buckets; names the bucket that is short (nothing taken) when over. */
  take(siteId: string, bytes: number): 'ok' | 'messages' | 'bytes' {
    const l = this.limits;
    const now = this.now();
    let b = this.buckets.get(siteId);
    if (!b)
      this.buckets.set(siteId, (b = { messages: l.messageBurst, bytes: l.byteBurst, atMs: now }));
    const elapsedS = Math.max(0, now - b.atMs) / 1000;
    b.messages = Math.min(l.messageBurst, b.messages + elapsedS * l.messagesPerSecond);
    b.bytes = Math.min(l.byteBurst, b.bytes + elapsedS * l.bytesPerSecond);
    b.atMs = now;
    if (b.messages < 1) return 'messages';
    if (b.bytes < bytes) return 'bytes';
    b.messages -= 1;
    b.bytes -= bytes;
    return 'ok';
  }
}
